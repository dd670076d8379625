import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { escapeIdentifier } from 'pg';
import type { BackupSummary } from '../../application/ports/database-admin.js';
import { AtbError } from '../../shared/errors.js';
import { atbTables, PORTABLE_TEXT_SETTINGS } from './atb-tables.js';
import {
  BACKUP_FORMAT_VERSION,
  BACKUP_MAGIC,
  type BackupFileHeader,
  type BackupTableHeader,
  type BackupTrailer,
} from './backup-format.js';
import type { Migrator } from './migrator.js';
import { CopyFormat, type SqlExecutor, type SqlSession } from './sql-executor.js';

/** Lines per COPY on PGlite, which holds each COPY input in memory. */
const PGLITE_LINES_PER_COPY = 50_000;

/**
 * Restores a logical backup (backup-format.ts) into an empty database, on either backend: migrates the
 * database to the backup's migration level, loads every table in one transaction (all or nothing),
 * moves identity and serial sequences past the loaded ids, then applies the newer migrations. Refuses
 * with AtbError CONFLICT, changing no data, when an ATB table has rows or the database is already
 * migrated past the backup; with DATA_INVALID when the file is not a complete ATB backup.
 */
export async function restoreBackup(db: SqlExecutor, migrator: Migrator, path: string, knownVersion: number): Promise<BackupSummary> {
  const lines = lineReader(path);
  try {
    const header = parseHeader(path, await lines.next());
    if (header.migrationVersion > knownVersion) {
      throw new AtbError('CONFLICT', `${path} was made at migration ${header.migrationVersion}, newer than this ATB knows (${knownVersion}): upgrade ATB to restore it`, {
        path,
      });
    }
    const level = await migrator.level();
    if (level > header.migrationVersion) {
      throw new AtbError('CONFLICT', `the database is at migration ${level}, past the backup's ${header.migrationVersion}: restore into a new database`, {
        path,
      });
    }
    await migrator.migrate({ upTo: header.migrationVersion });
    const tables = await db.transaction(
      'restore',
      (tx) => tx.run('restore.load', (session) => load(session, db.backend, path, lines)),
      { noStatementTimeout: true, noRetry: true },
    );
    await migrator.migrate();
    return { path, migrationVersion: header.migrationVersion, tables };
  } finally {
    lines.close();
  }
}

async function load(session: SqlSession, backend: string, path: string, lines: LineReader): Promise<{ name: string; rows: number }[]> {
  for (const setting of PORTABLE_TEXT_SETTINGS) await session.query(setting);
  const known = new Map((await atbTables(session)).map((table) => [table.name, table]));
  for (const table of known.values()) {
    const { rows } = await session.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${escapeIdentifier(table.name)}) AS found`);
    if (rows[0]?.found === true) {
      throw new AtbError('CONFLICT', `restore needs an empty database, but table ${table.name} has rows: restore into a new database (or folder)`, {
        table: table.name,
      });
    }
  }
  const loaded: { name: string; rows: number }[] = [];
  for (;;) {
    const line = await lines.next();
    if (line === undefined) throw damaged(path, 'it ends before its END line (cut short?)');
    if (line.startsWith('END ')) {
      const trailer = parseJson<BackupTrailer>(path, line.slice(4));
      if (trailer.tables !== loaded.length) throw damaged(path, `its END line counts ${trailer.tables} tables, the file has ${loaded.length}`);
      break;
    }
    if (!line.startsWith('TABLE ')) throw damaged(path, `expected a TABLE or END line, found ${JSON.stringify(line.slice(0, 40))}`);
    const section = parseJson<BackupTableHeader>(path, line.slice(6));
    if (!known.has(section.name)) throw damaged(path, `its table ${JSON.stringify(section.name)} does not exist at this migration level`);
    const target = `${escapeIdentifier(section.name)} (${section.columns.map((c) => escapeIdentifier(c)).join(', ')})`;
    const perCopy = backend === 'pglite' ? PGLITE_LINES_PER_COPY : Number.POSITIVE_INFINITY;
    let remaining = section.rows;
    while (remaining > 0) {
      const take = Math.min(remaining, perCopy);
      await session.copyFrom(target, CopyFormat.TEXT, sectionLines(path, section.name, lines, take));
      remaining -= take;
    }
    await resetSequences(session, section.name);
    loaded.push({ name: section.name, rows: section.rows });
  }
  return loaded;
}

/** `count` data lines of a section as COPY input, in chunks of about 1 MB. */
async function* sectionLines(path: string, table: string, lines: LineReader, count: number): AsyncGenerator<Uint8Array> {
  let text = '';
  for (let i = 0; i < count; i++) {
    const line = await lines.next();
    if (line === undefined) throw damaged(path, `table ${table} ends early (cut short?)`);
    text += `${line}\n`;
    if (text.length > 1 << 20) {
      yield Buffer.from(text);
      text = '';
    }
  }
  if (text.length > 0) yield Buffer.from(text);
}

/** Moves each identity or serial sequence of the table past the largest value loaded. */
async function resetSequences(session: SqlSession, table: string): Promise<void> {
  const { rows } = await session.query<{ column_name: string; sequence: string | null }>(
    `SELECT column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
     FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  for (const row of rows) {
    if (row.sequence === null) continue;
    await session.query(
      `SELECT setval($1::regclass, coalesce((SELECT max(${escapeIdentifier(row.column_name)}) FROM ${escapeIdentifier(table)}), 0) + 1, false)`,
      [row.sequence],
    );
  }
}

function parseHeader(path: string, line: string | undefined): BackupFileHeader {
  const prefix = `${BACKUP_MAGIC} `;
  if (line?.startsWith(prefix) !== true) throw damaged(path, 'it does not start with an ATB-BACKUP line (not an ATB backup)');
  const rest = line.slice(prefix.length);
  const space = rest.indexOf(' ');
  const version = Number(rest.slice(0, space));
  if (version !== BACKUP_FORMAT_VERSION) throw damaged(path, `its format version is ${rest.slice(0, space)}, this ATB reads ${BACKUP_FORMAT_VERSION}`);
  const header = parseJson<BackupFileHeader>(path, rest.slice(space + 1));
  if (!Number.isSafeInteger(header.migrationVersion)) throw damaged(path, 'its header has no migration version');
  return header;
}

function parseJson<T>(path: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw damaged(path, `a header line is not valid JSON: ${JSON.stringify(text.slice(0, 60))}`);
  }
}

function damaged(path: string, why: string): AtbError {
  return new AtbError('DATA_INVALID', `${path} is not a complete ATB backup: ${why}`, { path });
}

interface LineReader {
  next(): Promise<string | undefined>;
  close(): void;
}

function lineReader(path: string): LineReader {
  const input = createReadStream(path, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = reader[Symbol.asyncIterator]();
  return {
    async next() {
      try {
        const result = await iterator.next();
        return result.done === true ? undefined : result.value;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new AtbError(code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT', `cannot read backup file '${path}': ${(error as Error).message}`, { path }, { cause: error });
      }
    },
    close() {
      reader.close();
      input.destroy();
    },
  };
}
