import type { PerformanceMetrics } from '../analytics/performance-metrics.js';

/** One closed round trip as reports show it: money as exact decimal strings, times as ISO and epoch ms. */
export interface TradeRow {
  readonly instrumentId: string;
  readonly side: 'LONG' | 'SHORT';
  readonly quantity: string;
  readonly entryTime: string;
  readonly exitTime: string;
  readonly entryTsMs: number;
  readonly exitTsMs: number;
  readonly durationMs: number;
  readonly entryPrice: string;
  readonly exitPrice: string;
  /** Gross P&L in the quote currency. */
  readonly pnl: string;
  readonly fees: string;
  readonly netPnl: string;
  /** Net P&L over entry notional, percent (float, for statistics). */
  readonly returnPct: number;
}

/** A position still open at the end, valued at the last close. */
export interface OpenTradeRow {
  readonly instrumentId: string;
  readonly side: 'LONG' | 'SHORT';
  readonly quantity: string;
  readonly entryTime: string;
  readonly entryPrice: string;
  readonly markPrice: string;
  readonly unrealizedPnl: string;
}

/** An order refused before or at the venue, with who refused it and why (VALIDATION: the request never became an order). */
export interface RejectionRow {
  readonly time: string;
  readonly clientOrderId: string;
  readonly source: 'VALIDATION' | 'RISK' | 'VENUE';
  readonly code: string;
  readonly reason: string;
}

/** One execution, for trade markers on charts (price, quantity and fee as float text: chart data, not the ledger). */
export interface FillRow {
  readonly tsMs: number;
  readonly side: 'BUY' | 'SELL';
  readonly price: string;
  readonly quantity: string;
  readonly fee: string;
  readonly liquidity: 'MAKER' | 'TAKER';
  readonly clientOrderId: string;
}

/**
 * The backtest report. Everything here is a function of the data, the parameters and the seed, so two
 * runs give byte-identical JSON; wall-clock timings live outside it (BacktestTimings).
 */
export interface BacktestReport {
  readonly strategy: { readonly name: string; readonly params: Readonly<Record<string, unknown>> };
  readonly instrumentId: string;
  readonly timeframe: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly period: { readonly from: string | null; readonly to: string | null };
  /** Bars processed by the engine (all subscriptions). */
  readonly bars: number;
  readonly closedTrades: number;
  readonly openTrades: number;
  readonly startingEquity: string;
  /** Exact, in the quote currency, open positions marked at the last close. */
  readonly finalEquity: string;
  readonly currency: string;
  readonly metrics: PerformanceMetrics;
  /** Why a metric is null: the sample cannot support it. */
  readonly metricNotes: Readonly<Record<string, string>>;
  readonly orders: { readonly submitted: number; readonly filled: number; readonly canceled: number; readonly rejected: number; readonly expired: number };
  readonly tradingState: { readonly final: string; readonly changes: readonly { readonly time: string; readonly from: string; readonly to: string; readonly reason: string }[] };
  readonly trades: readonly TradeRow[];
  readonly openPositions: readonly OpenTradeRow[];
  readonly rejections: readonly RejectionRow[];
}

export interface BacktestTimings {
  /** Engine time: the event loop from the first bar to the last, load excluded. */
  readonly elapsedMs: number;
  /** Reading and validating the data. */
  readonly loadMs: number;
}

/** What a run leaves besides the report: curves and fills for charts (floats, large). */
export interface BacktestCurves {
  /** Close time of each primary bar. */
  readonly tsMs: Float64Array;
  readonly equity: Float64Array;
  readonly length: number;
  readonly fills: readonly FillRow[];
}
