import type { Decimal, InstrumentId, Timeframe } from '../../domain/index.js';
import type { BacktestReport } from './backtest-report.js';

/** Where a backtest's bars come from. */
export type BacktestData =
  | { readonly kind: 'file'; readonly path: string; readonly skipBadRows: boolean }
  /** Bars stored in the database (`atb data import`), selected by --symbol, --timeframe, --from and --to. */
  | { readonly kind: 'database'; readonly instrumentId: InstrumentId; readonly timeframe: Timeframe }
  | { readonly kind: 'synthetic'; readonly bars: number; readonly seed: number; readonly timeframe: Timeframe };

/** One backtest as a user asks for it; absent settings come from the configuration. */
export interface BacktestRequest {
  readonly strategy: string;
  /** Raw `--param name=value` pairs; the strategy's schema validates them. */
  readonly params: Readonly<Record<string, string>>;
  readonly data: BacktestData;
  readonly symbol?: InstrumentId;
  readonly timeframe?: Timeframe;
  /** Inclusive UTC bounds on bar open times, epoch ms. */
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly cash?: Decimal;
  readonly feeBps?: number;
  readonly slippageBps?: number;
  readonly fill?: 'next-open' | 'close';
  /** At most this fraction of each bar's volume fills (partial fills beyond it). */
  readonly maxVolumeFraction?: number;
  readonly tickSize?: Decimal;
  readonly lotSize?: Decimal;
  /** Write the self-contained HTML report here. */
  readonly htmlReportPath?: string;
  /** Write the deterministic JSON report (no timings) here. */
  readonly jsonReportPath?: string;
}

/** What was read, for the summary and the JSON output. */
export interface BacktestDataSummary {
  readonly source: string;
  readonly synthetic: boolean;
  readonly layout: string;
  readonly barsLoaded: number;
  readonly skippedBadRows: number;
  readonly duplicates: number;
  readonly gaps: number;
  readonly warnings: readonly string[];
}

export interface BacktestRunResult {
  readonly report: BacktestReport;
  readonly data: BacktestDataSummary;
  readonly elapsedMs: number;
  readonly loadMs: number;
  /** Files written (HTML and JSON reports). */
  readonly written: readonly string[];
}

/** Progress of a long run: a bar on a terminal, plain lines elsewhere. */
export interface ProgressSink {
  update(done: number, total: number): void;
  finish(): void;
}
