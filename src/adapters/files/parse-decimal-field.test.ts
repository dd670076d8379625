import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberEnd, parseDecimalField, parseNumberAt } from './parse-decimal-field.js';

describe('parseDecimalField', () => {
  it('gives exactly what Number() gives for decimal text', () => {
    const decimalText = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,12}$/), fc.option(fc.stringMatching(/^\d{0,10}$/)))
      .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(parseDecimalField(text, 0, text.length)).toBe(Number(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every double printed by String()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = String(value); // -0 prints as "0"
        expect(parseDecimalField(text, 0, text.length)).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['1,5', true, 1.5],
    ['+2.25', false, 2.25],
    ['.5', false, 0.5],
    ['1e3', false, 1000],
    ['12345678901234567890', false, 12345678901234567000],
  ])('reads %s (decimal comma %s) as %d', (text, decimalComma, expected) => {
    expect(parseDecimalField(text, 0, text.length, decimalComma)).toBe(expected);
  });

  it.each(['', '-', 'abc', '1.2.3', '0x10', 'Infinity', ' 1', '1-'])('rejects %j', (text) => {
    expect(parseDecimalField(text, 0, text.length)).toBeNaN();
  });
});

describe('parseNumberAt', () => {
  it('stops where the number ends, past spaces and an opening quote', () => {
    const line = 'x, "12.5",7e2;';
    expect(parseNumberAt(line, 2, line.length, false)).toBe(12.5);
    expect(numberEnd).toBe(8);
    expect(parseNumberAt(line, 10, line.length, false)).toBe(700);
    expect(numberEnd).toBe(13);
  });
});
