// Every indicator rejects a bad period, and every multi-column batch function rejects columns of
// different lengths, with an InvalidValueError that names the argument and the value (issue 4).
import { describe, expect, it } from 'vitest';
import {
  Adx, adx, Atr, Bollinger, Cci, cci, Dema, Donchian, donchian, Ema, Ichimoku, Keltner, keltner, LinRegSlope, Macd,
  Mfi, mfi, Momentum, obv, Roc, Rsi, Sma, StdDev, StochRsi, Stochastic, stochastic, SuperTrend, superTrend, Tema,
  sma, trueRange, Vwap, vwap, WilliamsR, williamsR, Wma, ZScore, InvalidValueError,
} from '../../src/index.js';

const constructors: readonly (readonly [string, string, () => unknown])[] = [
  ['Sma', 'period', () => new Sma(0)],
  ['Ema', 'period', () => new Ema(-3)],
  ['Wma', 'period', () => new Wma(1.5)],
  ['Dema', 'period', () => new Dema(0)],
  ['Tema', 'period', () => new Tema(0)],
  ['Rsi', 'period', () => new Rsi(0)],
  ['Macd', 'signal', () => new Macd(12, 26, 0)],
  ['Bollinger', 'period', () => new Bollinger(0)],
  ['Atr', 'period', () => new Atr(0)],
  ['Stochastic', 'dPeriod', () => new Stochastic(14, 1, 0)],
  ['StochRsi', 'stochPeriod', () => new StochRsi(14, 0)],
  ['Adx', 'period', () => new Adx(0)],
  ['Cci', 'period', () => new Cci(0)],
  ['Roc', 'period', () => new Roc(0)],
  ['Momentum', 'period', () => new Momentum(0)],
  ['Vwap', 'period', () => new Vwap(0)],
  ['Mfi', 'period', () => new Mfi(0)],
  ['WilliamsR', 'period', () => new WilliamsR(0)],
  ['Donchian', 'period', () => new Donchian(0)],
  ['Keltner', 'atrPeriod', () => new Keltner(20, 0)],
  ['Ichimoku', 'basePeriod', () => new Ichimoku(9, 0)],
  ['SuperTrend', 'period', () => new SuperTrend(0)],
  ['StdDev', 'period', () => new StdDev(0)],
  ['ZScore', 'period', () => new ZScore(0)],
  ['LinRegSlope', 'period', () => new LinRegSlope(0)],
];

describe('indicator arguments', () => {
  it.each(constructors)('%s rejects a bad %s, naming it', (_, field, make) => {
    expect(make).toThrow(InvalidValueError);
    expect(make).toThrow(new RegExp(`^invalid argument '${field}', was -?[0-9.]+: expected an integer >= [12]$`));
  });

  it('rejects a period above MAX_INDICATOR_PERIOD', () => {
    expect(() => new Sma(2 ** 30)).toThrow("invalid argument 'period', was 1073741824: expected an integer <= 16777216");
  });

  const a = [1, 2, 3];
  const b = [1, 2];
  it.each([
    ['trueRange', 'low', () => trueRange(a, b, a)],
    ['adx', 'close', () => adx(a, a, b)],
    ['cci', 'low', () => cci(a, b, a)],
    ['stochastic', 'close', () => stochastic(a, a, b)],
    ['williamsR', 'low', () => williamsR(a, b, a)],
    ['donchian', 'low', () => donchian(a, b)],
    ['keltner', 'close', () => keltner(a, a, b)],
    ['superTrend', 'low', () => superTrend(a, b, a)],
    ['mfi', 'volume', () => mfi(a, a, a, b)],
    ['vwap', 'volume', () => vwap(a, a, a, b, 2)],
    ['obv', 'volume', () => obv(a, b)],
  ] as const)('%s rejects a %s column of another length', (_, column, run) => {
    expect(run).toThrow(`invalid argument '${column}.length', was 2: expected 3`);
  });

  it('rejects an input that is not an array of numbers', () => {
    expect(() => sma(null as unknown as number[], 2)).toThrow("invalid argument 'values', was null: expected an array of numbers");
  });
});
