import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/application/ports/logger.js';
import { silentLogger } from '../../src/application/ports/logger.js';
import type { Database } from '../../src/adapters/postgres/database.js';
import { readMigrationFiles } from '../../src/adapters/postgres/migration-files.js';
import { Migrator } from '../../src/adapters/postgres/migrator.js';
import { openPostgresDatabase } from '../../src/adapters/postgres/pg-database.js';
import { openEmbeddedDatabase } from '../../src/adapters/postgres/pglite-database.js';
import { PostgresMarketDataRepository } from '../../src/adapters/postgres/postgres-market-data-repository.js';
import type { InstrumentId } from '../../src/domain/instruments/instrument-id.js';
import type { Timeframe } from '../../src/domain/market-data/timeframe.js';
import { BACKENDS, dropSchema, newSchemaName, postgresTestOptions, skipPostgres, TEST_DATABASE_URL } from './backends.js';
import { barSeries, columns } from './bar-series.js';
import { spawnScript } from './crash-process.js';
import { seedEmbeddedFolder } from './embedded-folder.js';

// kill -9 in the middle of an import, on both backends: after reopening, the killed import left no rows
// (an import is one transaction), an import committed earlier is complete and intact, and the database
// takes new imports. On PGlite the dead process's folder lock is found stale and taken over.

const CRASH_BARS = 600_000;
const EARLIER = barSeries('EARLIER/USD', '1h', 5_000);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-import-crash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function recordingLogger(): Logger & { readonly warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLogger, warnings, warn: (message) => void warnings.push(message) };
}

async function rowsOf(db: Database, instrumentId: string): Promise<number> {
  const { rows } = await db.run('test.count', (s) => s.query<{ n: string }>('SELECT count(*) AS n FROM bars WHERE instrument_id = $1', [instrumentId]));
  return Number(rows[0]?.n);
}

for (const backend of BACKENDS) {
  describe.skipIf(backend === 'postgres' && skipPostgres())(`an import killed with SIGKILL [${backend}]`, () => {
    const schema = newSchemaName();
    const folder = () => join(dir, 'db');
    const open = (logger: Logger = silentLogger): Promise<Database> =>
      backend === 'pglite'
        ? openEmbeddedDatabase({ dataDir: folder(), logger, registry: new Registry() })
        : openPostgresDatabase({ ...postgresTestOptions(), schema, logger, registry: new Registry() });
    const childArgs = (): string[] =>
      backend === 'pglite' ? ['pglite', folder(), String(CRASH_BARS)] : ['postgres', TEST_DATABASE_URL, schema, String(CRASH_BARS)];

    afterAll(async () => {
      if (backend === 'postgres') await dropSchema(schema);
    });

    it('leaves none of its rows, keeps every committed one, and the database works on', async () => {
      if (backend === 'pglite') await seedEmbeddedFolder(folder());
      const before = await open();
      await new Migrator(before, await readMigrationFiles()).migrate();
      await new PostgresMarketDataRepository(before).ingest(EARLIER);
      await before.close();

      const child = spawnScript(new URL('./children/import-child.ts', import.meta.url), childArgs());
      await child.waitFor(/^copying 200000$/m);
      const exit = await child.killHard();
      expect(exit.signal).toBe('SIGKILL');
      expect(child.stdout()).not.toContain('committed');

      const logger = recordingLogger();
      const after = await open(logger);
      try {
        if (backend === 'pglite') {
          expect(logger.warnings).toEqual([expect.stringMatching(new RegExp(`^took over the embedded database at .* from process ${child.pid} \\(started .*\\), which is no longer running$`))]);
        }
        // Killed at a third of the way, the import cannot have committed; either way it is never partial.
        expect([0, CRASH_BARS], 'the killed import is all or nothing').toContain(await rowsOf(after, 'CRASH/USD'));
        const repository = new PostgresMarketDataRepository(after);
        const earlier = await repository.readSeries(EARLIER.instrumentId, EARLIER.timeframe);
        expect(columns(earlier), 'the earlier import is complete and intact').toEqual(columns(EARLIER));
        const again = await repository.ingest(barSeries('CRASH/USD', '1m', 1_000));
        expect(again.rows).toBe(1_000);
        expect((await repository.latestBar('CRASH/USD' as InstrumentId, '1m' as Timeframe))?.tsOpen).toBeGreaterThan(0);
        expect((await after.health()).status).toBe('ok');
      } finally {
        await after.close();
      }
    }, 120_000);
  });
}
