import { describe, expect, it } from 'vitest';
import { findStrategy } from './built-in-strategies.js';

/** The messages a user sees for the raw parameters of a built-in strategy, or 'ok'. */
function messages(strategy: string, raw: Readonly<Record<string, string>>): readonly string[] | 'ok' {
  const entry = findStrategy(strategy);
  if (entry === undefined) throw new Error(`no strategy ${strategy}`);
  const created = entry.create(raw);
  return created.ok ? 'ok' : created.error.map((issue) => issue.message);
}

describe('built-in strategy parameters', () => {
  it('coerce command-line strings and build the strategy', () => {
    const created = findStrategy('sma-cross')?.create({ fast: '10', slow: '30', size: '0.5' });
    expect(created?.ok && created.value.params).toEqual({ fast: 10, slow: 30, size: 0.5 });
  });

  it.each<{ raw: Record<string, string>; expected: string[] }>([
    { raw: { fast: 'abc', slow: '30', size: '1' }, expected: [`invalid parameter 'fast' of strategy sma-cross, was "abc": a whole number of bars`] },
    { raw: { fast: '30', slow: '30', size: '1' }, expected: [`invalid parameter 'fast' of strategy sma-cross, was "30": fewer bars than slow`] },
    { raw: { fast: '10', slow: '30' }, expected: [`invalid parameter 'size' of strategy sma-cross, was missing: a quantity in base units`] },
    {
      raw: { fast: '1.5', slow: '30', size: '-1' },
      expected: [`invalid parameter 'fast' of strategy sma-cross, was "1.5": a whole number of bars`, `invalid parameter 'size' of strategy sma-cross, was "-1": a quantity above 0`],
    },
    {
      raw: { fast: '10', slow: '30', size: '1', fats: '5' },
      expected: [`invalid parameter 'fats' of strategy sma-cross, was "5": not a parameter of this strategy (it has fast, slow, size)`],
    },
  ])('sma-cross $raw: a clear message naming the parameter, the value and what was expected', ({ raw, expected }) => {
    expect(messages('sma-cross', raw)).toEqual(expected);
  });

  it.each<{ strategy: string; raw: Record<string, string>; expected: string }>([
    { strategy: 'bollinger-breakout', raw: { size: '1', stopLossPct: '120' }, expected: `invalid parameter 'stopLossPct' of strategy bollinger-breakout, was "120": below 100` },
    { strategy: 'rsi-reversion', raw: { size: '1', oversold: '80' }, expected: `invalid parameter 'oversold' of strategy rsi-reversion, was "80": below overbought` },
    { strategy: 'buy-and-hold', raw: { fraction: '2' }, expected: `invalid parameter 'fraction' of strategy buy-and-hold, was "2": at most 1` },
  ])('$strategy: $expected', ({ strategy, raw, expected }) => {
    expect(messages(strategy, raw)).toEqual([expected]);
  });
});
