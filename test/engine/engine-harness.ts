/**
 * A tiny kit for engine tests: hand-made bar series, an instrument, a strategy scripted by callbacks, and
 * a backtest run through the real engine, risk engine and simulated venue. Bars start at T0 and are an
 * hour long unless a test says otherwise, so that a bar's close is easy to compute by hand.
 */
import { runBacktest, type BacktestOutcome } from '../../src/application/backtest/run-backtest.js';
import type { ExecutionVenue } from '../../src/application/ports/execution-venue.js';
import type { RiskLimits } from '../../src/application/risk/risk-limits.js';
import type { StrategyContext } from '../../src/application/strategy/strategy-context.js';
import { Strategy } from '../../src/application/strategy/strategy.js';
import { SimulatedVenue, type SimulatedVenueOptions } from '../../src/adapters/simulated/simulated-venue.js';
import {
  Decimal,
  Instrument,
  instrumentId,
  timeframe,
  timeframeMs,
  type Bar,
  type BarSeries,
  type Fill,
  type InstrumentSpec,
  type Order,
} from '../../src/domain/index.js';

export const T0 = Date.UTC(2024, 0, 1);
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** Tick 0.01 and lot 0.001, no fees unless given. */
export function instrument(symbol = 'BTC/USDT', spec: Partial<InstrumentSpec> = {}): Instrument {
  return Instrument.create({ symbol, tickSize: '0.01', lotSize: '0.001', ...spec });
}

/** A bar as [open, high, low, close, volume?], or one number for a flat bar (open = high = low = close). */
export type BarRow = number | readonly [number, number, number, number, number?];

export interface SeriesOptions {
  readonly timeframe?: string;
  readonly startMs?: number;
  readonly symbol?: string;
}

/** A bar series from rows, one bar per timeframe from `startMs` (default T0), volume 1,000 by default. */
export function series(rows: readonly BarRow[], options: SeriesOptions = {}): BarSeries {
  const tf = timeframe(options.timeframe ?? '1h');
  const step = timeframeMs(tf);
  const start = options.startMs ?? T0;
  const n = rows.length;
  const out = {
    instrumentId: instrumentId(options.symbol ?? 'BTC/USDT'),
    timeframe: tf,
    length: n,
    tsOpen: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  rows.forEach((row, i) => {
    const [o, h, l, c, v] = typeof row === 'number' ? [row, row, row, row, undefined] : row;
    out.tsOpen[i] = start + i * step;
    out.open[i] = o;
    out.high[i] = h;
    out.low[i] = l;
    out.close[i] = c;
    out.volume[i] = v ?? 1_000;
  });
  return out;
}

/** What a scripted strategy does in each hook; `i` counts the bars it has been handed. */
export interface Script {
  start?(ctx: StrategyContext): void;
  bar?(bar: Bar, ctx: StrategyContext, i: number): void;
  fill?(fill: Fill, ctx: StrategyContext): void;
  update?(order: Order, ctx: StrategyContext): void;
  stop?(ctx: StrategyContext): void;
}

/** A strategy whose hooks are the script's callbacks; it records every call it gets. */
export class ScriptedStrategy extends Strategy<Script> {
  readonly bars: Bar[] = [];
  readonly fills: Fill[] = [];
  readonly updates: Order[] = [];
  stops = 0;

  override onStart(ctx: StrategyContext): void {
    this.params.start?.(ctx);
  }
  override onBar(bar: Bar, ctx: StrategyContext): void {
    this.bars.push(bar);
    this.params.bar?.(bar, ctx, this.bars.length - 1);
  }
  override onFill(fill: Fill, ctx: StrategyContext): void {
    this.fills.push(fill);
    this.params.fill?.(fill, ctx);
  }
  override onOrderUpdate(order: Order, ctx: StrategyContext): void {
    this.updates.push(order);
    this.params.update?.(order, ctx);
  }
  override onStop(ctx: StrategyContext): void {
    this.stops += 1;
    this.params.stop?.(ctx);
  }
}

export interface RunOptions {
  readonly series: BarSeries;
  readonly strategy: Strategy;
  readonly instrument?: Instrument;
  readonly cash?: string;
  readonly fillMode?: SimulatedVenueOptions['fillMode'];
  readonly slippage?: SimulatedVenueOptions['slippage'];
  readonly maxVolumeFraction?: number;
  readonly risk?: RiskLimits;
  readonly extraSeries?: readonly BarSeries[];
  readonly extraInstruments?: readonly Instrument[];
  /** Another venue instead of the simulated one (whose options above then do not apply). */
  readonly venue?: ExecutionVenue;
}

/** Runs a backtest through the real engine and simulated venue; cash 10,000 in the quote currency by default. */
export function backtest(options: RunOptions): BacktestOutcome {
  const primary = options.instrument ?? instrument(options.series.instrumentId);
  const instruments = [primary, ...(options.extraInstruments ?? [])];
  const venue =
    options.venue ??
    new SimulatedVenue({
      instruments,
      fillMode: options.fillMode ?? 'next-open',
      ...(options.slippage === undefined ? {} : { slippage: options.slippage }),
      ...(options.maxVolumeFraction === undefined ? {} : { maxVolumeFraction: options.maxVolumeFraction }),
    });
  return runBacktest({
    strategyName: 'test',
    strategy: options.strategy,
    rawParams: {},
    instrument: primary,
    series: options.series,
    ...(options.extraSeries === undefined ? {} : { extraSeries: options.extraSeries }),
    ...(options.extraInstruments === undefined ? {} : { extraInstruments: options.extraInstruments }),
    cash: Decimal.of(options.cash ?? '10000'),
    venue,
    ...(options.risk === undefined ? {} : { risk: options.risk }),
    settings: {},
  });
}

/** Runs a scripted strategy and returns it with the outcome. */
export function runScript(script: Script, options: Omit<RunOptions, 'strategy'>): { strategy: ScriptedStrategy; outcome: BacktestOutcome } {
  const strategy = new ScriptedStrategy(script);
  return { strategy, outcome: backtest({ ...options, strategy }) };
}

/** "BUY 1@100 2024-01-01T01:00:00.000Z" for each fill of an outcome's report curves. */
export function fillLines(outcome: BacktestOutcome): string[] {
  return outcome.curves.fills.map((f) => `${f.side} ${f.quantity}@${f.price} ${new Date(f.tsMs).toISOString()}`);
}
