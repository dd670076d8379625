// Persistence benchmark (issue 5): `npm run bench persistence`.
//
// 1. PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, in a schema of its
//    own, dropped at the end): ingest of 1,000,000 one-minute candles through the market-data repository
//    (one transaction: lock, overlap check, binary COPY) against raw COPY of the same rows in the same run
//    into an identical empty table: binary COPY with the same encoder (the strict baseline; target >= 0.8x)
//    and text COPY of the rows formatted by String() (what a hand-written import does). Also the re-import
//    of the same candles (all unchanged: COPY into a temporary table and a merge that writes nothing).
// 2. PGlite in a data folder (the embedded default; its in-memory file system is several times slower
//    for large tables): the same ingest (target >= 150,000 rows/s) against raw binary COPY of the same
//    rows into an identical table of a second PGlite, in one statement.
// 3. A 100,000-bar range read (from the middle of the million) on both, through the repository (binary
//    COPY straight into typed arrays) against a plain SELECT of the same rows.
// Each figure is the median of REPEATS runs, each load on an emptied table after a checkpoint; the
// compared cases take turns within each round.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Registry } from 'prom-client';
import { PGlite } from '@electric-sql/pglite';
import { silentLogger } from '../src/application/ports/logger.js';
import { encodeBarRows } from '../src/adapters/postgres/bar-copy-binary.js';
import type { Database } from '../src/adapters/postgres/database.js';
import { readMigrationFiles } from '../src/adapters/postgres/migration-files.js';
import { Migrator } from '../src/adapters/postgres/migrator.js';
import { openPostgresDatabase } from '../src/adapters/postgres/pg-database.js';
import { openEmbeddedDatabase } from '../src/adapters/postgres/pglite-database.js';
import { PostgresMarketDataRepository } from '../src/adapters/postgres/postgres-market-data-repository.js';
import { synthesizeBars } from '../src/application/market-data/synthesize-bars.js';
import { instrumentId, timeframe, type BarSeries } from '../src/domain/index.js';
import { createSeededRandom } from '../src/shared/random.js';
import { median, printTable } from './bench-support.js';

const BARS = 1_000_000;
const READ_BARS = 100_000;
const REPEATS = 3;
const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `atb_bench_${process.pid}`;
const TABLE_DDL = (name: string) =>
  `CREATE TABLE ${name} (instrument_id text NOT NULL, timeframe text NOT NULL, ts_open bigint NOT NULL,
   open double precision NOT NULL, high double precision NOT NULL, low double precision NOT NULL,
   close double precision NOT NULL, volume double precision NOT NULL, PRIMARY KEY (instrument_id, timeframe, ts_open))`;

const series = synthesizeBars({
  bars: BARS,
  timeframe: timeframe('1m'),
  instrumentId: instrumentId('SYN/USDT'),
  random: createSeededRandom(11),
  startMs: Date.UTC(2022, 0, 1),
  startPrice: 100,
}).series;
const readFrom = series.tsOpen[BARS / 2] ?? 0;
const readTo = series.tsOpen[BARS / 2 + READ_BARS - 1] ?? 0;

function* textRows(bars: BarSeries): Generator<Buffer> {
  let text = '';
  for (let i = 0; i < bars.length; i++) {
    text += `${bars.instrumentId}\t${bars.timeframe}\t${bars.tsOpen[i]}\t${bars.open[i]}\t${bars.high[i]}\t${bars.low[i]}\t${bars.close[i]}\t${bars.volume[i]}\n`;
    if (text.length > 1 << 18) {
      yield Buffer.from(text);
      text = '';
    }
  }
  yield Buffer.from(text);
}

interface Case {
  readonly before: () => Promise<void>;
  readonly run: () => Promise<unknown>;
}

/**
 * Median milliseconds of each case over `runs` rounds, the cases taking turns within a round so that
 * none pays alone for the server's background work (checkpoints after a few million rows of WAL).
 */
async function interleaved(runs: number, cases: readonly Case[]): Promise<number[]> {
  const times: number[][] = cases.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (const [i, one] of cases.entries()) {
      await one.before();
      globalThis.gc?.();
      const started = performance.now();
      await one.run();
      times[i]?.push(performance.now() - started);
    }
  }
  return times.map(median);
}

const nothing = (): Promise<void> => Promise.resolve();

const rows: string[][] = [['measurement', 'rows', 'median ms', 'rows/s', 'ratio', 'target']];
const add = (name: string, count: number, ms: number, ratio = '', target = ''): void => {
  rows.push([name, count.toLocaleString('en-US'), ms.toFixed(0), Math.round((count / ms) * 1000).toLocaleString('en-US'), ratio, target]);
};

async function postgres(): Promise<void> {
  const admin = new pg.Client({ connectionString: URL });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL at ${URL} unreachable (${(error as Error).message}): its rows are left out`);
    return;
  }
  await admin.query(`CREATE SCHEMA ${SCHEMA}`);
  let db: Database | undefined;
  const raw = new pg.Client({ connectionString: URL, options: `-c search_path=${SCHEMA}` });
  try {
    db = await openPostgresDatabase({
      url: URL,
      schema: SCHEMA,
      poolMax: 2,
      idleTimeoutMs: 10_000,
      connectionTimeoutMs: 5_000,
      statementTimeoutMs: 30_000,
      ssl: { mode: 'disable' },
      logger: silentLogger,
      registry: new Registry(),
    });
    await new Migrator(db, await readMigrationFiles()).migrate();
    await raw.connect();
    await raw.query(TABLE_DDL('raw_bars'));
    const repository = new PostgresMarketDataRepository(db);
    const emptyBars = (): Promise<void> => db!.run('bench.truncate', (s) => s.query('TRUNCATE bars')).then(() => undefined);
    const emptyRaw = (): Promise<void> => raw.query('TRUNCATE raw_bars').then(() => undefined);

    // A checkpoint before each load, so that one load's WAL is not flushed during the next one's timing.
    const fresh = (empty: () => Promise<void>) => async () => {
      await empty();
      await admin.query('CHECKPOINT').catch(() => undefined);
    };
    const [binary = 0, ingest = 0, text = 0] = await interleaved(REPEATS, [
      {
        before: fresh(emptyRaw),
        run: () => pipeline(Readable.from(encodeBarRows(series, 0, BARS, 8_192)), raw.query(copyFrom('COPY raw_bars FROM STDIN (FORMAT binary)'))),
      },
      { before: fresh(emptyBars), run: () => repository.ingest(series) },
      { before: fresh(emptyRaw), run: () => pipeline(Readable.from(textRows(series)), raw.query(copyFrom('COPY raw_bars FROM STDIN'))) },
    ]);
    const [reimport = 0] = await interleaved(REPEATS, [{ before: fresh(nothing), run: () => repository.ingest(series) }]);
    add('PostgreSQL: raw binary COPY (baseline)', BARS, binary);
    add('PostgreSQL: raw text COPY', BARS, text, `${(binary / text).toFixed(2)}x`);
    add('PostgreSQL: repository ingest', BARS, ingest, `${(binary / ingest).toFixed(2)}x`, '>= 0.8x');
    add('PostgreSQL: re-import, nothing changed', BARS, reimport, `${(binary / reimport).toFixed(2)}x`);

    let read = 0;
    const [select = 0, readMs = 0] = await interleaved(REPEATS, [
      {
        before: nothing,
        run: () =>
          raw.query({
            text: 'SELECT ts_open, open, high, low, close, volume FROM bars WHERE instrument_id = $1 AND timeframe = $2 AND ts_open BETWEEN $3 AND $4 ORDER BY ts_open',
            values: [series.instrumentId, series.timeframe, readFrom, readTo],
            rowMode: 'array',
          }),
      },
      {
        before: nothing,
        run: async () => {
          read = (await repository.readSeries(series.instrumentId, series.timeframe, readFrom, readTo)).length;
        },
      },
    ]);
    if (read !== READ_BARS) throw new Error(`read ${read} bars, expected ${READ_BARS}`);
    add('PostgreSQL: range read, plain SELECT (baseline)', READ_BARS, select);
    add('PostgreSQL: range read, repository', READ_BARS, readMs, `${(select / readMs).toFixed(2)}x`);
  } finally {
    await db?.close();
    await raw.end().catch(() => undefined);
    await admin.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
    await admin.end();
  }
}

async function embedded(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'atb-bench-'));
  const db = await openEmbeddedDatabase({ dataDir: join(dir, 'db'), logger: silentLogger, registry: new Registry() });
  const baseline = await PGlite.create({ dataDir: join(dir, 'raw'), relaxedDurability: false });
  try {
    await new Migrator(db, await readMigrationFiles()).migrate();
    await baseline.exec(TABLE_DDL('raw_bars'));
    const repository = new PostgresMarketDataRepository(db);
    const [rawCopy = 0, ingest = 0] = await interleaved(REPEATS, [
      {
        before: () => baseline.exec('TRUNCATE raw_bars; CHECKPOINT').then(() => undefined),
        run: async () => {
          const parts = [...encodeBarRows(series, 0, BARS, BARS)];
          await baseline.query("COPY raw_bars FROM '/dev/blob' (FORMAT binary)", [], { blob: new Blob(parts) });
        },
      },
      { before: () => db.run('bench.truncate', (s) => s.execScript('TRUNCATE bars; CHECKPOINT')), run: () => repository.ingest(series) },
    ]);
    const [reimport = 0] = await interleaved(1, [{ before: nothing, run: () => repository.ingest(series) }]);
    add('PGlite: raw binary COPY, one statement (baseline)', BARS, rawCopy);
    add('PGlite: repository ingest', BARS, ingest, `${(rawCopy / ingest).toFixed(2)}x`, '>= 150,000 rows/s');
    add('PGlite: re-import, nothing changed', BARS, reimport, `${(rawCopy / reimport).toFixed(2)}x`);

    const [select = 0, readMs = 0] = await interleaved(REPEATS, [
      {
        before: nothing,
        run: () =>
          db.run('bench.select', (s) =>
            s.query(
              'SELECT ts_open, open, high, low, close, volume FROM bars WHERE instrument_id = $1 AND timeframe = $2 AND ts_open BETWEEN $3 AND $4 ORDER BY ts_open',
              [series.instrumentId, series.timeframe, readFrom, readTo],
            ),
          ),
      },
      { before: nothing, run: () => repository.readSeries(series.instrumentId, series.timeframe, readFrom, readTo) },
    ]);
    add('PGlite: range read, plain SELECT (baseline)', READ_BARS, select);
    add('PGlite: range read, repository', READ_BARS, readMs, `${(select / readMs).toFixed(2)}x`);
  } finally {
    await db.close();
    await baseline.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await postgres();
await embedded();
printTable(`Persistence: ${BARS.toLocaleString('en-US')} one-minute candles, median of ${REPEATS} runs (ratio > 1: faster than the baseline)`, rows);
