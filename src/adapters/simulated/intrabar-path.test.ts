import { describe, expect, it } from 'vitest';
import { IntrabarPath } from './intrabar-path.js';

describe('IntrabarPath', () => {
  it.each([
    // open, high, low, close -> corners
    { bar: [100, 101, 96, 99], points: [100, 101, 96, 99], why: 'the high is nearer the open: up first' },
    { bar: [100, 104, 99, 101], points: [100, 99, 104, 101], why: 'the low is nearer the open: down first' },
    { bar: [100, 104, 96, 101], points: [100, 96, 104, 101], why: 'equally far, closing up: low first' },
    { bar: [100, 104, 96, 100], points: [100, 96, 104, 100], why: 'equally far, closing at the open: low first' },
    { bar: [100, 104, 96, 99], points: [100, 104, 96, 99], why: 'equally far, closing down: high first' },
  ])('visits open -> nearer extreme -> farther extreme -> close: $why', ({ bar, points }) => {
    const [open, high, low, close] = bar as [number, number, number, number];
    expect(new IntrabarPath(open, high, low, close).points).toEqual(points);
  });

  it('finds where a level is first reached, as a position t in [0, 3]', () => {
    const path = new IntrabarPath(100, 101, 96, 99); // 100 -> 101 -> 96 -> 99
    // 97 is reached on the second segment, 4/5 of the way from 101 to 96.
    expect(path.firstAtOrBelow(97)).toEqual({ t: 1.8, price: 97, gap: false });
    // 100.5 on the first segment, half way from 100 to 101.
    expect(path.firstAtOrAbove(100.5)).toEqual({ t: 0.5, price: 100.5, gap: false });
    // 98 going back up on the last segment, after the low: searched from t = 2.
    expect(path.firstAtOrAbove(98, 2)).toEqual({ t: 2 + 2 / 3, price: 98, gap: false });
    expect(path.firstAtOrAbove(102), 'never reached').toBeUndefined();
    expect(path.firstAtOrBelow(95), 'never reached').toBeUndefined();
  });

  it('a level the path is already through at the start is a gap at that price', () => {
    const path = new IntrabarPath(100, 101, 96, 99);
    expect(path.firstAtOrBelow(102)).toEqual({ t: 0, price: 100, gap: true });
    expect(path.firstAtOrAbove(99)).toEqual({ t: 0, price: 100, gap: true });
    // From inside the path: at t = 1.8 the price is 97, already below 98.
    expect(path.firstAtOrBelow(98, 1.8)).toEqual({ t: 1.8, price: 97, gap: true });
  });

  it('prices along the path are linear between the corners', () => {
    const path = new IntrabarPath(100, 104, 96, 101); // 100 -> 96 -> 104 -> 101
    expect([0, 0.5, 1, 1.5, 2, 2.5, 3].map((t) => path.priceAt(t))).toEqual([100, 98, 96, 100, 104, 102.5, 101]);
  });
});
