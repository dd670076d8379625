/**
 * The ATB logical backup file, plain UTF-8 text:
 *
 *   ATB-BACKUP 1 {"migrationVersion":1,"backend":"pglite","createdAt":"2024-06-01T12:00:00.000Z"}
 *   TABLE {"name":"bars","columns":["instrument_id",...],"rows":2}
 *   <exactly `rows` lines of PostgreSQL COPY text format>
 *   END {"tables":1,"rows":2}
 *
 * COPY text writes every value exactly (numeric digits, shortest round-trip doubles, UTC timestamps)
 * and one row per line (newlines inside values are escaped), so a section is read by counting lines and
 * a file cut short is detected by a missing END.
 */
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_MAGIC = 'ATB-BACKUP';

export interface BackupFileHeader {
  readonly migrationVersion: number;
  readonly backend: string;
  readonly createdAt: string;
}

export interface BackupTableHeader {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: number;
}

export interface BackupTrailer {
  readonly tables: number;
  readonly rows: number;
}

export function headerLine(header: BackupFileHeader): string {
  return `${BACKUP_MAGIC} ${BACKUP_FORMAT_VERSION} ${JSON.stringify(header)}\n`;
}

export function tableLine(table: BackupTableHeader): string {
  return `TABLE ${JSON.stringify(table)}\n`;
}

export function trailerLine(trailer: BackupTrailer): string {
  return `END ${JSON.stringify(trailer)}\n`;
}
