import type { Bar, BarSeries, InstrumentId, Timeframe } from '../../domain/index.js';
import { AtbError } from '../../shared/errors.js';
import { BarRing } from './bar-ring.js';

/** The latest quote of an instrument. Market data, so float64 like bars (exact prices are made at the order). */
export interface Ticker {
  readonly instrumentId: InstrumentId;
  /** When the quote was valid, epoch ms. */
  readonly tsMs: number;
  readonly bid: number;
  readonly ask: number;
  readonly last: number;
}

export interface MarketDataCacheOptions {
  /** Bars kept per instrument and timeframe. Default 1 000. */
  readonly barsPerSeries?: number;
  /** Series kept at most; bars of further series are refused and counted. Default 10 000. */
  readonly maxSeries?: number;
}

export interface MarketDataCacheStats {
  readonly series: number;
  readonly tickers: number;
  /** Bars refused: older than the newest one held, or of a series past maxSeries. */
  readonly refusedBars: number;
}

/**
 * Recent market data in memory, for the engine and strategies to read without the database: the latest
 * bars of each instrument and timeframe in a ring buffer of typed arrays (bar-ring.ts) and the latest
 * ticker of each instrument. Synchronous, and a bar costs no allocation; fed by the market data feed as
 * bars close, and warmed from the repository (`putSeries`) at start.
 *
 * @example
 * const recent = new MarketDataCache({ barsPerSeries: 500 });
 * recent.putBar(event);
 * const last50 = recent.recentBars(id, tf, 50); // oldest first; fewer while warming up
 */
export class MarketDataCache {
  readonly #barsPerSeries: number;
  readonly #maxSeries: number;
  readonly #rings = new Map<InstrumentId, Map<Timeframe, BarRing>>();
  readonly #tickers = new Map<InstrumentId, Ticker>();
  #series = 0;
  #refusedBars = 0;

  constructor(options: MarketDataCacheOptions = {}) {
    this.#barsPerSeries = positiveInteger(options.barsPerSeries ?? 1_000, 'barsPerSeries');
    this.#maxSeries = positiveInteger(options.maxSeries ?? 10_000, 'maxSeries');
  }

  /** Keeps a closed bar; false when refused (older than the newest bar held, or too many series). */
  putBar(bar: Bar): boolean {
    const ring = this.#ring(bar.instrumentId, bar.timeframe);
    const kept = ring?.push(bar.tsOpen, bar.open, bar.high, bar.low, bar.close, bar.volume) ?? false;
    if (!kept) this.#refusedBars++;
    return kept;
  }

  /**
   * Merges a series read from the repository (oldest first) with the bars held: its bars older or newer
   * than those held are added, the ones in the held range are skipped (the feed's are as new or newer).
   * For warming up, not the hot path: it copies.
   */
  putSeries(series: BarSeries): void {
    const ring = this.#ring(series.instrumentId, series.timeframe);
    if (ring === undefined) {
      this.#refusedBars += series.length;
      return;
    }
    const held = ring.recent(ring.length);
    const firstHeld = held.length === 0 ? Infinity : (held.tsOpen[0] ?? Infinity);
    const lastHeld = ring.lastTsOpen ?? -Infinity;
    ring.clear();
    const push = (from: BarSeries, i: number): void => {
      const kept = ring.push(
        from.tsOpen[i] ?? Number.NaN,
        from.open[i] ?? Number.NaN,
        from.high[i] ?? Number.NaN,
        from.low[i] ?? Number.NaN,
        from.close[i] ?? Number.NaN,
        from.volume[i] ?? Number.NaN,
      );
      if (!kept) this.#refusedBars++;
    };
    for (let i = 0; i < series.length; i++) if ((series.tsOpen[i] ?? Infinity) < firstHeld) push(series, i);
    for (let i = 0; i < held.length; i++) push(held, i);
    for (let i = 0; i < series.length; i++) if ((series.tsOpen[i] ?? -Infinity) > lastHeld) push(series, i);
  }

  /** The newest `count` bars held, oldest first (a copy): fewer, or none, while the series warms up. */
  recentBars(instrumentId: InstrumentId, timeframe: Timeframe, count: number): BarSeries {
    return this.#rings.get(instrumentId)?.get(timeframe)?.recent(count) ?? emptySeries(instrumentId, timeframe);
  }

  /** How many bars of the series are held. */
  barCount(instrumentId: InstrumentId, timeframe: Timeframe): number {
    return this.#rings.get(instrumentId)?.get(timeframe)?.length ?? 0;
  }

  latestBar(instrumentId: InstrumentId, timeframe: Timeframe): Bar | undefined {
    return this.#rings.get(instrumentId)?.get(timeframe)?.latest();
  }

  /** Keeps the ticker unless a newer one is held; false when it was older. */
  putTicker(ticker: Ticker): boolean {
    const held = this.#tickers.get(ticker.instrumentId);
    if (held !== undefined && held.tsMs > ticker.tsMs) return false;
    this.#tickers.set(ticker.instrumentId, ticker);
    return true;
  }

  latestTicker(instrumentId: InstrumentId): Ticker | undefined {
    return this.#tickers.get(instrumentId);
  }

  stats(): MarketDataCacheStats {
    return { series: this.#series, tickers: this.#tickers.size, refusedBars: this.#refusedBars };
  }

  #ring(instrumentId: InstrumentId, timeframe: Timeframe): BarRing | undefined {
    let byTimeframe = this.#rings.get(instrumentId);
    const ring = byTimeframe?.get(timeframe);
    if (ring !== undefined) return ring;
    if (this.#series >= this.#maxSeries) return undefined;
    if (byTimeframe === undefined) {
      byTimeframe = new Map();
      this.#rings.set(instrumentId, byTimeframe);
    }
    const created = new BarRing(instrumentId, timeframe, this.#barsPerSeries);
    byTimeframe.set(timeframe, created);
    this.#series++;
    return created;
  }
}

function emptySeries(instrumentId: InstrumentId, timeframe: Timeframe): BarSeries {
  const none = new Float64Array(0);
  return { instrumentId, timeframe, length: 0, tsOpen: none, open: none, high: none, low: none, close: none, volume: none };
}

function positiveInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    const expected = 'expected an integer of at least 1';
    throw new AtbError('CONFIG_INVALID', `invalid market data cache ${field}, was ${String(value)}: ${expected}`, {
      field,
      value,
    });
  }
  return value;
}
