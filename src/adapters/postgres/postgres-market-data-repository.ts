import { and, desc, eq } from 'drizzle-orm';
import { escapeLiteral } from 'pg';
import type { BarGap } from '../../application/market-data/bar-load-report.js';
import { type CacheAside, noCacheAside } from '../../application/persistence/cache-aside.js';
import { checkStorableSeries } from '../../application/market-data/check-storable-series.js';
import type {
  IngestOptions,
  IngestResult,
  MarketDataRepository,
  StoredGapReport,
  StoredSeries,
  TsRange,
} from '../../application/ports/market-data-repository.js';
import type { InstrumentId } from '../../domain/instruments/instrument-id.js';
import type { Bar, BarSeries } from '../../domain/market-data/bar.js';
import { BarSeriesBuilder } from '../../domain/market-data/bar-series-builder.js';
import type { Timeframe } from '../../domain/market-data/timeframe.js';
import { AtbError } from '../../shared/errors.js';
import { decodeBarRows, encodeBarRows } from './bar-copy-binary.js';
import { barStepsSql } from './bar-gaps-query.js';
import { barsTable } from './bars-table.js';
import { CopyFormat, IsolationLevel, type SqlExecutor, type SqlSession } from './sql-executor.js';

export interface MarketDataRepositoryOptions {
  /** Bars per page of a read (one COPY each). Default 100,000 (about 7 MB). */
  readonly pageSize?: number;
  /** PGlite buffers each COPY input in memory, so its ingest copies this many bars per statement. */
  readonly pgliteRowsPerCopy?: number;
  /** Cache-aside for `latestBar` (live trading asks often); invalidated by each ingest of the series. */
  readonly latestBarCache?: CacheAside<Bar>;
}

const BAR_COLUMNS = 'bars (instrument_id, timeframe, ts_open, open, high, low, close, volume)';
const ROWS_PER_CHUNK = 8_192;
const READ_ONLY_SNAPSHOT = { isolation: IsolationLevel.REPEATABLE_READ, readOnly: true } as const;

/**
 * The market-data repository on PostgreSQL and PGlite.
 *
 * Ingest is one transaction per series: an advisory lock serialises imports of the same series, then
 * the bars go in with binary COPY, straight into `bars` when none is stored in the series' time range
 * (a first import, the common case), otherwise into a temporary table merged with INSERT … ON CONFLICT
 * DO UPDATE that rewrites only bars whose values differ (so a re-import writes nothing). Reads page
 * through the primary key with binary COPY into typed arrays.
 */
export class PostgresMarketDataRepository implements MarketDataRepository {
  readonly #pageSize: number;
  readonly #pgliteRowsPerCopy: number;
  readonly #latestBarCache: CacheAside<Bar>;

  constructor(
    private readonly db: SqlExecutor,
    options: MarketDataRepositoryOptions = {},
  ) {
    this.#pageSize = options.pageSize ?? 100_000;
    this.#pgliteRowsPerCopy = options.pgliteRowsPerCopy ?? 100_000;
    this.#latestBarCache = options.latestBarCache ?? noCacheAside();
  }

  async ingest(series: BarSeries, options: IngestOptions = {}): Promise<IngestResult> {
    checkStorableSeries(series);
    if (series.length === 0) return { rows: 0, inserted: 0, updated: 0, unchanged: 0 };
    const result = await this.db.transaction(
      'marketData.ingest',
      (tx) => tx.run('marketData.ingest.copy', (session) => this.#ingest(session, series, options)),
      { noStatementTimeout: true },
    );
    // After the commit (inside a caller's unit of work, before it: the cache's TTL bounds that window).
    await this.#latestBarCache.invalidate(latestBarKey(series.instrumentId, series.timeframe));
    return result;
  }

  async readSeries(instrumentId: InstrumentId, timeframe: Timeframe, fromMs?: number, toMs?: number): Promise<BarSeries> {
    const range = checkRange({ ...(fromMs === undefined ? {} : { fromMs }), ...(toMs === undefined ? {} : { toMs }) });
    const builder = new BarSeriesBuilder(this.#pageSize);
    // One read-only snapshot for all pages: the series is read as of one moment even during an import.
    await this.db.transaction(
      'marketData.readSeries',
      (tx) =>
        tx.run('marketData.readSeries.pages', async (session) => {
          let after: number | undefined;
          for (;;) {
            const before = builder.length;
            decodeBarRows(await session.copyTo(this.#pageSql(instrumentId, timeframe, range, after), CopyFormat.BINARY), builder);
            if (builder.length - before < this.#pageSize) return;
            after = builder.tsOpenView()[builder.length - 1];
          }
        }),
      READ_ONLY_SNAPSHOT,
    );
    return builder.build(instrumentId, timeframe);
  }

  async *streamSeries(
    instrumentId: InstrumentId,
    timeframe: Timeframe,
    range: TsRange = {},
    pageSize: number = this.#pageSize,
  ): AsyncIterable<BarSeries> {
    const checked = checkRange(range);
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
      throw new AtbError('INVALID_INPUT', `invalid page size, was ${pageSize}: expected a positive integer`, { field: 'pageSize' });
    }
    let after: number | undefined;
    for (;;) {
      // A connection per page, so that the consumer may use the database between pages (PGlite has one).
      const page = await this.db.run('marketData.streamSeries.page', async (session) => {
        const builder = new BarSeriesBuilder(pageSize);
        decodeBarRows(await session.copyTo(this.#pageSql(instrumentId, timeframe, checked, after, pageSize), CopyFormat.BINARY), builder);
        return builder.build(instrumentId, timeframe);
      });
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      after = page.tsOpen[page.length - 1];
    }
  }

  latestBar(instrumentId: InstrumentId, timeframe: Timeframe): Promise<Bar | undefined> {
    return this.#latestBarCache.read(latestBarKey(instrumentId, timeframe), () => this.#loadLatestBar(instrumentId, timeframe));
  }

  #loadLatestBar(instrumentId: InstrumentId, timeframe: Timeframe): Promise<Bar | undefined> {
    return this.db.run('marketData.latestBar', async (session) => {
      const rows = await session
        .orm()
        .select()
        .from(barsTable)
        .where(and(eq(barsTable.instrumentId, instrumentId), eq(barsTable.timeframe, timeframe)))
        .orderBy(desc(barsTable.tsOpen))
        .limit(1);
      const row = rows[0];
      return row === undefined ? undefined : { ...row, instrumentId, timeframe };
    });
  }

  gapReport(instrumentId: InstrumentId, timeframe: Timeframe, examples = 10): Promise<StoredGapReport> {
    const steps = barStepsSql(timeframe);
    return this.db.transaction(
      'marketData.gapReport',
      (tx) =>
        tx.run('marketData.gapReport.query', async (session) => {
          const totals = await session.query<{ bars: string; gaps: string; missing: string }>(
            `SELECT count(*) AS bars, count(*) FILTER (WHERE steps > 1) AS gaps,
                    coalesce(sum(steps - 1) FILTER (WHERE steps > 1), 0) AS missing
             FROM (${steps}) AS s`,
            [instrumentId, timeframe],
          );
          const first = await session.query<{ prev: string; ts_open: string; steps: string }>(
            `SELECT prev, ts_open, steps FROM (${steps}) AS s WHERE steps > 1 ORDER BY ts_open LIMIT $3`,
            [instrumentId, timeframe, examples],
          );
          const row = totals.rows[0];
          return {
            instrumentId,
            timeframe,
            bars: Number(row?.bars ?? 0),
            count: Number(row?.gaps ?? 0),
            missingBars: Number(row?.missing ?? 0),
            first: first.rows.map(
              (gap): BarGap => ({ afterTsOpen: Number(gap.prev), nextTsOpen: Number(gap.ts_open), missingBars: Number(gap.steps) - 1 }),
            ),
          };
        }),
      READ_ONLY_SNAPSHOT,
    );
  }

  list(): Promise<readonly StoredSeries[]> {
    return this.db.run('marketData.list', async (session) => {
      const { rows } = await session.query<{ instrument_id: string; timeframe: string; bars: string; first: string; last: string }>(
        `SELECT instrument_id, timeframe, count(*) AS bars, min(ts_open) AS first, max(ts_open) AS last
         FROM bars GROUP BY instrument_id, timeframe ORDER BY instrument_id COLLATE "C", timeframe COLLATE "C"`,
      );
      return rows.map((row) => ({
        instrumentId: row.instrument_id as InstrumentId,
        timeframe: row.timeframe as Timeframe,
        bars: Number(row.bars),
        firstTsOpen: Number(row.first),
        lastTsOpen: Number(row.last),
      }));
    });
  }

  async #ingest(session: SqlSession, series: BarSeries, options: IngestOptions): Promise<IngestResult> {
    const { instrumentId, timeframe, length } = series;
    await session.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`atb:bars:${instrumentId}:${timeframe}`]);
    const overlap = await session.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM bars WHERE instrument_id = $1 AND timeframe = $2 AND ts_open BETWEEN $3 AND $4) AS found`,
      [instrumentId, timeframe, series.tsOpen[0], series.tsOpen[length - 1]],
    );
    if (overlap.rows[0]?.found !== true) {
      await this.#copy(session, BAR_COLUMNS, series, options);
      return { rows: length, inserted: length, updated: 0, unchanged: 0 };
    }
    await session.query('CREATE TEMP TABLE IF NOT EXISTS bars_import (LIKE bars) ON COMMIT DROP');
    await session.query('TRUNCATE bars_import');
    await this.#copy(session, 'bars_import (instrument_id, timeframe, ts_open, open, high, low, close, volume)', series, options);
    const merged = await session.query<{ inserted: string; updated: string }>(
      `WITH written AS (
         INSERT INTO bars AS b SELECT * FROM bars_import
         ON CONFLICT (instrument_id, timeframe, ts_open) DO UPDATE
           SET open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume
           WHERE (b.open, b.high, b.low, b.close, b.volume)
             IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)
         RETURNING (xmax = 0) AS fresh
       )
       SELECT count(*) FILTER (WHERE fresh) AS inserted, count(*) FILTER (WHERE NOT fresh) AS updated FROM written`,
    );
    const inserted = Number(merged.rows[0]?.inserted ?? 0);
    const updated = Number(merged.rows[0]?.updated ?? 0);
    return { rows: length, inserted, updated, unchanged: length - inserted - updated };
  }

  async #copy(session: SqlSession, target: string, series: BarSeries, options: IngestOptions): Promise<void> {
    const progress = options.onProgress;
    if (this.db.backend === 'postgres') {
      // One streamed COPY: node-postgres pulls chunks as the socket drains.
      await session.copyFrom(target, CopyFormat.BINARY, encodeBarRows(series, 0, series.length, ROWS_PER_CHUNK, progress));
      return;
    }
    for (let start = 0; start < series.length; start += this.#pgliteRowsPerCopy) {
      const end = Math.min(series.length, start + this.#pgliteRowsPerCopy);
      const chunks = encodeBarRows(series, start, end, end - start, progress && ((rows) => progress(start + rows)));
      await session.copyFrom(target, CopyFormat.BINARY, chunks);
    }
  }

  /** One page of bars as COPY's query. COPY takes no parameters, so values are literals: quoted or checked numbers. */
  #pageSql(instrumentId: string, timeframe: string, range: TsRange, after: number | undefined, limit = this.#pageSize): string {
    const conditions = [`instrument_id = ${escapeLiteral(instrumentId)}`, `timeframe = ${escapeLiteral(timeframe)}`];
    if (range.fromMs !== undefined) conditions.push(`ts_open >= ${range.fromMs}`);
    if (range.toMs !== undefined) conditions.push(`ts_open <= ${range.toMs}`);
    if (after !== undefined) conditions.push(`ts_open > ${after}`);
    return `SELECT ts_open, open, high, low, close, volume FROM bars WHERE ${conditions.join(' AND ')} ORDER BY ts_open LIMIT ${limit}`;
  }
}

/** The instrument id JSON-quoted, so that no id can make two series share a key. */
function latestBarKey(instrumentId: string, timeframe: string): string {
  return `latest-bar:${JSON.stringify(instrumentId)}:${timeframe}`;
}

function checkRange(range: TsRange): TsRange {
  for (const [field, value] of Object.entries(range)) {
    if (value !== undefined && !Number.isSafeInteger(value)) {
      throw new AtbError('INVALID_INPUT', `invalid ${field}, was ${String(value)}: expected integer epoch milliseconds`, { field, value });
    }
  }
  return range;
}
