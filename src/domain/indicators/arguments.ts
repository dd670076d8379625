import { InvalidValueError } from '../errors.js';

/**
 * The longest window any indicator accepts. The exact rolling sums keep their integer weights and
 * divisors far below 2^53 with this cap, and no market series needs a longer window.
 */
export const MAX_INDICATOR_PERIOD = 16_777_216;

/** A numeric series as indicators accept it: a Float64Array (read in place) or any array of numbers. */
export type IndicatorInput = ArrayLike<number>;

/** @throws InvalidValueError `invalid argument 'period', was 0: expected an integer >= 1` */
export function checkPeriod(field: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidValueError('argument', field, value, `an integer >= ${min}`);
  }
  if (value > MAX_INDICATOR_PERIOD) throw new InvalidValueError('argument', field, value, `an integer <= ${MAX_INDICATOR_PERIOD}`);
  return value;
}

/** A multiplier such as Bollinger's k or SuperTrend's factor. @throws InvalidValueError */
export function checkFactor(field: string, value: number, min = 0): number {
  if (!Number.isFinite(value) || value < min) {
    throw new InvalidValueError('argument', field, value, `a finite number >= ${min}`);
  }
  return value;
}

/** @throws InvalidValueError `invalid argument 'slow', was 12: expected an integer > 12 (fast)` */
export function checkGreater(field: string, value: number, otherField: string, other: number): number {
  if (value <= other) {
    throw new InvalidValueError('argument', field, value, `an integer > ${other} (${otherField})`);
  }
  return value;
}

/**
 * The input as a Float64Array: the same object when it already is one (no copy), else a copy, so
 * that every hot loop reads one array type and stays monomorphic.
 */
export function toFloat64(values: IndicatorInput, field: string): Float64Array {
  if (values instanceof Float64Array) return values;
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new InvalidValueError('argument', field, values, 'an array of numbers');
  }
  return Float64Array.from(values);
}

/**
 * Columns of one bar series must have one length.
 * @throws InvalidValueError `invalid argument 'low.length', was 99: expected 100, the length of 'high'`
 */
export function checkSameLength(
  first: Float64Array,
  firstField: string,
  ...others: readonly (readonly [Float64Array, string])[]
): number {
  for (const [column, field] of others) {
    if (column.length !== first.length) {
      throw new InvalidValueError(
        'argument',
        `${field}.length`,
        column.length,
        `${first.length}, the length of '${firstField}'`,
      );
    }
  }
  return first.length;
}
