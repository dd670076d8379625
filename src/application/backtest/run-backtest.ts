import { AtbError } from '../../shared/errors.js';
import { Money, Portfolio, type BarSeries, type Decimal, type Instrument } from '../../domain/index.js';
import { computeMetrics } from '../analytics/performance-metrics.js';
import { SequentialIdGenerator } from '../engine/sequential-id-generator.js';
import { SimulatedClock } from '../engine/simulated-clock.js';
import { TradingEngine } from '../engine/trading-engine.js';
import type { ExecutionVenue } from '../ports/execution-venue.js';
import { silentLogger, type Logger } from '../ports/logger.js';
import { RiskEngine } from '../risk/risk-engine.js';
import type { RiskLimits } from '../risk/risk-limits.js';
import type { Strategy } from '../strategy/strategy.js';
import { BacktestRecorder } from './backtest-recorder.js';
import type { BacktestCurves, BacktestReport } from './backtest-report.js';
import { HistoricalFeed } from './historical-feed.js';
import { resampleSeries } from './resample-series.js';

export interface BacktestSpec {
  readonly strategyName: string;
  /** A fresh strategy instance (strategies keep state). */
  readonly strategy: Strategy;
  /** The parameters as given, echoed in the report. */
  readonly rawParams: Readonly<Record<string, unknown>>;
  /** The primary instrument; `series` holds its bars. */
  readonly instrument: Instrument;
  readonly series: BarSeries;
  /** Bars of other instruments or timeframes a strategy may subscribe to; finer timeframes are resampled from `series` on demand. */
  readonly extraSeries?: readonly BarSeries[];
  readonly extraInstruments?: readonly Instrument[];
  /** Starting cash in the instrument's quote currency. */
  readonly cash: Decimal;
  /** The venue orders go to: a SimulatedVenue made by the composition root. */
  readonly venue: ExecutionVenue;
  readonly risk?: RiskLimits;
  /** Echoed in the report (fees, slippage, fill mode...). */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly logger?: Logger;
  /** Called every 65,536 events with (events done, events total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** A monotonic millisecond timer for the engine's own timing (performance.now); no timing when absent. */
  readonly stopwatch?: () => number;
}

export interface BacktestOutcome {
  readonly report: BacktestReport;
  readonly curves: BacktestCurves;
  readonly elapsedMs: number;
}

const PROGRESS_EVERY = 65_536;

/**
 * Runs one strategy over historical bars through the same engine paper and live trading use: a simulated
 * clock driven by the data, the given venue, a cash account in the quote currency.
 */
export function runBacktest(spec: BacktestSpec): BacktestOutcome {
  const { instrument, series } = spec;
  if (series.instrumentId !== instrument.id) {
    throw new AtbError('INVALID_INPUT', `the bars are for ${series.instrumentId} but the instrument is ${instrument.id}`);
  }
  if (series.length === 0) throw new AtbError('INVALID_INPUT', 'there are no bars to backtest (check --from/--to and the file)');
  const clock = new SimulatedClock(series.tsOpen[0] ?? 0);
  const logger = spec.logger ?? silentLogger;
  const portfolio = new Portfolio({ accountId: 'backtest', type: 'CASH', baseCurrency: instrument.quote, balances: [Money.of(spec.cash, instrument.quote)] });
  const engine = new TradingEngine({
    clock,
    venue: spec.venue,
    portfolio,
    instruments: [instrument, ...(spec.extraInstruments ?? [])],
    risk: new RiskEngine(spec.risk),
    ids: new SequentialIdGenerator('O'),
    logger,
    onIllegalVenueEvent: 'throw',
  });
  const strategyName = spec.strategyName;
  engine.addStrategy(strategyName, spec.strategy, { instrumentId: instrument.id, timeframe: series.timeframe });
  const recorder = new BacktestRecorder(engine, series.length);
  engine.start();

  const feed = new HistoricalFeed(seriesFor(engine.subscriptions(), series, spec.extraSeries ?? []));
  const started = spec.stopwatch?.() ?? 0;
  replay(feed, clock, engine, recorder, series, spec.onProgress);
  engine.stop();
  const elapsedMs = spec.stopwatch === undefined ? 0 : spec.stopwatch() - started;
  spec.onProgress?.(feed.total, feed.total);

  const summary = recorder.summarize({ strategyName, rawParams: spec.rawParams, settings: spec.settings, startingEquity: spec.cash, series, barsProcessed: feed.total });
  const { metrics, notes } = computeMetrics({
    tsMs: summary.curves.tsMs,
    equity: summary.curves.equity,
    length: summary.curves.length,
    startingEquity: spec.cash.toNumber(),
    startTsMs: series.tsOpen[0] ?? 0,
    trades: summary.report.trades,
    barsInMarket: recorder.barsInMarket,
    feesPaid: summary.feesPaid,
  });
  const r = summary.report;
  const report: BacktestReport = {
    strategy: r.strategy,
    instrumentId: r.instrumentId,
    timeframe: r.timeframe,
    period: r.period,
    settings: r.settings,
    bars: r.bars,
    closedTrades: r.closedTrades,
    openTrades: r.openTrades,
    startingEquity: r.startingEquity,
    finalEquity: r.finalEquity,
    currency: r.currency,
    metrics,
    metricNotes: notes,
    orders: r.orders,
    tradingState: r.tradingState,
    trades: r.trades,
    openPositions: r.openPositions,
    rejections: r.rejections,
  };
  return { report, curves: summary.curves, elapsedMs };
}

/**
 * The replay loop, a function of its own: V8 inlines the per-bar calls into it within a budget per
 * optimized function, which runBacktest's set-up and report code would otherwise use up.
 */
function replay(
  feed: HistoricalFeed,
  clock: SimulatedClock,
  engine: TradingEngine,
  recorder: BacktestRecorder,
  primary: BarSeries,
  onProgress: ((done: number, total: number) => void) | undefined,
): void {
  const primaryTf = primary.timeframe;
  const primaryId = primary.instrumentId;
  for (let event = feed.next(); event !== undefined; event = feed.next()) {
    const tsMs = feed.lastTsMs;
    clock.advanceTo(tsMs);
    engine.onMarketEvent(event);
    if (event.timeframe === primaryTf && event.instrumentId === primaryId) recorder.recordBar(tsMs);
    if (onProgress !== undefined && feed.position % PROGRESS_EVERY === 0) onProgress(feed.position, feed.total);
  }
}

/** The bars for each subscription: given series, or the primary resampled to a coarser timeframe. */
function seriesFor(subscriptions: readonly { instrumentId: string; timeframe: string }[], primary: BarSeries, extra: readonly BarSeries[]): BarSeries[] {
  const all = [primary, ...extra];
  const chosen: BarSeries[] = [];
  for (const sub of subscriptions) {
    if (chosen.some((s) => s.instrumentId === sub.instrumentId && s.timeframe === sub.timeframe)) continue;
    const given = all.find((s) => s.instrumentId === sub.instrumentId && s.timeframe === sub.timeframe);
    if (given !== undefined) {
      chosen.push(given);
      continue;
    }
    const source = all.find((s) => s.instrumentId === sub.instrumentId);
    if (source === undefined) throw new AtbError('INVALID_INPUT', `a strategy subscribed to ${sub.instrumentId} ${sub.timeframe} but no bars of ${sub.instrumentId} were given`);
    chosen.push(resampleSeries(source, sub.timeframe as BarSeries['timeframe']));
  }
  return chosen;
}
