import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instrumentId, timeframe } from '../../domain/index.js';
import { BarRing } from './bar-ring.js';

const id = instrumentId('BTC/USDT');
const tf = timeframe('1m');
const push = (ring: BarRing, ts: number, close = ts): boolean => ring.push(ts, close, close + 1, close - 1, close, 10);

describe('BarRing', () => {
  it('keeps the newest bars, oldest first, across wrap-around (property against a plain array)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 60 }), fc.nat(12), (capacity, steps, count) => {
        const ring = new BarRing(id, tf, capacity);
        const model: number[] = [];
        let ts = 0;
        for (const step of steps) {
          ts += step; // 0: the same open time again, a revision of the newest bar
          push(ring, ts, ts * 10 + model.length);
          if (model.length > 0 && model.at(-1) === ts) model.pop();
          model.push(ts);
          if (model.length > capacity) model.shift();
        }
        const recent = ring.recent(count);
        expect(Array.from(recent.tsOpen)).toEqual(model.slice(Math.max(0, model.length - count)));
        expect(recent.length).toBe(Math.min(count, model.length));
      }),
    );
  });

  it('replaces the newest bar when its open time comes again and refuses an older bar', () => {
    const ring = new BarRing(id, tf, 3);
    push(ring, 60_000, 1);
    push(ring, 120_000, 2);
    expect(push(ring, 120_000, 3), 'a revision of the newest bar').toBe(true);
    expect(push(ring, 60_000, 4), 'an older bar').toBe(false);
    expect(Array.from(ring.recent(5).close)).toEqual([1, 3]);
    expect(ring.latest()).toMatchObject({ tsOpen: 120_000, close: 3, high: 4, low: 2, volume: 10 });
  });
});
