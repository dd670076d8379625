import type { InstrumentId } from '../../domain/instruments/instrument-id.js';
import type { BarSeries } from '../../domain/market-data/bar.js';
import type { Timeframe } from '../../domain/market-data/timeframe.js';
import type { DateOrder } from './utc-timestamp.js';

/** The bar file formats ATB reads. */
export const BarFileFormat = { CSV: 'csv', JSON: 'json', ARROW: 'arrow' } as const;
export type BarFileFormat = (typeof BarFileFormat)[keyof typeof BarFileFormat];

/** How a CSV file's timestamps are written, when the detector should not guess. */
export type TimestampFormat = 'iso' | 'epoch-s' | 'epoch-ms' | 'epoch-us' | 'epoch-ns';

/** A CSV column given by its 0-based index or its header name (matched case-insensitively). */
export type CsvColumnRef = number | string;

/**
 * An explicit description of a CSV file the detector cannot read. Every field is optional: what is given
 * wins, the rest is detected. Give either `timestamp` or both `date` and `time`.
 */
export interface CsvLayoutOverride {
  readonly delimiter?: ',' | ';' | '\t' | '|';
  readonly hasHeader?: boolean;
  readonly columns?: {
    readonly timestamp?: CsvColumnRef;
    readonly date?: CsvColumnRef;
    readonly time?: CsvColumnRef;
    readonly open?: CsvColumnRef;
    readonly high?: CsvColumnRef;
    readonly low?: CsvColumnRef;
    readonly close?: CsvColumnRef;
    /** `null`: the file has no volume; bars get volume 0. */
    readonly volume?: CsvColumnRef | null;
  };
  readonly timestampFormat?: TimestampFormat;
  /** For dates such as `31.01.2024` or `01/31/2024`; ISO `2024-01-31` needs nothing. */
  readonly dateOrder?: DateOrder;
  /** Numbers written `1234,5` (usual with `;` as the delimiter). */
  readonly decimalComma?: boolean;
}

export interface LoadBarsOptions {
  /** Default: derived from the file name (`SOLUSDT-1h.csv`, `BTC_USDT-1h.feather`); required otherwise. */
  readonly instrumentId?: InstrumentId;
  /** Default: inferred from the median spacing of the timestamps. */
  readonly timeframe?: Timeframe;
  /** Default: from the extension (.csv/.txt, .json, .feather/.arrow/.ipc). */
  readonly format?: BarFileFormat;
  readonly layout?: CsvLayoutOverride;
  /** Skip malformed rows (counted and listed in the report) instead of stopping at the first one. */
  readonly skipBadRows?: boolean;
  /** Keep only bars with `fromMs <= tsOpen <= toMs` (epoch milliseconds, UTC, inclusive). */
  readonly fromMs?: number;
  readonly toMs?: number;
  /** CSV files of at least this many bytes are scanned on two threads (default 16 MiB); for tests. */
  readonly scanInTwoFromBytes?: number;
}

/** A rejected row. `line` is the 1-based file line (header and comments counted); for Arrow, the 1-based row. */
export interface BadRow {
  readonly line: number;
  readonly reason: string;
}

/** Missing bars between two consecutive bars, measured against the timeframe. */
export interface BarGap {
  readonly afterTsOpen: number;
  readonly nextTsOpen: number;
  readonly missingBars: number;
}

export interface BarLoadReport {
  readonly file: string;
  readonly format: BarFileFormat;
  /** How the file was read, in words: delimiter, header, which column is what, timestamp form. */
  readonly layout: string;
  /** Data rows seen (not the header, comments or blank lines). */
  readonly rowsRead: number;
  readonly barsLoaded: number;
  readonly skippedBadRows: { readonly count: number; readonly first: readonly BadRow[] };
  /** Rows repeating the previous row exactly; dropped. */
  readonly duplicates: { readonly count: number; readonly firstLines: readonly number[] };
  readonly gaps: { readonly count: number; readonly missingBars: number; readonly first: readonly BarGap[] };
  /** Valid rows outside the from/to filter. */
  readonly filteredOut: number;
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  readonly timeframeSource: 'given' | 'inferred';
  readonly instrumentSource: 'given' | 'file name';
  readonly firstTsOpen: number | undefined;
  readonly lastTsOpen: number | undefined;
  /** Comment lines (`# …`), the first few, e.g. the synthetic-data label. */
  readonly comments: readonly string[];
  /** Things worth a look that did not stop the load (no volume column, timeframe given differs from data). */
  readonly warnings: readonly string[];
}

export interface LoadResult {
  readonly series: BarSeries;
  readonly report: BarLoadReport;
}

/** Loads a bar file into a columnar series; rejects with AtbError DATA_INVALID on a malformed file or row. */
export type LoadBars = (path: string, options?: LoadBarsOptions) => Promise<LoadResult>;

/** Writes a series as a canonical CSV file (`timestamp,open,high,low,close,volume`, ISO UTC timestamps). */
export type WriteBarsCsv = (series: BarSeries, path: string, options?: { readonly comment?: string }) => Promise<void>;
