import { describe, expect, it } from 'vitest';
import { taLibClose, taLibHigh, taLibLow } from '../../../test/indicators/ta-lib-reference-data.js';
import { donchian } from './donchian.js';

describe('donchian', () => {
  it('is the highest high, lowest low and their midpoint over the window, current bar included', () => {
    const out = donchian(taLibHigh, taLibLow, 20);
    expect(out.upper[18]).toBeNaN();
    for (let i = 19; i < 252; i++) {
      const upper = Math.max(...taLibHigh.subarray(i - 19, i + 1));
      const lower = Math.min(...taLibLow.subarray(i - 19, i + 1));
      expect([out.upper[i], out.middle[i], out.lower[i]], `bar ${i}`).toEqual([upper, (upper + lower) / 2, lower]);
    }
  });

  it("matches indicatorts' dc (Donchian on closes) once warmed up", async () => {
    const { dc } = await import('indicatorts');
    const theirs = dc(Array.from(taLibClose), { period: 20 });
    const ours = donchian(taLibClose, taLibClose, 20);
    for (let i = 19; i < 252; i++) {
      expect([ours.upper[i], ours.middle[i], ours.lower[i]], `bar ${i}`).toEqual([theirs.upper[i], theirs.middle[i], theirs.lower[i]]);
    }
  });

  it('matches a hand-computed example', () => {
    const out = donchian([5, 7, 6, 4], [3, 4, 2, 1], 3);
    expect([out.upper[3], out.middle[3], out.lower[3]]).toEqual([7, 4, 1]);
  });
});
