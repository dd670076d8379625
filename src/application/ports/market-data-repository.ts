import type { InstrumentId } from '../../domain/instruments/instrument-id.js';
import type { Bar, BarSeries } from '../../domain/market-data/bar.js';
import type { Timeframe } from '../../domain/market-data/timeframe.js';
import type { BarGap } from '../market-data/bar-load-report.js';

/** What one `ingest` did. `inserted + updated + unchanged === rows`. */
export interface IngestResult {
  readonly rows: number;
  readonly inserted: number;
  /** Bars that existed with other values and were overwritten by the ingested ones. */
  readonly updated: number;
  /** Bars that existed with exactly the same values (a re-import). */
  readonly unchanged: number;
}

export interface IngestOptions {
  /** Called as rows reach the database, with the count so far (not yet committed). */
  readonly onProgress?: (rowsDone: number) => void;
}

/** One stored series: an instrument and timeframe with its bar count and range. */
export interface StoredSeries {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  readonly bars: number;
  readonly firstTsOpen: number;
  readonly lastTsOpen: number;
}

/** Missing bars of one stored series measured against its timeframe (calendar months for "1M"). */
export interface StoredGapReport {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  readonly bars: number;
  readonly count: number;
  readonly missingBars: number;
  /** The earliest gaps, at most `examples` of them. */
  readonly first: readonly BarGap[];
}

/** An inclusive range of bar open times in epoch milliseconds; an absent end is unbounded. */
export interface TsRange {
  readonly fromMs?: number;
  readonly toMs?: number;
}

/**
 * Bars in the system of record, one row per (instrument, timeframe, open time).
 *
 * - `ingest` is atomic and idempotent: all the series' bars are stored or none are (a failure, a crash,
 *   a kill leaves no partial rows), and ingesting the same bars again changes nothing. A bar already
 *   stored with other values is overwritten (the file being imported is the newer truth).
 * - Reads stream in pages into typed arrays, so reading ten million bars never holds ten million row
 *   objects.
 * - Instrument ids and timeframes are stored and read back literally; ingest rejects an instrument id
 *   longer than 64 characters, an invalid timeframe, open times that are not strictly increasing
 *   integers and prices that are not finite, with AtbError INVALID_INPUT naming the value.
 *
 * @example
 * await bars.ingest(series);                                  // e.g. from loadBars()
 * const june = await bars.readSeries(id, tf, Date.UTC(2024, 5, 1), Date.UTC(2024, 6, 1) - 1);
 */
export interface MarketDataRepository {
  ingest(series: BarSeries, options?: IngestOptions): Promise<IngestResult>;
  /** Bars with `fromMs <= tsOpen <= toMs`, oldest first; an empty series when there are none. */
  readSeries(instrumentId: InstrumentId, timeframe: Timeframe, fromMs?: number, toMs?: number): Promise<BarSeries>;
  /** The same bars as `readSeries`, one page (at most `pageSize` bars) at a time. */
  streamSeries(
    instrumentId: InstrumentId,
    timeframe: Timeframe,
    range?: TsRange,
    pageSize?: number,
  ): AsyncIterable<BarSeries>;
  /** The bar with the latest open time, or undefined when the series is empty. */
  latestBar(instrumentId: InstrumentId, timeframe: Timeframe): Promise<Bar | undefined>;
  gapReport(instrumentId: InstrumentId, timeframe: Timeframe, examples?: number): Promise<StoredGapReport>;
  /** Every stored series, ordered by instrument then timeframe (byte order, the same on every server). */
  list(): Promise<readonly StoredSeries[]>;
}
