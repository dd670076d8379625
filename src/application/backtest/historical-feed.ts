import { timeframeMs, toBar, type BarSeries, type InstrumentId, type Timeframe } from '../../domain/index.js';
import type { BarEvent, MarketDataFeed } from '../ports/market-data-feed.js';

interface Cursor {
  readonly series: BarSeries;
  readonly durationMs: number;
  index: number;
}

/**
 * One bar of a series as an event: a reference to its series and an index, read through getters. An
 * object literal with the bar's seven numbers costs eight allocations per bar (each number field of a
 * fresh object is a heap number), which made the feed the engine's largest allocation. The view is as
 * immutable as the series behind it, so keeping it is safe; it has no own data properties, so copy it
 * with explicit fields (`toBar`), not a spread.
 */
class SeriesBar implements BarEvent {
  /** On the prototype, so that each bar holds just its series, cursor and index. */
  get kind(): 'bar' {
    return 'bar';
  }

  /** The cursor's series, held directly: one load less in each of the getters read on every bar. */
  private readonly series: BarSeries;

  constructor(
    private readonly cursor: Cursor,
    private readonly i: number,
  ) {
    this.series = cursor.series;
  }

  get tsMs(): number {
    return (this.series.tsOpen[this.i] as number) + this.cursor.durationMs;
  }
  get instrumentId(): InstrumentId {
    return this.series.instrumentId;
  }
  get timeframe(): Timeframe {
    return this.series.timeframe;
  }
  get tsOpen(): number {
    return this.series.tsOpen[this.i] as number;
  }
  get open(): number {
    return this.series.open[this.i] as number;
  }
  get high(): number {
    return this.series.high[this.i] as number;
  }
  get low(): number {
    return this.series.low[this.i] as number;
  }
  get close(): number {
    return this.series.close[this.i] as number;
  }
  get volume(): number {
    return this.series.volume[this.i] as number;
  }

  toJSON(): BarEvent {
    return { kind: 'bar', tsMs: this.tsMs, ...toBar(this) };
  }
}

/**
 * Replays columnar bar series in time order, synchronously. Each bar becomes known at its close
 * (tsOpen + timeframe); of bars closing at the same moment the finer timeframe comes first (an hour bar
 * after the last of its minutes), then the order the series were given in. The only allocation per bar
 * is the event handed to the engine, a small view into the series (SeriesBar).
 */
export class HistoricalFeed implements MarketDataFeed {
  private readonly cursors: Cursor[];
  private delivered = 0;
  /**
   * When the bar handed out last closed (its tsMs), for the replay loop: a plain field, because a getter
   * or method returning a number, when V8 does not inline it, allocates a heap number per call.
   */
  lastTsMs = Number.NaN;
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
    const i = best.index;
    best.index = i + 1;
    this.delivered += 1;
    this.lastTsMs = bestClose;
    return new SeriesBar(best, i);
  }
}
