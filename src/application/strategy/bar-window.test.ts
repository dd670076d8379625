import { describe, expect, it } from 'vitest';
import { instrumentId, timeframe, type Bar } from '../../domain/index.js';
import { AtbError } from '../../shared/errors.js';
import { BarWindow } from './bar-window.js';

const ID = instrumentId('BTC/USDT');
const TF = timeframe('1h');
const bar = (i: number): Bar => ({ instrumentId: ID, timeframe: TF, tsOpen: i * 3_600_000, open: i, high: i + 0.5, low: i - 0.5, close: i + 0.25, volume: 10 * i });

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('BarWindow', () => {
  it('reads closed bars newest first; older than it holds reads as NaN or undefined', () => {
    const window = new BarWindow(ID, TF, 3);
    expect(window.length).toBe(0);
    expect(window.close()).toBeNaN();
    for (let i = 1; i <= 5; i += 1) window.push(bar(i));
    expect(window.length, 'capped at the capacity').toBe(3);
    expect([0, 1, 2].map((ago) => window.close(ago))).toEqual([5.25, 4.25, 3.25]);
    expect([window.open(1), window.high(1), window.low(1), window.volume(1), window.tsOpen(1)]).toEqual([4, 4.5, 3.5, 40, 4 * 3_600_000]);
    expect(window.close(3), 'bar 2 left the window').toBeNaN();
    expect(window.bar(0)).toEqual(bar(5));
    expect(window.bar(3)).toBeUndefined();
    expect(Array.from(window.closes())).toEqual([3.25, 4.25, 5.25]);
    expect(Array.from(window.closes(2))).toEqual([4.25, 5.25]);
  });

  it('closes() is a copy: writing to it does not change the window', () => {
    const window = new BarWindow(ID, TF, 2);
    window.push(bar(1));
    const copy = window.closes();
    copy[0] = 99;
    expect(window.close()).toBe(1.25);
  });

  it('a bar in the future cannot be read: LOOK_AHEAD, for every field', () => {
    const window = new BarWindow(ID, TF, 3);
    window.push(bar(1));
    for (const read of [() => window.close(-1), () => window.open(-1), () => window.high(-2), () => window.low(-1), () => window.volume(-1), () => window.tsOpen(-1), () => window.bar(-1)]) {
      const error = thrown(read);
      expect(error).toBeInstanceOf(AtbError);
      expect((error as AtbError).code).toBe('LOOK_AHEAD');
    }
    expect((thrown(() => window.close(-1)) as Error).message).toBe('bar -1 of BTC/USDT 1h is in the future: a strategy sees closed bars only (0 = the latest)');
    expect((thrown(() => window.close(0.5)) as Error).message).toBe('bar index must be a whole number of bars ago, was 0.5');
    expect((thrown(() => window.close(Number.NaN)) as AtbError).code).toBe('LOOK_AHEAD');
  });
});
