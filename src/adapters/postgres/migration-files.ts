import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationRef } from '../../application/ports/database-admin.js';
import { AtbError } from '../../shared/errors.js';
import { packagePath } from '../package-root.js';

/** A committed migration: `migrations/0001_market_data.sql`. */
export interface MigrationFile extends MigrationRef {
  readonly file: string;
  readonly sql: string;
  /** SHA-256 of the text with line ends normalised, so a checkout with CRLF is not "changed". */
  readonly checksum: string;
}

/** The package's `migrations/` folder (package.json ships it). */
export const MIGRATIONS_DIR = packagePath('migrations');

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads the migration files in version order; a misnamed .sql file or a repeated version is an error. */
export async function readMigrationFiles(dir: string = MIGRATIONS_DIR): Promise<readonly MigrationFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const match = FILE_NAME.exec(name);
    if (match?.[1] === undefined || match[2] === undefined) {
      throw new AtbError('CONFIG_INVALID', `invalid migration file name ${JSON.stringify(name)} in ${dir}: expected NNNN_lower_case_words.sql, such as 0002_orders.sql`, {
        file: name,
      });
    }
    const version = Number(match[1]);
    const previous = files.at(-1);
    if (previous?.version === version) {
      throw new AtbError('CONFIG_INVALID', `two migrations have version ${match[1]}: ${previous.file} and ${name}`, { version });
    }
    const sql = await readFile(join(dir, name), 'utf8');
    files.push({ version, name: match[2], file: name, sql, checksum: migrationChecksum(sql) });
  }
  return files;
}

export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/** `0001_market_data` */
export function migrationLabel(ref: MigrationRef): string {
  return `${String(ref.version).padStart(4, '0')}_${ref.name}`;
}
