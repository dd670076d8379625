import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/application/ports/logger.js';
import { barsTable } from '../../src/adapters/postgres/bars-table.js';
import { MIGRATIONS_DIR, readMigrationFiles } from '../../src/adapters/postgres/migration-files.js';
import { Migrator } from '../../src/adapters/postgres/migrator.js';
import { openPostgresDatabase } from '../../src/adapters/postgres/pg-database.js';
import { type AtbError } from '../../src/shared/errors.js';
import { BACKENDS, describeEachBackend, openTestDatabase, postgresTestOptions, skipPostgres } from './backends.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-migrations-'));
  await copyFile(join(MIGRATIONS_DIR, '0001_market_data.sql'), join(dir, '0001_market_data.sql'));
  await writeFile(join(dir, '0002_notes.sql'), 'CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL);\nCREATE INDEX notes_body ON notes (body);\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tableNames = (database: Awaited<ReturnType<typeof openTestDatabase>>) =>
  database.db.run('test.tables', async (s) => {
    const { rows } = await s.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1");
    return rows.map((row) => row.t);
  });

for (const backend of BACKENDS) {
  describe.skipIf(backend === 'postgres' && skipPostgres())(`migrations [${backend}]`, () => {
    it('applies pending migrations in order, once, and reports status', async () => {
      const database = await openTestDatabase(backend, { migrate: false });
      try {
        const migrator = new Migrator(database.db, await readMigrationFiles(dir));
        expect(await migrator.status()).toEqual({
          applied: [],
          pending: [
            { version: 1, name: 'market_data' },
            { version: 2, name: 'notes' },
          ],
          changed: [],
          unknown: [],
        });
        expect(await migrator.migrate({ upTo: 1 })).toEqual([{ version: 1, name: 'market_data' }]);
        expect(await migrator.migrate()).toEqual([{ version: 2, name: 'notes' }]);
        expect(await migrator.migrate()).toEqual([]);
        const status = await migrator.status();
        expect(status.applied.map((m) => m.version)).toEqual([1, 2]);
        expect(status.applied[0]?.appliedAt).toBeInstanceOf(Date);
        expect(await tableNames(database)).toEqual(['bars', 'notes', 'schema_migrations']);
      } finally {
        await database.dispose();
      }
    });

    it('refuses to run after a migration was edited or when the database is newer than the code', async () => {
      const database = await openTestDatabase(backend, { migrate: false });
      try {
        const files = await readMigrationFiles(dir);
        await new Migrator(database.db, files).migrate();
        const edited = files.map((file) => (file.version === 2 ? { ...file, checksum: 'edited' } : file));
        await expect(new Migrator(database.db, edited).migrate()).rejects.toThrow(
          'applied migrations were edited afterwards (0002_notes): restore the committed files and add a new migration instead',
        );
        expect((await new Migrator(database.db, edited).status()).changed).toEqual([{ version: 2, name: 'notes' }]);
        const older = files.filter((file) => file.version === 1);
        await expect(new Migrator(database.db, older).migrate()).rejects.toThrow(
          'the database has migrations this version of ATB does not know (0002_notes): upgrade ATB',
        );
      } finally {
        await database.dispose();
      }
    });

    it('a failing migration names its file and leaves nothing of itself behind', async () => {
      const database = await openTestDatabase(backend, { migrate: false });
      const broken = await mkdtemp(join(tmpdir(), 'atb-migrations-broken-'));
      try {
        await copyFile(join(MIGRATIONS_DIR, '0001_market_data.sql'), join(broken, '0001_market_data.sql'));
        await writeFile(join(broken, '0002_half.sql'), 'CREATE TABLE half (id int);\nCREATE TABLE half (id int);\n');
        const error = (await new Migrator(database.db, await readMigrationFiles(broken)).migrate().catch((e: unknown) => e)) as AtbError;
        expect(error.code).toBe('MIGRATION_FAILED');
        expect(error.message).toMatch(/^migration 0002_half\.sql failed: relation "half" already exists/);
        expect(await tableNames(database), 'the first migration stays, the broken one is rolled back whole').toEqual(['bars', 'schema_migrations']);
      } finally {
        await rm(broken, { recursive: true, force: true });
        await database.dispose();
      }
    });
  });
}

describe.skipIf(skipPostgres())('migrations on a PostgreSQL server', () => {
  it('two processes starting at once apply each migration exactly once', async () => {
    const first = await openTestDatabase('postgres', { migrate: false });
    const second = await openPostgresDatabase({ ...postgresTestOptions(), schema: first.schema, logger: silentLogger, registry: new Registry() });
    try {
      const files = await readMigrationFiles(dir);
      const [a, b] = await Promise.all([new Migrator(first.db, files).migrate(), new Migrator(second, files).migrate()]);
      expect([...a, ...b].map((m) => m.version).sort()).toEqual([1, 2]);
    } finally {
      await second.close();
      await first.dispose();
    }
  });
});

describe('migration files', () => {
  it('rejects a misnamed file and a repeated version', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'atb-migrations-names-'));
    try {
      await writeFile(join(bad, '1_orders.sql'), 'SELECT 1;');
      await expect(readMigrationFiles(bad)).rejects.toThrow(/invalid migration file name "1_orders\.sql" .*: expected NNNN_lower_case_words\.sql/);
      await rm(join(bad, '1_orders.sql'));
      await writeFile(join(bad, '0002_a.sql'), 'SELECT 1;');
      await writeFile(join(bad, '0002_b.sql'), 'SELECT 1;');
      await expect(readMigrationFiles(bad)).rejects.toThrow('two migrations have version 0002: 0002_a.sql and 0002_b.sql');
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it('checksums ignore CRLF line ends', async () => {
    const [committed] = await readMigrationFiles();
    const crlf = await mkdtemp(join(tmpdir(), 'atb-migrations-crlf-'));
    try {
      await writeFile(join(crlf, '0001_market_data.sql'), committed!.sql.replace(/\n/g, '\r\n'));
      expect((await readMigrationFiles(crlf))[0]?.checksum).toBe(committed!.checksum);
    } finally {
      await rm(crlf, { recursive: true, force: true });
    }
  });
});

describeEachBackend('Drizzle tables', (current) => {
  it('agree with the migrated database column by column', async () => {
    for (const table of [barsTable]) {
      const config = getTableConfig(table);
      const { rows } = await current().db.run('test.columns', (s) =>
        s.query<{ column_name: string; data_type: string; is_nullable: string }>(
          'SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
          [config.name],
        ),
      );
      const declared = config.columns.map((column) => ({
        column_name: column.name,
        data_type: column.getSQLType(),
        is_nullable: column.notNull ? 'NO' : 'YES',
      }));
      expect(rows, `${config.name}: the Drizzle declaration matches the SQL migration`).toEqual(declared);
      const primaryKey = await current().db.run('test.pk', (s) =>
        s.query<{ name: string; columns: string }>(
          `SELECT c.conname AS name, string_agg(a.attname, ',' ORDER BY k.ordinality) AS columns
           FROM pg_constraint c CROSS JOIN unnest(c.conkey) WITH ORDINALITY AS k(attnum, ordinality)
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
           WHERE c.contype = 'p' AND c.conrelid = $1::regclass GROUP BY c.conname`,
          [config.name],
        ),
      );
      const declaredKey = config.primaryKeys[0];
      expect(primaryKey.rows).toEqual([{ name: declaredKey?.getName(), columns: declaredKey?.columns.map((c) => c.name).join(',') }]);
    }
  });
});
