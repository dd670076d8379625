import { describe, expect, it } from 'vitest';
import { barAt, instrumentId, timeframe, timeframeMs, toBar, type BarSeries } from '../../domain/index.js';
import type { BarEvent } from '../ports/market-data-feed.js';
import { HistoricalFeed } from './historical-feed.js';

const T0 = Date.UTC(2024, 0, 1);

/** `count` bars of `tf` from T0, each closing at its index + 1 (the close tells the bars apart). */
function bars(symbol: string, tf: string, count: number): BarSeries {
  const step = timeframeMs(timeframe(tf));
  const column = (f: (i: number) => number) => Float64Array.from({ length: count }, (_, i) => f(i));
  return {
    instrumentId: instrumentId(symbol),
    timeframe: timeframe(tf),
    length: count,
    tsOpen: column((i) => T0 + i * step),
    open: column((i) => i),
    high: column((i) => i + 1),
    low: column((i) => i),
    close: column((i) => i + 1),
    volume: column(() => 1),
  };
}

function drain(feed: HistoricalFeed): BarEvent[] {
  const events: BarEvent[] = [];
  for (let e = feed.next(); e !== undefined; e = feed.next()) events.push(e);
  return events;
}

const label = (e: BarEvent) => `${e.instrumentId} ${e.timeframe} #${e.close} @${(e.tsMs - T0) / 60_000}m`;

describe('HistoricalFeed', () => {
  it('replays every bar once, in the order the bars close, each at its close time', () => {
    const feed = new HistoricalFeed([bars('BTC/USDT', '30m', 3), bars('ETH/USDT', '20m', 4)]);
    expect(feed.total).toBe(7);
    expect(drain(feed).map(label)).toEqual([
      'ETH/USDT 20m #1 @20m',
      'BTC/USDT 30m #1 @30m',
      'ETH/USDT 20m #2 @40m',
      'ETH/USDT 20m #3 @60m', // closes with the 30m bar and is finer
      'BTC/USDT 30m #2 @60m',
      'ETH/USDT 20m #4 @80m',
      'BTC/USDT 30m #3 @90m',
    ]);
    expect(feed.position).toBe(7);
    expect(feed.next(), 'ended').toBeUndefined();
  });

  it('bars closing together come finer timeframe first, whatever order the series were given in', () => {
    // An hour bar exists only once all of its minutes have closed: the minute 59 bar, which closes with
    // it, must come first even when the hour series is given first.
    const events = drain(new HistoricalFeed([bars('BTC/USDT', '1h', 2), bars('BTC/USDT', '1m', 120)]));
    const hours = events.flatMap((e, i) => (e.timeframe === '1h' ? [i] : []));
    expect(hours).toEqual([60, 121]);
    expect(label(events[59] as BarEvent)).toBe('BTC/USDT 1m #60 @60m');
  });

  it('series of the same timeframe closing together keep the order they were given in', () => {
    const events = drain(new HistoricalFeed([bars('ETH/USDT', '1h', 1), bars('BTC/USDT', '1h', 1)]));
    expect(events.map(label)).toEqual(['ETH/USDT 1h #1 @60m', 'BTC/USDT 1h #1 @60m']);
  });

  it('hands out each bar with all its fields, kept events staying as they were, copied exactly by toBar and JSON', () => {
    const series = bars('BTC/USDT', '1h', 3);
    const events = drain(new HistoricalFeed([series]));
    const second = events[1] as BarEvent;
    const expected = { instrumentId: 'BTC/USDT', timeframe: '1h', tsOpen: T0 + 3_600_000, open: 1, high: 2, low: 1, close: 2, volume: 1 };
    expect(toBar(second), 'read after later bars were handed out').toEqual(expected);
    expect(barAt(series, 1)).toEqual(expected);
    expect(second.tsMs).toBe(T0 + 7_200_000);
    expect(JSON.parse(JSON.stringify(second))).toEqual({ kind: 'bar', tsMs: T0 + 7_200_000, ...expected });
  });
});
