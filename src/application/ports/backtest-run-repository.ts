import type { BacktestReport } from '../backtest/backtest-report.js';

/** A stored backtest as `atb runs list` shows it. */
export interface BacktestRunSummary {
  /** The run id: a positive whole number as text, e.g. "12". */
  readonly id: string;
  readonly createdTsMs: number;
  readonly strategy: string;
  readonly instrumentId: string;
  readonly timeframe: string;
  readonly period: BacktestReport['period'];
  readonly bars: number;
  readonly closedTrades: number;
  readonly finalEquity: string;
  readonly currency: string;
  readonly totalReturnPct: number | null;
}

export interface StoredBacktestRun {
  readonly id: string;
  readonly createdTsMs: number;
  /** The report as saved: every field, the trades with their exact money. */
  readonly report: BacktestReport;
}

/**
 * Stored backtests: the configuration (strategy, parameters, settings, data description), the results
 * (metrics, equity, orders, trading-state changes, rejections) and the closed trades as rows with exact
 * prices, P&L and fees. A saved run reads back as the same report.
 *
 * @example
 * const id = await runs.save(result.report, { createdTsMs: clock.now() });
 * const again = await runs.findByIdOrThrow(id);
 */
export interface BacktestRunRepository {
  /** Stores the run (one transaction) and resolves to its new id. */
  save(report: BacktestReport, options: { readonly createdTsMs: number }): Promise<string>;
  /** The newest runs first, at most `limit` (default 20). */
  list(options?: { readonly limit?: number }): Promise<readonly BacktestRunSummary[]>;
  /** Undefined for an id no run has; AtbError INVALID_INPUT for text that is not a run id. */
  findById(id: string): Promise<StoredBacktestRun | undefined>;
  /** @throws AtbError NOT_FOUND */
  findByIdOrThrow(id: string): Promise<StoredBacktestRun>;
}
