import type { BarSeries, ClientOrderId, Decimal, Fill, RoundTrip } from '../../domain/index.js';
import { Decimal as D } from '../../domain/index.js';
import type { TradingEngine } from '../engine/trading-engine.js';
import { isoTimestamp } from '../market-data/utc-timestamp.js';
import type { BacktestCurves, BacktestReport, FillRow, OpenTradeRow, RejectionRow, TradeRow } from './backtest-report.js';

/** Listens to one engine during a backtest and turns what happened into the report's rows and curves. */
export class BacktestRecorder {
  private readonly tsMs: Float64Array;
  private readonly equity: Float64Array;
  private length = 0;
  private inMarket = 0;
  /** Fills for chart markers, held as columns: keeping every Fill object alive made GC grow with the run. */
  private readonly fillColumns = new FillColumns();
  /** Exact sum of the fees charged in the account's currency. */
  private feesPaid = D.ZERO;
  private readonly rejections: RejectionRow[] = [];
  private readonly stateChanges: { time: string; from: string; to: string; reason: string }[] = [];

  constructor(
    private readonly engine: TradingEngine,
    primaryBars: number,
  ) {
    this.tsMs = new Float64Array(primaryBars);
    this.equity = new Float64Array(primaryBars);
    // Fills are kept as they are and turned into rows once, after the run, off the hot path.
    engine.bus.subscribe('fill', ({ fill }) => {
      this.fillColumns.push(fill);
      if (fill.fee.currency === engine.portfolio.baseCurrency) this.feesPaid = this.feesPaid.add(fill.fee.amount);
    });
    engine.bus.subscribe('orderRefused', ({ clientOrderId, code, reason, tsMs }) => {
      this.rejections.push({ time: isoTimestamp(tsMs), clientOrderId: clientOrderId ?? '', source: 'VALIDATION', code, reason });
    });
    engine.bus.subscribe('riskRejection', ({ order, code, reason, tsMs }) => {
      this.rejections.push({ time: isoTimestamp(tsMs), clientOrderId: order.clientOrderId, source: 'RISK', code, reason });
    });
    engine.bus.subscribe('venueRejection', ({ event }) => {
      this.rejections.push({ time: isoTimestamp(event.tsMs), clientOrderId: event.clientOrderId, source: 'VENUE', code: event.code, reason: event.reason });
    });
    engine.bus.subscribe('tradingState', (change) => {
      this.stateChanges.push({ time: isoTimestamp(change.tsMs), from: change.from, to: change.to, reason: change.reason });
    });
  }

  /** Bars of the primary series during which a position was open. */
  get barsInMarket(): number {
    return this.inMarket;
  }

  /** One point of the equity curve, after the engine handled a primary bar closing at `tsMs`. */
  recordBar(tsMs: number): void {
    const i = this.length;
    this.tsMs[i] = tsMs;
    this.equity[i] = this.engine.currentEquity().total;
    this.length = i + 1;
    if (this.engine.hasOpenPosition) this.inMarket += 1;
  }

  summarize(input: {
    strategyName: string;
    rawParams: Readonly<Record<string, unknown>>;
    settings: Readonly<Record<string, unknown>>;
    startingEquity: Decimal;
    series: BarSeries;
    barsProcessed: number;
  }): { report: Omit<BacktestReport, 'metrics' | 'metricNotes'>; curves: BacktestCurves; feesPaid: string } {
    const { engine } = this;
    const portfolio = engine.portfolio;
    const marks = engine.marks.all();
    const trades = portfolio.mapRoundTrips(tradeRow);
    const openPositions: OpenTradeRow[] = portfolio.openPositions().map((p) => {
      const mark = marks.get(p.instrumentId);
      return {
        instrumentId: p.instrumentId,
        side: p.side === 'SHORT' ? 'SHORT' : 'LONG',
        quantity: p.quantity.toString(),
        entryTime: p.openedTsMs === undefined ? '' : isoTimestamp(p.openedTsMs),
        entryPrice: p.avgEntryPrice?.toFixed(8) ?? '',
        markPrice: mark?.toString() ?? '',
        unrealizedPnl: mark === undefined ? '' : p.unrealizedPnl(mark).toString(),
      };
    });
    const counts = { ...engine.ledger.counts };
    const { series } = input;
    const lastIndex = series.length - 1;
    const report: Omit<BacktestReport, 'metrics' | 'metricNotes'> = {
      strategy: { name: input.strategyName, params: input.rawParams },
      instrumentId: series.instrumentId,
      timeframe: series.timeframe,
      settings: input.settings,
      period: { from: lastIndex < 0 ? null : isoTimestamp(series.tsOpen[0] ?? 0), to: lastIndex < 0 ? null : isoTimestamp(series.tsOpen[lastIndex] ?? 0) },
      bars: input.barsProcessed,
      closedTrades: trades.length,
      openTrades: openPositions.length,
      startingEquity: input.startingEquity.toString(),
      finalEquity: portfolio.equity(marks).amount.toString(),
      currency: portfolio.baseCurrency,
      orders: counts,
      tradingState: { final: engine.tradingState, changes: this.stateChanges },
      trades,
      openPositions,
      rejections: this.rejections,
    };
    // Fill rows only for whoever reads them (the HTML report's markers): tens of thousands of small
    // objects that a JSON or text run would build for nothing, at the run's peak of memory.
    const fillColumns = this.fillColumns;
    let fillRows: readonly FillRow[] | undefined;
    const curves: BacktestCurves = {
      tsMs: this.tsMs.subarray(0, this.length),
      equity: this.equity.subarray(0, this.length),
      length: this.length,
      get fills(): readonly FillRow[] {
        fillRows ??= fillColumns.rows();
        return fillRows;
      },
    };
    return { report, curves, feesPaid: this.feesPaid.toString() };
  }
}

function tradeRow(trip: RoundTrip): TradeRow {
  const entryNotional = trip.avgEntryPrice.mul(trip.quantity);
  return {
    instrumentId: trip.instrumentId,
    side: trip.side,
    quantity: trip.quantity.toString(),
    entryTime: isoTimestamp(trip.entryTsMs),
    exitTime: isoTimestamp(trip.exitTsMs),
    entryTsMs: trip.entryTsMs,
    exitTsMs: trip.exitTsMs,
    durationMs: trip.durationMs,
    entryPrice: trip.avgEntryPrice.toFixed(8),
    exitPrice: trip.avgExitPrice.toFixed(8),
    pnl: trip.realizedPnl.toString(),
    fees: trip.fees.toString(),
    netPnl: trip.netPnl.toString(),
    returnPct: entryNotional.isZero() ? 0 : Number(((trip.netPnl.toNumber() / entryNotional.toNumber()) * 100).toPrecision(10)),
  };
}

/** Growable columns of fill data for charts: floats are exact enough for drawing a marker. */
class FillColumns {
  private ts = new Float64Array(1024);
  private price = new Float64Array(1024);
  private quantity = new Float64Array(1024);
  private fee = new Float64Array(1024);
  private flags = new Uint8Array(1024);
  private readonly ids: ClientOrderId[] = [];
  private length = 0;

  push(fill: Fill): void {
    if (this.length === this.ts.length) this.grow();
    const i = this.length;
    this.ts[i] = fill.tsMs;
    this.price[i] = fill.price.toNumber();
    this.quantity[i] = fill.quantity.toNumber();
    this.fee[i] = fill.fee.amount.toNumber();
    this.flags[i] = (fill.side === 'BUY' ? 1 : 0) | (fill.liquidity === 'MAKER' ? 2 : 0);
    this.ids.push(fill.clientOrderId);
    this.length = i + 1;
  }

  rows(): FillRow[] {
    const rows: FillRow[] = [];
    for (let i = 0; i < this.length; i += 1) {
      const flags = this.flags[i] ?? 0;
      rows.push({
        tsMs: this.ts[i] ?? 0,
        side: (flags & 1) === 1 ? 'BUY' : 'SELL',
        price: String(this.price[i]),
        quantity: String(this.quantity[i]),
        fee: String(this.fee[i]),
        liquidity: (flags & 2) === 2 ? 'MAKER' : 'TAKER',
        clientOrderId: this.ids[i] ?? '',
      });
    }
    return rows;
  }

  private grow(): void {
    const size = this.ts.length * 2;
    const grown = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.ts = grown(this.ts, (n) => new Float64Array(n));
    this.price = grown(this.price, (n) => new Float64Array(n));
    this.quantity = grown(this.quantity, (n) => new Float64Array(n));
    this.fee = grown(this.fee, (n) => new Float64Array(n));
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
  }
}
