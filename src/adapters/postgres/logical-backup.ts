import { open, rename, rm } from 'node:fs/promises';
import { escapeIdentifier } from 'pg';
import type { BackupSummary } from '../../application/ports/database-admin.js';
import { type AtbTable, atbTables, PORTABLE_TEXT_SETTINGS } from './atb-tables.js';
import { headerLine, tableLine, trailerLine } from './backup-format.js';
import { CopyFormat, IsolationLevel, type SqlExecutor, type SqlSession } from './sql-executor.js';

/** Heap pages per COPY when dumping a plain table (about 16 MB), so a large table never sits in memory. */
const PAGES_PER_COPY = 2_048;

/**
 * Writes a logical backup (backup-format.ts) of every ATB table from one consistent snapshot (a
 * repeatable-read, read-only transaction), parents before children. The file is written aside and
 * renamed into place once complete, so `path` is never half a backup.
 */
export async function writeBackup(db: SqlExecutor, path: string, migrationVersion: number, now: () => Date = () => new Date()): Promise<BackupSummary> {
  const draft = `${path}.partial`;
  const file = await open(draft, 'w');
  try {
    const tables = await db.transaction(
      'backup',
      (tx) =>
        tx.run('backup.dump', async (session) => {
          for (const setting of PORTABLE_TEXT_SETTINGS) await session.query(setting);
          await file.write(headerLine({ migrationVersion, backend: db.backend, createdAt: now().toISOString() }));
          const written: { name: string; rows: number }[] = [];
          for (const table of await atbTables(session)) {
            const rows = await countRows(session, table);
            await file.write(tableLine({ name: table.name, columns: table.columns, rows }));
            const lines = await dumpTable(session, table, (bytes) => file.write(bytes).then(() => undefined));
            if (lines !== rows) throw new Error(`backup of ${table.name}: counted ${rows} rows but copied ${lines}`);
            written.push({ name: table.name, rows });
          }
          await file.write(trailerLine({ tables: written.length, rows: written.reduce((sum, t) => sum + t.rows, 0) }));
          return written;
        }),
      { isolation: IsolationLevel.REPEATABLE_READ, readOnly: true, noStatementTimeout: true, noRetry: true },
    );
    await file.sync();
    await file.close();
    await rename(draft, path);
    return { path, migrationVersion, tables };
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(draft, { force: true });
    throw error;
  }
}

async function countRows(session: SqlSession, table: AtbTable): Promise<number> {
  const { rows } = await session.query<{ n: string }>(`SELECT count(*) AS n FROM ${escapeIdentifier(table.name)}`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Copies a table out as COPY text, a range of heap pages at a time (a TID range scan, PostgreSQL 14+)
 * for plain tables. Every row visible to the snapshot lies below the relation size read after the
 * snapshot began: tables only grow while someone may still see a row. Returns the lines written.
 */
async function dumpTable(session: SqlSession, table: AtbTable, write: (bytes: Uint8Array) => Promise<void>): Promise<number> {
  const select = `SELECT ${table.columns.map((c) => escapeIdentifier(c)).join(', ')} FROM ${escapeIdentifier(table.name)}`;
  if (!table.plain) return writeCopy(await session.copyTo(select, CopyFormat.TEXT), write);
  const { rows } = await session.query<{ pages: string }>(
    `SELECT ceil(pg_relation_size($1::regclass) / current_setting('block_size')::numeric) AS pages`,
    [escapeIdentifier(table.name)],
  );
  const pages = Number(rows[0]?.pages ?? 0);
  let lines = 0;
  for (let first = 0; first < pages; first += PAGES_PER_COPY) {
    const last = first + PAGES_PER_COPY;
    const bytes = await session.copyTo(`${select} WHERE ctid >= '(${first},0)'::tid AND ctid < '(${last},0)'::tid`, CopyFormat.TEXT);
    lines += await writeCopy(bytes, write);
  }
  return lines;
}

async function writeCopy(bytes: Uint8Array, write: (bytes: Uint8Array) => Promise<void>): Promise<number> {
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines++;
  if (bytes.length > 0) await write(bytes);
  return lines;
}

