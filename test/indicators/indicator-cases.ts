// Every indicator of the library in one table, so that the contract suite can hold each of them to the
// same promises: batch equals streaming bit for bit, the documented warm-up, the non-finite policy.
import {
  Adx, adx, Atr, atr, Bollinger, bollinger, Cci, cci, Dema, dema, Donchian, donchian, Ema, ema,
  Ichimoku, ichimoku, Keltner, keltner, LinRegSlope, linRegSlope, Macd, macd, Mfi, mfi, Momentum,
  momentum, Obv, obv, ParabolicSar, parabolicSar, Roc, roc, Rsi, rsi, SessionVwap, sessionVwap, Sma,
  sma, StdDev, stdDev, StochRsi, stochRsi, Stochastic, stochastic, SuperTrend, superTrend, Tema, tema,
  TrueRange, trueRange, Vwap, vwap, WilliamsR, williamsR, Wma, wma, ZScore, zScore,
} from '../../src/index.js';
import type { TestBars } from './market-data.js';

/** How a non-finite input shows in the outputs (see the README's indicator section). */
export type NonFinitePolicy =
  /** A missing bar: NaN at that bar, and every later output equals the series without that bar. */
  | { readonly kind: 'skip' }
  /**
   * Outputs whose window contains the bar are NaN: indices k .. k + span - 1; from k + cleanAfter
   * (default span) on, outputs equal those of the series without the bad value.
   */
  | { readonly kind: 'window'; readonly span: number; readonly cleanAfter?: number }
  /** RSI skips the bar, the stochastic windows over RSI then see the gap: NaN for k .. k + span - 1. */
  | { readonly kind: 'skip-then-window'; readonly span: number }
  /** Depends on two bars only, `lag` apart: NaN at k and at k + lag, the clean outputs elsewhere. */
  | { readonly kind: 'endpoints'; readonly lag: number };

export type Column = 'high' | 'low' | 'close' | 'volume' | 'tsOpen';

interface Streaming {
  readonly warmupPeriod: number;
  readonly isReady: boolean;
  reset(): void;
}

export interface IndicatorCase {
  readonly name: string;
  /** The input columns it reads: a non-finite value in any of them makes the bar non-finite. */
  readonly columns: readonly Column[];
  readonly warmup: number;
  readonly nonFinite: NonFinitePolicy;
  /** The batch outputs, in a fixed order. */
  readonly batch: (bars: TestBars) => readonly Float64Array[];
  /** A fresh streaming instance and how to feed it bar i; the result in the batch outputs' order. */
  readonly stream: () => {
    readonly indicator: Streaming;
    readonly push: (bars: TestBars, i: number) => readonly number[] | undefined;
  };
}

const v = (a: Float64Array, i: number): number => a[i] ?? Number.NaN;
const one = (x: number | undefined): readonly number[] | undefined => (x === undefined ? undefined : [x]);

function closeOnly(
  name: string,
  warmup: number,
  nonFinite: NonFinitePolicy,
  make: () => Streaming & { update(x: number): number | undefined },
  batch: (x: Float64Array) => Float64Array,
): IndicatorCase {
  return {
    name,
    columns: ['close'],
    warmup,
    nonFinite,
    batch: (b) => [batch(b.close)],
    stream: () => {
      const indicator = make();
      return { indicator, push: (b, i) => one(indicator.update(v(b.close, i))) };
    },
  };
}

function hlc(
  name: string,
  warmup: number,
  nonFinite: NonFinitePolicy,
  make: () => Streaming & { update(h: number, l: number, c: number): number | undefined },
  batch: (h: Float64Array, l: Float64Array, c: Float64Array) => Float64Array,
): IndicatorCase {
  return {
    name,
    columns: ['high', 'low', 'close'],
    warmup,
    nonFinite,
    batch: (b) => [batch(b.high, b.low, b.close)],
    stream: () => {
      const indicator = make();
      return { indicator, push: (b, i) => one(indicator.update(v(b.high, i), v(b.low, i), v(b.close, i))) };
    },
  };
}

const skip: NonFinitePolicy = { kind: 'skip' };
const window = (span: number, cleanAfter?: number): NonFinitePolicy =>
  cleanAfter === undefined ? { kind: 'window', span } : { kind: 'window', span, cleanAfter };

export const INDICATOR_CASES: readonly IndicatorCase[] = [
  closeOnly('sma(20)', 19, window(20), () => new Sma(20), (x) => sma(x, 20)),
  closeOnly('sma(1)', 0, window(1), () => new Sma(1), (x) => sma(x, 1)),
  closeOnly('ema(20)', 19, skip, () => new Ema(20), (x) => ema(x, 20)),
  closeOnly('wma(10)', 9, window(10), () => new Wma(10), (x) => wma(x, 10)),
  closeOnly('dema(10)', 18, skip, () => new Dema(10), (x) => dema(x, 10)),
  closeOnly('tema(10)', 27, skip, () => new Tema(10), (x) => tema(x, 10)),
  closeOnly('rsi(14)', 14, skip, () => new Rsi(14), (x) => rsi(x, 14)),
  closeOnly('roc(10)', 10, { kind: 'endpoints', lag: 10 }, () => new Roc(10), (x) => roc(x, 10)),
  closeOnly('momentum(10)', 10, { kind: 'endpoints', lag: 10 }, () => new Momentum(10), (x) => momentum(x, 10)),
  closeOnly('stdDev(20)', 19, window(20), () => new StdDev(20), (x) => stdDev(x, 20)),
  closeOnly('zScore(20)', 19, window(20), () => new ZScore(20), (x) => zScore(x, 20)),
  closeOnly('linRegSlope(14)', 13, window(14), () => new LinRegSlope(14), (x) => linRegSlope(x, 14)),
  hlc('trueRange', 1, skip, () => new TrueRange(), trueRange),
  hlc('atr(14)', 14, skip, () => new Atr(14), (h, l, c) => atr(h, l, c, 14)),
  hlc('cci(20)', 19, window(20), () => new Cci(20), (h, l, c) => cci(h, l, c, 20)),
  hlc('williamsR(14)', 13, window(14), () => new WilliamsR(14), (h, l, c) => williamsR(h, l, c, 14)),
  {
    name: 'macd(12,26,9)',
    columns: ['close'],
    warmup: 33,
    nonFinite: skip,
    batch: (b) => {
      const m = macd(b.close, 12, 26, 9);
      return [m.macd, m.signal, m.histogram];
    },
    stream: () => {
      const indicator = new Macd(12, 26, 9);
      return {
        indicator,
        push: (b, i) => {
          const r = indicator.update(v(b.close, i));
          return r && [r.macd, r.signal, r.histogram];
        },
      };
    },
  },
  {
    name: 'bollinger(20,2)',
    columns: ['close'],
    warmup: 19,
    nonFinite: window(20),
    batch: (b) => {
      const r = bollinger(b.close, 20, 2);
      return [r.upper, r.middle, r.lower];
    },
    stream: () => {
      const indicator = new Bollinger(20, 2);
      return {
        indicator,
        push: (b, i) => {
          const r = indicator.update(v(b.close, i));
          return r && [r.upper, r.middle, r.lower];
        },
      };
    },
  },
  {
    name: 'stochastic(14,3,3)',
    columns: ['high', 'low', 'close'],
    warmup: 17,
    nonFinite: window(14 + 3 + 3 - 2),
    batch: (b) => {
      const r = stochastic(b.high, b.low, b.close, 14, 3, 3);
      return [r.k, r.d];
    },
    stream: () => {
      const indicator = new Stochastic(14, 3, 3);
      return {
        indicator,
        push: (b, i) => {
          const r = indicator.update(v(b.high, i), v(b.low, i), v(b.close, i));
          return r && [r.k, r.d];
        },
      };
    },
  },
  {
    name: 'stochRsi(14,14,3,3)',
    columns: ['close'],
    warmup: 31,
    nonFinite: { kind: 'skip-then-window', span: 14 + 3 + 3 - 2 },
    batch: (b) => {
      const r = stochRsi(b.close, 14, 14, 3, 3);
      return [r.k, r.d];
    },
    stream: () => {
      const indicator = new StochRsi(14, 14, 3, 3);
      return {
        indicator,
        push: (b, i) => {
          const r = indicator.update(v(b.close, i));
          return r && [r.k, r.d];
        },
      };
    },
  },
  {
    name: 'adx(14)',
    columns: ['high', 'low', 'close'],
    warmup: 27,
    nonFinite: skip,
    batch: (b) => {
      const r = adx(b.high, b.low, b.close, 14);
      return [r.adx, r.plusDi, r.minusDi];
    },
    stream: () => {
      const indicator = new Adx(14);
      return {
        indicator,
        push: (b, i) => {
          const r = indicator.update(v(b.high, i), v(b.low, i), v(b.close, i));
          return r && [r.adx, r.plusDi, r.minusDi];
        },
      };
    },
  },
  {
    name: 'obv',
    columns: ['close', 'volume'],
    warmup: 0,
    nonFinite: skip,
    batch: (b) => [obv(b.close, b.volume)],
    stream: () => {
      const indicator = new Obv();
      return { indicator, push: (b, i) => one(indicator.update(v(b.close, i), v(b.volume, i))) };
    },
  },
  {
    name: 'vwap(20)',
    columns: ['high', 'low', 'close', 'volume'],
    warmup: 19,
    nonFinite: window(20),
    batch: (b) => [vwap(b.high, b.low, b.close, b.volume, 20)],
    stream: () => {
      const indicator = new Vwap(20);
      return {
        indicator,
        push: (b, i) => one(indicator.update(v(b.high, i), v(b.low, i), v(b.close, i), v(b.volume, i))),
      };
    },
  },
  {
    name: 'sessionVwap(1 day)',
    columns: ['high', 'low', 'close', 'volume', 'tsOpen'],
    warmup: 0,
    nonFinite: skip,
    batch: (b) => [sessionVwap(b.high, b.low, b.close, b.volume, b.tsOpen)],
    stream: () => {
      const indicator = new SessionVwap();
      return {
        indicator,
        push: (b, i) =>
          one(indicator.update(v(b.high, i), v(b.low, i), v(b.close, i), v(b.volume, i), v(b.tsOpen, i))),
      };
    },
  },
  {
    name: 'mfi(14)',
    columns: ['high', 'low', 'close', 'volume'],
    warmup: 14,
    nonFinite: window(14, 15),
    batch: (b) => [mfi(b.high, b.low, b.close, b.volume, 14)],
    stream: () => {
      const indicator = new Mfi(14);
      return {
        indicator,
        push: (b, i) => one(indicator.update(v(b.high, i), v(b.low, i), v(b.close, i), v(b.volume, i))),
      };
    },
  },
  {
    name: 'donchian(20)',
    columns: ['high', 'low'],
    warmup: 19,
    nonFinite: window(20),
    batch: (b) => {
      const r = donchian(b.high, b.low, 20);
      return [r.upper, r.middle, r.lower];
    },
    stream: () => {
      const indicator = new Donchian(20);
      return {
        indicator,
        push: (b, i) => {
          const r = indicator.update(v(b.high, i), v(b.low, i));
          return r && [r.upper, r.middle, r.lower];
        },
      };
    },
  },
  {
    name: 'keltner(20,10,2)',
    columns: ['high', 'low', 'close'],
    warmup: 19,
    nonFinite: skip,
    batch: (b) => {
      const r = keltner(b.high, b.low, b.close, 20, 10, 2);
      return [r.upper, r.middle, r.lower];
    },
    stream: () => {
      const indicator = new Keltner(20, 10, 2);
      return {
        indicator,
        push: (b, i) => {
          const r = indicator.update(v(b.high, i), v(b.low, i), v(b.close, i));
          return r && [r.upper, r.middle, r.lower];
        },
      };
    },
  },
  {
    name: 'parabolicSar(0.02,0.2)',
    columns: ['high', 'low'],
    warmup: 1,
    nonFinite: skip,
    batch: (b) => [parabolicSar(b.high, b.low, 0.02, 0.2)],
    stream: () => {
      const indicator = new ParabolicSar(0.02, 0.2);
      return { indicator, push: (b, i) => one(indicator.update(v(b.high, i), v(b.low, i))) };
    },
  },
  {
    name: 'ichimoku(9,26,52)',
    columns: ['high', 'low'],
    warmup: 51,
    nonFinite: window(52),
    batch: (b) => {
      const r = ichimoku(b.high, b.low, 9, 26, 52);
      return [r.conversion, r.base, r.spanA, r.spanB];
    },
    stream: () => {
      const indicator = new Ichimoku(9, 26, 52);
      return {
        indicator,
        push: (b, i) => {
          const r = indicator.update(v(b.high, i), v(b.low, i));
          return r && [r.conversion, r.base, r.spanA, r.spanB];
        },
      };
    },
  },
  {
    name: 'superTrend(10,3)',
    columns: ['high', 'low', 'close'],
    warmup: 10,
    nonFinite: skip,
    batch: (b) => {
      const r = superTrend(b.high, b.low, b.close, 10, 3);
      return [r.value, r.direction];
    },
    stream: () => {
      const indicator = new SuperTrend(10, 3);
      return {
        indicator,
        push: (b, i) => {
          const r = indicator.update(v(b.high, i), v(b.low, i), v(b.close, i));
          return r && [r.value, r.direction];
        },
      };
    },
  },
];
