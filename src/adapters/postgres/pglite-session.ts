import { type PGlite, types } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { type CopyFormat, type OrmDatabase, type SqlResult, type SqlRow, type SqlSession } from './sql-executor.js';

/**
 * Parsers that make PGlite hand values over as node-postgres does (int8 as a string, so that large ids
 * stay exact and both backends return the same types); numeric is a string on both already.
 */
export const PGLITE_PARSERS = { [types.INT8]: (text: string): string => text } as const;

/**
 * A SqlSession over the one PGlite connection. Only the holder of the database's mutex may use it
 * (pglite-database.ts); PGlite has a single connection, so a second caller would interleave its
 * statements with a transaction in progress.
 */
export class PgliteSession implements SqlSession {
  #orm: OrmDatabase | undefined;

  constructor(private readonly pglite: PGlite) {}

  async query<R = SqlRow>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    const result = await this.pglite.query<R>(text, params as unknown[]);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  }

  async execScript(sql: string): Promise<void> {
    await this.pglite.exec(sql);
  }

  async copyFrom(
    target: string,
    format: CopyFormat,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): Promise<number> {
    // PGlite reads COPY input from a Blob attached to the query, seen by the server as /dev/blob.
    const parts: Uint8Array[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    const result = await this.pglite.query(`COPY ${target} FROM '/dev/blob' (FORMAT ${format})`, [], {
      blob: new Blob(parts),
    });
    return result.affectedRows ?? 0;
  }

  async copyTo(query: string, format: CopyFormat): Promise<Uint8Array> {
    const result = await this.pglite.query(`COPY (${query}) TO '/dev/blob' (FORMAT ${format})`);
    return result.blob === undefined ? new Uint8Array(0) : new Uint8Array(await result.blob.arrayBuffer());
  }

  orm(): OrmDatabase {
    this.#orm ??= drizzle({ client: this.pglite });
    return this.#orm;
  }
}
