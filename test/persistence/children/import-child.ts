// Imports a large generated series into the given database and reports its progress on stdout, for the
// crash test to kill it part-way: `copying <rows>` once that many rows went into the import, and
// `committed` if it ever finishes. Usage:
//   import-child.ts pglite <folder> <bars>
//   import-child.ts postgres <url> <schema> <bars>
import { Registry } from 'prom-client';
import { silentLogger } from '../../../src/application/ports/logger.js';
import type { Database } from '../../../src/adapters/postgres/database.js';
import { openPostgresDatabase } from '../../../src/adapters/postgres/pg-database.js';
import { openEmbeddedDatabase } from '../../../src/adapters/postgres/pglite-database.js';
import { PostgresMarketDataRepository } from '../../../src/adapters/postgres/postgres-market-data-repository.js';
import { barSeries } from '../bar-series.js';

const [backend, location, ...rest] = process.argv.slice(2);
const bars = Number(rest.at(-1));
const registry = new Registry();
const db: Database =
  backend === 'pglite'
    ? await openEmbeddedDatabase({ dataDir: location, logger: silentLogger, registry })
    : await openPostgresDatabase({
        url: location ?? '',
        schema: rest[0],
        poolMax: 2,
        idleTimeoutMs: 10_000,
        connectionTimeoutMs: 5_000,
        statementTimeoutMs: 0,
        ssl: { mode: 'disable' },
        logger: silentLogger,
        registry,
      });
const series = barSeries('CRASH/USD', '1m', bars);
let nextReport = 100_000;
const repository = new PostgresMarketDataRepository(db, { pgliteRowsPerCopy: 50_000 });
console.log(`opened, importing ${bars}`);
await repository.ingest(series, {
  onProgress: (rows) => {
    // Announce each 100,000 rows passed, so the test can wait until the import is well under way.
    while (rows >= nextReport) {
      console.log(`copying ${nextReport}`);
      nextReport += 100_000;
    }
  },
});
console.log('committed');
await db.close();
