import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PoolClient } from 'pg';
import { from as copyFromStdin, to as copyToStdout } from 'pg-copy-streams';
import { type CopyFormat, type OrmDatabase, type SqlResult, type SqlRow, type SqlSession } from './sql-executor.js';

/** A SqlSession over one node-postgres connection (a pool client). */
export class PgSession implements SqlSession {
  #orm: OrmDatabase | undefined;

  constructor(private readonly client: PoolClient) {}

  async query<R = SqlRow>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    const result = await this.client.query(text, params as unknown[]);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
  }

  async execScript(sql: string): Promise<void> {
    // Without parameters node-postgres uses the simple query protocol, which accepts several statements.
    await this.client.query(sql);
  }

  async copyFrom(
    target: string,
    format: CopyFormat,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): Promise<number> {
    const sink = this.client.query(copyFromStdin(`COPY ${target} FROM STDIN (FORMAT ${format})`));
    // Object mode (the default) lets the reader run up to 16 chunks ahead, so encoding overlaps with the server.
    await pipeline(Readable.from(chunks), sink);
    return sink.rowCount;
  }

  async copyTo(query: string, format: CopyFormat): Promise<Uint8Array> {
    const source = this.client.query(copyToStdout(`COPY (${query}) TO STDOUT (FORMAT ${format})`));
    const parts: Buffer[] = [];
    for await (const chunk of source) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  }

  orm(): OrmDatabase {
    this.#orm ??= drizzle({ client: this.client });
    return this.#orm;
  }
}
