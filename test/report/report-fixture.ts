/**
 * A synthetic backtest for report tests: a seeded random walk of bars, a strategy that is long for
 * `holdBars` every `everyBars` bars, and the report, curves and fills that such a run gives, metrics from
 * the real computeMetrics. Made here rather than by the engine so the report can be tested on its own.
 */
import { computeMetrics } from '../../src/application/analytics/performance-metrics.js';
import type { BacktestCurves, BacktestReport, FillRow, TradeRow } from '../../src/application/backtest/backtest-report.js';
import { instrumentId, timeframe, timeframeMs, type BarSeries } from '../../src/domain/index.js';

export interface FixtureOptions {
  readonly bars: number;
  readonly timeframe?: string;
  readonly seed?: number;
  readonly everyBars?: number;
  readonly holdBars?: number;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly rejectionReason?: string;
}

export interface Fixture {
  readonly report: BacktestReport;
  readonly candles: BarSeries;
  readonly curves: BacktestCurves;
}

export const FIXTURE_START = Date.UTC(2024, 0, 1);

/** mulberry32: a few lines of seeded noise, enough for test data. */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function syntheticBacktest(options: FixtureOptions): Fixture {
  const n = options.bars;
  const tf = timeframe(options.timeframe ?? '1h');
  const tfMs = timeframeMs(tf);
  const every = options.everyBars ?? 40;
  const hold = options.holdBars ?? 20;
  const rnd = noise(options.seed ?? 1);
  const candles = {
    instrumentId: instrumentId('BTC/USDT'), timeframe: tf, length: n,
    tsOpen: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n),
  };
  let price = 40_000;
  // About 1 % per hour whatever the timeframe, so that long minute series stay plausible.
  const step = 0.02 * Math.sqrt(tfMs / 3_600_000);
  for (let i = 0; i < n; i += 1) {
    const open = price;
    price = Math.max(100, price * (1 + (rnd() - 0.5) * step));
    candles.tsOpen[i] = FIXTURE_START + i * tfMs;
    candles.open[i] = open;
    candles.close[i] = price;
    candles.high[i] = Math.max(open, price) * (1 + rnd() * 0.004);
    candles.low[i] = Math.min(open, price) * (1 - rnd() * 0.004);
    candles.volume[i] = 10 + rnd() * 90;
  }

  // Long 0.1 BTC from the open of bar i to the open of bar i + hold, every `every` bars; 0.02 % fees.
  const startingEquity = 10_000;
  const qty = 0.1;
  const feeRate = 0.0002;
  let cash = startingEquity;
  let held = 0;
  let entry = { ts: 0, price: 0, fee: 0 };
  let inMarket = 0;
  let feesPaid = 0;
  const trades: TradeRow[] = [];
  const fills: FillRow[] = [];
  const curveTs = new Float64Array(n);
  const equity = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const ts = candles.tsOpen[i] as number;
    const open = candles.open[i] as number;
    if (held === 0 && i % every === 0 && i + hold < n) {
      const fee = open * qty * feeRate;
      cash -= open * qty + fee;
      held = qty;
      feesPaid += fee;
      entry = { ts, price: open, fee };
      fills.push({ tsMs: ts, side: 'BUY', price: open.toFixed(2), quantity: String(qty), fee: fee.toFixed(4), liquidity: 'TAKER', clientOrderId: `B${i}` });
    } else if (held > 0 && i % every === hold) {
      const fee = open * qty * feeRate;
      cash += open * qty - fee;
      held = 0;
      feesPaid += fee;
      const pnl = (open - entry.price) * qty;
      const net = pnl - entry.fee - fee;
      fills.push({ tsMs: ts, side: 'SELL', price: open.toFixed(2), quantity: String(qty), fee: fee.toFixed(4), liquidity: 'TAKER', clientOrderId: `S${i}` });
      trades.push({
        instrumentId: 'BTC/USDT', side: 'LONG', quantity: String(qty), entryTime: iso(entry.ts), exitTime: iso(ts), entryTsMs: entry.ts, exitTsMs: ts,
        durationMs: ts - entry.ts, entryPrice: entry.price.toFixed(2), exitPrice: open.toFixed(2), pnl: pnl.toFixed(4), fees: (entry.fee + fee).toFixed(4),
        netPnl: net.toFixed(4), returnPct: (net / (entry.price * qty)) * 100,
      });
    }
    if (held > 0) inMarket += 1;
    curveTs[i] = ts + tfMs;
    equity[i] = cash + held * (candles.close[i] as number);
  }

  const curves: BacktestCurves = { tsMs: curveTs, equity, length: n, fills };
  const { metrics, notes } = computeMetrics({
    tsMs: curveTs, equity, length: n, startingEquity, startTsMs: FIXTURE_START, trades, barsInMarket: inMarket, feesPaid: feesPaid.toFixed(4),
  });
  const report: BacktestReport = {
    strategy: { name: 'sma-cross', params: options.params ?? { fast: 10, slow: 30 } },
    instrumentId: 'BTC/USDT',
    timeframe: tf,
    settings: { feeBps: 10, slippageBps: 0, fillMode: 'next-open' },
    period: { from: iso(FIXTURE_START), to: iso(FIXTURE_START + n * tfMs) },
    bars: n,
    closedTrades: trades.length,
    openTrades: held > 0 ? 1 : 0,
    startingEquity: String(startingEquity),
    finalEquity: (equity[n - 1] ?? startingEquity).toFixed(2),
    currency: 'USDT',
    metrics,
    metricNotes: notes,
    orders: { submitted: fills.length + 1, filled: fills.length, canceled: 0, rejected: 1, expired: 0 },
    tradingState: { final: 'ACTIVE', changes: [] },
    trades,
    openPositions: [],
    rejections: [{ time: iso(FIXTURE_START + tfMs), clientOrderId: 'X1', source: 'RISK', code: 'MAX_NOTIONAL', reason: options.rejectionReason ?? 'order notional above the limit' }],
  };
  return { report, candles, curves };
}
