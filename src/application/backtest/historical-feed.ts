import { timeframeMs, type BarSeries } from '../../domain/index.js';
import type { BarEvent, MarketDataFeed } from '../ports/market-data-feed.js';

interface Cursor {
  readonly series: BarSeries;
  readonly durationMs: number;
  index: number;
}

/**
 * Replays columnar bar series in time order, synchronously. Each bar becomes known at its close
 * (tsOpen + timeframe); of bars closing at the same moment the finer timeframe comes first (an hour bar
 * after the last of its minutes), then the order the series were given in. The only allocation per bar
 * is the event handed to the engine.
 */
export class HistoricalFeed implements MarketDataFeed {
  private readonly cursors: Cursor[];
  private delivered = 0;
  readonly total: number;

  constructor(series: readonly BarSeries[]) {
    this.cursors = series.map((s) => ({ series: s, durationMs: timeframeMs(s.timeframe), index: 0 }));
    this.total = series.reduce((n, s) => n + s.length, 0);
  }

  /** Events handed out so far. */
  get position(): number {
    return this.delivered;
  }

  next(): BarEvent | undefined {
    const cursors = this.cursors;
    let best: Cursor | undefined;
    let bestClose = Number.POSITIVE_INFINITY;
    for (let i = 0; i < cursors.length; i += 1) {
      const c = cursors[i] as Cursor;
      if (c.index >= c.series.length) continue;
      const close = (c.series.tsOpen[c.index] as number) + c.durationMs;
      if (close < bestClose || (close === bestClose && best !== undefined && c.durationMs < best.durationMs)) {
        bestClose = close;
        best = c;
      }
    }
    if (best === undefined) return undefined;
    const s = best.series;
    const i = best.index;
    best.index = i + 1;
    this.delivered += 1;
    return {
      kind: 'bar',
      tsMs: bestClose,
      instrumentId: s.instrumentId,
      timeframe: s.timeframe,
      tsOpen: s.tsOpen[i] as number,
      open: s.open[i] as number,
      high: s.high[i] as number,
      low: s.low[i] as number,
      close: s.close[i] as number,
      volume: s.volume[i] as number,
    };
  }
}
