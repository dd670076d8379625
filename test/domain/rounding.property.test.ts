/**
 * (4) Rounding never leaves the tick or lot grid, for every mode, and each mode rounds the way it says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Instrument } from '../../src/domain/instruments/instrument.js';
import { Decimal, RoundingMode } from '../../src/domain/values/decimal.js';
import { anyDecimal } from './arbitraries.js';

const MODES = Object.values(RoundingMode);
const RUNS = { numRuns: 1_000 };
const TWO = Decimal.of('2');

/** Steps as venues use them, plus random ones: a whole number (1..999) times 10^-k. */
const step: fc.Arbitrary<Decimal> = fc.oneof(
  fc.constantFrom('0.01', '0.5', '0.25', '5', '0.00001', '0.3', '0.07', '1', '1000').map((s) => Decimal.of(s)),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 24 })).map(([n, k]) => Decimal.of(BigInt(n)).mul(Decimal.of(`1e-${k}`))),
);
const value: fc.Arbitrary<Decimal> = anyDecimal.map((s) => Decimal.of(s));
const mode = fc.constantFrom(...MODES);

/** Checks one rounding of x to the step against the definition of the mode. */
function checkRounding(x: Decimal, s: Decimal, m: RoundingMode, r: Decimal): void {
  const label = `${x.toString()} to ${s.toString()} ${m} gave ${r.toString()}`;
  expect(r.isMultipleOf(s), label).toBe(true);
  const distance = r.sub(x).abs();
  expect(distance.lt(s), label).toBe(true); // one of the two neighbours on the grid
  if (x.isMultipleOf(s)) {
    expect(r.eq(x), label).toBe(true);
    return;
  }
  const twice = distance.mul(TWO);
  const tie = twice.eq(s);
  const awayFromZero = r.abs().gt(x.abs());
  switch (m) {
    case 'DOWN':
      expect(awayFromZero, label).toBe(false);
      break;
    case 'UP':
      expect(awayFromZero, label).toBe(true);
      break;
    case 'FLOOR':
      expect(r.lt(x), label).toBe(true);
      break;
    case 'CEIL':
      expect(r.gt(x), label).toBe(true);
      break;
    case 'HALF_UP':
    case 'HALF_DOWN':
    case 'HALF_EVEN':
      expect(twice.lte(s), `${label}: not the nearest`).toBe(true);
      if (tie && m === 'HALF_UP') expect(awayFromZero, label).toBe(true);
      if (tie && m === 'HALF_DOWN') expect(awayFromZero, label).toBe(false);
      if (tie && m === 'HALF_EVEN') expect(r.div(s).isMultipleOf(TWO), `${label}: not the even neighbour`).toBe(true);
      break;
  }
  // Sign never flips, except to zero.
  expect(r.sign() === 0 || r.sign() === x.sign(), label).toBe(true);
}

describe('rounding properties', () => {
  it('(4a) Decimal.roundToStep stays on the grid and honours every mode', () => {
    fc.assert(
      fc.property(value, step, mode, (x, s, m) => {
        checkRounding(x, s, m, x.roundToStep(s, m));
      }),
      RUNS,
    );
  });

  it('(4b) ties, made on purpose, go the way of each HALF mode', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), step, mode, (units, s, m) => {
        const x = Decimal.of(BigInt(units)).add(Decimal.of('0.5')).mul(s); // exactly half-way
        checkRounding(x, s, m, x.roundToStep(s, m));
      }),
      RUNS,
    );
  });

  it('(4c) round(places) is roundToStep(10^-places)', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 14 }), mode, (x, places, m) => {
        const r = x.round(places, m);
        expect(r.eq(x.roundToStep(Decimal.of(`1e-${places}`), m))).toBe(true);
        expect(r.decimalPlaces()).toBeLessThanOrEqual(places);
      }),
      RUNS,
    );
  });

  it('(4d) Instrument.roundPrice and roundQuantity never leave the tick and lot grid', () => {
    fc.assert(
      fc.property(step, step, value, mode, (tick, lot, x, m) => {
        const instrument = Instrument.create({ symbol: 'X/Y', tickSize: tick.toString(), lotSize: lot.toString() });
        const price = instrument.roundPrice(x, m);
        expect(price.isMultipleOf(tick)).toBe(true);
        expect(price.isPositive()).toBe(true);
        // Above one tick, the price is the plain rounding; below it, one tick (a price is never zero).
        if (x.gte(tick)) checkRounding(x, tick, m, price);
        else expect(price.eq(tick) || price.eq(x.roundToStep(tick, m))).toBe(true);
        const quantity = instrument.roundQuantity(x, m);
        expect(quantity.isMultipleOf(lot)).toBe(true);
        expect(quantity.isNegative()).toBe(false);
        if (x.isPositive()) checkRounding(x, lot, m, quantity);
        else expect(quantity.isZero()).toBe(true);
      }),
      RUNS,
    );
  });

  it('(4e) rounding a rounded value changes nothing, in any mode', () => {
    fc.assert(
      fc.property(value, step, mode, mode, (x, s, m1, m2) => {
        const once = x.roundToStep(s, m1);
        expect(once.roundToStep(s, m2).eq(once)).toBe(true);
      }),
      RUNS,
    );
  });
});
