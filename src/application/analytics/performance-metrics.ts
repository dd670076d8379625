import { AtbError } from '../../shared/errors.js';
import type { TradeRow } from '../backtest/backtest-report.js';
import { dailyReturns, type DailyReturns } from './daily-returns.js';
import { maxDrawdown } from './drawdown.js';
import { estimate, unsupported, type Estimate } from './estimate.js';
import { downsideDeviation, historicalTailRisk, mean, sampleStdDev } from './return-statistics.js';
import { tradeStatistics } from './trade-statistics.js';

/**
 * The performance of one backtest. Percentages are in percent (12.5 means 12.5 %), ratios are plain
 * numbers, money is float in the quote currency (statistics, not balances) except `feesPaid`, which is
 * the exact decimal. A `null` is a statistic the sample cannot support; `computeMetrics` says why in its
 * notes. Definitions: see `computeMetrics`.
 */
export interface PerformanceMetrics {
  readonly totalReturnPct: number | null;
  readonly cagrPct: number | null;
  readonly annualVolatilityPct: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly maxDrawdownPct: number | null;
  readonly maxDrawdownDurationMs: number | null;
  readonly winRatePct: number | null;
  readonly profitFactor: number | null;
  readonly expectancy: number | null;
  readonly avgWin: number | null;
  readonly avgLoss: number | null;
  readonly bestTradePct: number | null;
  readonly worstTradePct: number | null;
  readonly avgTradeDurationMs: number | null;
  readonly exposurePct: number | null;
  readonly trades: number;
  readonly feesPaid: string;
  readonly var95Pct: number | null;
  readonly cvar95Pct: number | null;
  /** How many daily returns the daily statistics rest on. */
  readonly dailyReturns: number;
}

export interface MetricsInput {
  /** Time of each equity point (bar close times), epoch ms, non-decreasing. */
  readonly tsMs: Float64Array;
  readonly equity: Float64Array;
  readonly length: number;
  readonly startingEquity: number;
  /** When `startingEquity` holds (the first bar's open time); defaults to `tsMs[0]`. */
  readonly startTsMs?: number;
  readonly trades: readonly TradeRow[];
  /** Points of the curve during which a position was open. */
  readonly barsInMarket: number;
  readonly feesPaid: string;
  /** Periods per year to annualise daily statistics: 365 for crypto (the default), 252 for exchange-traded markets. */
  readonly annualizationDays?: number;
}

/** Daily statistics (volatility, Sharpe, Sortino, VaR, CVaR) need this many daily returns. */
export const MIN_DAILY_RETURNS = 30;
/** CAGR (and so Calmar) needs this calendar span: annualising a few days' return gives absurd figures. */
export const MIN_CAGR_SPAN_DAYS = 30;
/** Below this a standard or downside deviation is float noise, not risk: a ratio over it would be absurd. */
const NEGLIGIBLE_DEVIATION = 1e-10;
const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

/**
 * Computes every metric; a metric the sample cannot support is `null` and `notes[name]` says why.
 * Pure and deterministic: the same input gives byte-identical JSON (floats are rounded to 10 significant
 * digits, so last-bit differences of Math.pow between engines do not show).
 *
 * - totalReturnPct: last equity / startingEquity - 1.
 * - Daily returns: the equity at the last point of each UTC day (a point at 00:00 closes the previous
 *   day), the first relative to startingEquity; days without data are skipped.
 * - annualVolatilityPct: sample standard deviation (n - 1) of daily returns x sqrt(annualizationDays).
 * - sharpe: mean / sample standard deviation of daily returns x sqrt(annualizationDays), risk-free rate 0.
 * - sortino: mean / downside deviation x sqrt(annualizationDays); downside deviation is the root mean
 *   square of min(r, 0) over all daily returns (target 0).
 * - var95Pct / cvar95Pct: historical, as positive loss percent: with k = ceil(5 % of n), minus the k-th
 *   worst daily return and minus the mean of the k worst.
 *   These five need >= 30 daily returns (at 30 the 5 % tail holds 1.5 days; a Sharpe from fewer days is
 *   mostly noise).
 * - cagrPct: (last equity / startingEquity)^(1 / years) - 1, years = (last time - startTsMs) / 365.25 days;
 *   needs >= 30 days and a positive last equity.
 * - calmar: cagrPct / maxDrawdownPct; null without a drawdown or without a CAGR.
 * - maxDrawdownPct / maxDrawdownDurationMs: on the per-point curve, peak starting at startingEquity; the
 *   duration runs from the last point at a peak to the first point back at or above it, or to the end
 *   when never regained (see `maxDrawdown`).
 * - Trade statistics by net P&L: see `tradeStatistics`. exposurePct = barsInMarket / points.
 */
export function computeMetrics(input: MetricsInput): { metrics: PerformanceMetrics; notes: Record<string, string> } {
  validate(input);
  const { tsMs, equity, length, startingEquity } = input;
  const startTsMs = input.startTsMs ?? tsMs[0] ?? 0;
  const noCurve = length === 0 ? 'no equity points' : startingEquity > 0 ? undefined : `the starting equity is ${String(startingEquity)}, not positive`;

  let total: Estimate;
  let growth: Estimate;
  let depth: Estimate;
  let duration: Estimate;
  let daily: DailyStatistics;
  if (noCurve === undefined) {
    total = estimate(((equity[length - 1] as number) / startingEquity - 1) * 100);
    growth = cagr(input, startTsMs);
    const drawdown = maxDrawdown(tsMs, equity, length, startingEquity, startTsMs);
    depth = estimate(drawdown.depthPct);
    duration = estimate(drawdown.durationMs);
    daily = dailyStatistics(dailyReturns(tsMs, equity, length, startingEquity), input.annualizationDays ?? 365);
  } else {
    total = growth = depth = duration = unsupported(noCurve);
    daily = dailyStatistics({ ok: false, reason: noCurve }, 365);
  }
  const calmar =
    growth.value === null
      ? unsupported(`no CAGR: ${growth.reason}`)
      : depth.value === null || depth.value === 0
        ? unsupported('no drawdown: Calmar (CAGR / max drawdown) is unbounded')
        : estimate(growth.value / depth.value);
  const trades = tradeStatistics(input.trades);

  const notes: Record<string, string> = {};
  const put = (name: keyof PerformanceMetrics, e: Estimate): number | null => {
    if (e.value !== null) return name.endsWith('Ms') ? Math.round(e.value) : round(e.value);
    notes[name] = e.reason;
    return null;
  };
  const metrics: PerformanceMetrics = {
    totalReturnPct: put('totalReturnPct', total),
    cagrPct: put('cagrPct', growth),
    annualVolatilityPct: put('annualVolatilityPct', daily.volatilityPct),
    sharpe: put('sharpe', daily.sharpe),
    sortino: put('sortino', daily.sortino),
    calmar: put('calmar', calmar),
    maxDrawdownPct: put('maxDrawdownPct', depth),
    maxDrawdownDurationMs: put('maxDrawdownDurationMs', duration),
    winRatePct: put('winRatePct', trades.winRatePct),
    profitFactor: put('profitFactor', trades.profitFactor),
    expectancy: put('expectancy', trades.expectancy),
    avgWin: put('avgWin', trades.avgWin),
    avgLoss: put('avgLoss', trades.avgLoss),
    bestTradePct: put('bestTradePct', trades.bestTradePct),
    worstTradePct: put('worstTradePct', trades.worstTradePct),
    avgTradeDurationMs: put('avgTradeDurationMs', trades.avgTradeDurationMs),
    exposurePct: put('exposurePct', length === 0 ? unsupported('no equity points') : estimate((input.barsInMarket / length) * 100)),
    trades: input.trades.length,
    feesPaid: input.feesPaid,
    var95Pct: put('var95Pct', daily.var95Pct),
    cvar95Pct: put('cvar95Pct', daily.cvar95Pct),
    dailyReturns: daily.count,
  };
  return { metrics, notes };
}

interface DailyStatistics {
  readonly count: number;
  readonly volatilityPct: Estimate;
  readonly sharpe: Estimate;
  readonly sortino: Estimate;
  readonly var95Pct: Estimate;
  readonly cvar95Pct: Estimate;
}

function dailyStatistics(daily: DailyReturns, annualizationDays: number): DailyStatistics {
  const count = daily.ok ? daily.returns.length : 0;
  const gap = !daily.ok ? daily.reason : count < MIN_DAILY_RETURNS ? `${count} daily returns; at least ${MIN_DAILY_RETURNS} are needed` : undefined;
  if (!daily.ok || gap !== undefined) {
    const none = unsupported(gap ?? '');
    return { count, volatilityPct: none, sharpe: none, sortino: none, var95Pct: none, cvar95Pct: none };
  }
  const returns = daily.returns;
  const sqrtYear = Math.sqrt(annualizationDays);
  const avg = mean(returns);
  const std = sampleStdDev(returns);
  const downside = downsideDeviation(returns);
  const tail = historicalTailRisk(returns, 0.95);
  return {
    count,
    volatilityPct: estimate(std * sqrtYear * 100),
    sharpe: std <= NEGLIGIBLE_DEVIATION ? unsupported('daily returns have no variance: Sharpe is unbounded') : estimate((avg / std) * sqrtYear),
    sortino:
      downside <= NEGLIGIBLE_DEVIATION
        ? unsupported('no losing day: downside deviation is zero and Sortino is unbounded')
        : estimate((avg / downside) * sqrtYear),
    var95Pct: estimate(tail.valueAtRisk * 100),
    cvar95Pct: estimate(tail.expectedShortfall * 100),
  };
}

function cagr(input: MetricsInput, startTsMs: number): Estimate {
  const spanMs = (input.tsMs[input.length - 1] as number) - startTsMs;
  if (spanMs < MIN_CAGR_SPAN_DAYS * DAY_MS) {
    return unsupported(`the backtest spans ${Number((spanMs / DAY_MS).toFixed(1))} days; CAGR needs at least ${MIN_CAGR_SPAN_DAYS}`);
  }
  const ratio = (input.equity[input.length - 1] as number) / input.startingEquity;
  if (!(ratio > 0)) return unsupported('the final equity is not positive: a compound growth rate is undefined');
  return estimate((ratio ** (YEAR_DAYS / (spanMs / DAY_MS)) - 1) * 100);
}

/** 10 significant digits, and no negative zero: stable text for golden files. */
function round(x: number): number {
  const r = Number(x.toPrecision(10));
  return r === 0 ? 0 : r;
}

function validate(input: MetricsInput): void {
  const { tsMs, equity, length } = input;
  const bad = (field: string, value: unknown, expected: string): never => {
    throw new AtbError('INVALID_INPUT', `invalid metrics input '${field}', was ${JSON.stringify(value)}: expected ${expected}`, { field, value });
  };
  if (!Number.isInteger(length) || length < 0 || length > tsMs.length || length > equity.length) {
    bad('length', length, `an integer from 0 to the curve's size (${Math.min(tsMs.length, equity.length)})`);
  }
  if (!Number.isFinite(input.startingEquity)) bad('startingEquity', String(input.startingEquity), 'a finite number');
  if (input.startTsMs !== undefined && !(Number.isFinite(input.startTsMs) && (length === 0 || input.startTsMs <= (tsMs[0] as number)))) {
    bad('startTsMs', input.startTsMs, 'a time no later than the first point');
  }
  for (let i = 0; i < length; i += 1) {
    const t = tsMs[i] as number;
    if (!Number.isFinite(t) || (i > 0 && t < (tsMs[i - 1] as number))) bad(`tsMs[${i}]`, t, 'finite, non-decreasing epoch milliseconds');
    if (!Number.isFinite(equity[i])) bad(`equity[${i}]`, String(equity[i]), 'a finite number');
  }
  if (!Number.isInteger(input.barsInMarket) || input.barsInMarket < 0 || input.barsInMarket > length) {
    bad('barsInMarket', input.barsInMarket, `an integer from 0 to the number of points (${length})`);
  }
  const days = input.annualizationDays;
  if (days !== undefined && !(Number.isFinite(days) && days > 0 && days <= 366)) bad('annualizationDays', days, 'a number of periods per year from 1 to 366');
}
