/**
 * fast-check arbitraries for the domain property suites. Prices and quantities are generated as whole
 * numbers of grid steps and rendered as decimal strings, so no float is ever involved.
 */
import fc from 'fast-check';
import { Decimal } from '../../src/domain/values/decimal.js';

/** A decimal string: a whole number of `step` between minUnits and maxUnits. */
export function onGrid(step: string, minUnits: number, maxUnits: number): fc.Arbitrary<string> {
  const s = Decimal.of(step);
  return fc.integer({ min: minUnits, max: maxUnits }).map((n) => Decimal.of(BigInt(n)).mul(s).toString());
}

/**
 * Any decimal string, either sign, 0 to 24 places, with up to 6, 15 or 22 significant digits: so both of
 * Decimal's forms (the compact safe-integer one and big.js) and the boundary between them are exercised.
 */
export const anyDecimal: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n })),
    fc.integer({ min: 0, max: 24 }),
  )
  .map(([mantissa, places]) => Decimal.of(mantissa).mul(Decimal.of(`1e-${places}`)).toString());

export interface FillDraft {
  readonly side: 'BUY' | 'SELL';
  readonly quantity: string;
  readonly price: string;
  readonly fee: string;
}

/** A fill on the BTC/USDT grid: tick 0.01, lot 0.001, fee in quote with 4 places (rebates included). */
export const fillDraft: fc.Arbitrary<FillDraft> = fc.record({
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  quantity: onGrid('0.001', 1, 5_000),
  price: onGrid('0.01', 1, 10_000_000),
  fee: onGrid('0.0001', -100, 10_000),
});
