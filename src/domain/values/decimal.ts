import BigJs, { type Big } from 'big.js';
import { DomainError, DomainErrorCode, InvalidValueError } from '../errors.js';

/**
 * A big.js constructor of ATB's own, so no other big.js user in the process can change its settings.
 * strict: no `number` inputs and no implicit `valueOf`, so a float can never leak into exact arithmetic.
 * DP: division (average prices, ratios) keeps 30 decimal places, rounded half-even; sums, differences and
 * products are always exact. NE/PE: toString never switches to exponential notation.
 */
const B = BigJs();
B.DP = 30;
B.RM = BigJs.roundHalfEven;
B.NE = -1_000_000;
B.PE = 1_000_000;
B.strict = true;

/** How to round a value that is not on the wanted grid. */
export const RoundingMode = {
  /** Towards zero (truncate). */
  DOWN: 'DOWN',
  /** Away from zero. */
  UP: 'UP',
  /** Towards negative infinity. */
  FLOOR: 'FLOOR',
  /** Towards positive infinity. */
  CEIL: 'CEIL',
  /** To nearest, ties away from zero. */
  HALF_UP: 'HALF_UP',
  /** To nearest, ties towards zero. */
  HALF_DOWN: 'HALF_DOWN',
  /** To nearest, ties to the even neighbour (banker's rounding). */
  HALF_EVEN: 'HALF_EVEN',
} as const;
export type RoundingMode = (typeof RoundingMode)[keyof typeof RoundingMode];

export type DecimalInput = string | bigint | Decimal;

/** Longest decimal string accepted, and largest exponent: bounds the work a hostile input can cause. */
const MAX_INPUT_LENGTH = 100;
const MAX_EXPONENT = 100;
const DECIMAL_PATTERN = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?(\d+))?$/;
const PLAIN_PATTERN = /^(-?)(\d*)(?:\.(\d*))?$/;
const NEGATIVE_ZERO = /^-0(?:\.0*)?$/;

/**
 * Compact form limits: value = m / 10^s with m a safe integer and 0 <= s <= MAX_COMPACT_SCALE.
 * Powers of ten up to 1e22 are exact doubles.
 */
const SAFE = Number.MAX_SAFE_INTEGER;
const MAX_COMPACT_SCALE = 22;
const POW10: readonly number[] = Array.from({ length: MAX_COMPACT_SCALE + 1 }, (_, k) => 10 ** k);

const ZERO_BIG = new B('0');
const ONE_BIG = new B('1');
const MINUS_ONE_BIG = new B('-1');
const TWO_BIG = new B('2');

/**
 * An exact, immutable decimal number. Sums, differences and products are exact; division keeps 30
 * decimal places. It serialises to and from decimal strings only, never through a float.
 *
 * Why two representations: big.js is exact but allocates digit arrays (an addition costs ~0.3 µs, a
 * modulo ~2.6 µs), which the engine's per-order budget cannot afford. Like Java's BigDecimal with its
 * compact long, a value whose digits fit a safe integer is held as `m / 10^s` and computed with exact
 * integer arithmetic (an operation is done that way only when every intermediate provably stays a safe
 * integer); anything larger, and every division, goes through big.js. Both forms give identical results.
 */
export class Decimal {
  /** Compact mantissa (valid when `big` is not held); canonical: no trailing zeros when s > 0. */
  private readonly m: number;
  private readonly s: number;
  private heldBig: Big | undefined;

  protected constructor(source: Decimal | Big | number, scale = 0) {
    if (source instanceof Decimal) {
      this.m = source.m;
      this.s = source.s;
      this.heldBig = source.heldBig;
    } else if (typeof source === 'number') {
      let m = source === 0 ? 0 : source;
      let s = scale;
      // m is a safe integer, so m / 10 rounds to an integer only when it is one: the test is exact, and
      // about three times cheaper than `m % 10`, which V8 computes with a call to fmod for large m.
      while (s > 0 && Math.trunc(m / 10) * 10 === m) {
        m /= 10;
        s -= 1;
      }
      this.m = m;
      this.s = s;
      this.heldBig = undefined;
    } else {
      this.m = Number.NaN;
      this.s = -1;
      this.heldBig = source;
    }
  }

  static readonly ZERO: Decimal = new Decimal(0);
  static readonly ONE: Decimal = new Decimal(1);

  /**
   * Parses a decimal string (plain or exponent notation), a bigint or a Decimal.
   * @throws InvalidValueError naming `field` when the input is not a finite decimal.
   */
  static of(value: DecimalInput, field = 'value'): Decimal {
    return value instanceof Decimal ? value : Decimal.parse(value, 'decimal', field);
  }

  /**
   * Converts a float through its shortest round-trip representation (`String(n)`), so 0.1 becomes
   * exactly "0.1". Use only at a boundary where the source really is a float (bar data, a CLI number).
   */
  static fromNumber(value: number, field = 'value'): Decimal {
    return Decimal.parseNumber(value, 'decimal', field);
  }

  static min<T extends Decimal>(a: T, b: T): T {
    return a.cmp(b) <= 0 ? a : b;
  }

  static max<T extends Decimal>(a: T, b: T): T {
    return a.cmp(b) >= 0 ? a : b;
  }

  static sum(values: Iterable<Decimal>): Decimal {
    let total = Decimal.ZERO;
    for (const v of values) total = total.add(v);
    return total;
  }

  /** Parses for a subclass, reporting errors with the subclass's kind ("price", "quantity"). */
  protected static parse(value: DecimalInput, kind: string, field: string): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return fromBig(new B(value.toString()));
    if (typeof value !== 'string') throw new InvalidValueError(kind, field, value, 'a decimal string');
    const match = value.length <= MAX_INPUT_LENGTH ? DECIMAL_PATTERN.exec(value) : null;
    const exponent = match?.[1];
    if (match === null || (exponent !== undefined && Number(exponent) > MAX_EXPONENT)) {
      throw new InvalidValueError(kind, field, value, 'a finite decimal number such as "42.5"');
    }
    return exponent === undefined ? (parsePlain(value) ?? fromBig(new B(value))) : fromBig(new B(value));
  }

  protected static parseNumber(value: number, kind: string, field: string): Decimal {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidValueError(kind, field, value, 'a finite number');
    if (Number.isSafeInteger(value)) return new Decimal(value);
    // Fast path: the fewest decimals k at which m / 10^k gives back the same double. With |m| < 2^50
    // the 10^-k grid is far coarser than the double's precision, so exactly one k-decimal number rounds
    // to it, and it is the value of the shortest round-trip text String(n) would give.
    for (let k = 1; k <= 12; k += 1) {
      const scale = POW10[k] as number;
      const m = Math.round(value * scale);
      if (Math.abs(m) >= 2 ** 50) break;
      if (m / scale === value) return new Decimal(m, k);
    }
    // String(n) is the shortest representation that round-trips, so 0.1 parses as exactly 0.1.
    const text = String(value);
    return parsePlain(text) ?? fromBig(new B(text));
  }

  /**
   * For columns of exact numbers (RoundTripLog): writes a compact value's mantissa and scale at index `i`
   * and returns true; returns false, writing nothing, for a value too large for the compact form.
   */
  static storeCompact(value: Decimal, mantissas: Float64Array, scales: Int8Array, i: number): boolean {
    if (!value.compact) return false;
    mantissas[i] = value.m;
    scales[i] = value.s;
    return true;
  }

  /** The value storeCompact wrote as (mantissa, scale). */
  static fromCompact(mantissa: number, scale: number): Decimal {
    return new Decimal(mantissa, scale);
  }

  /** The value as a big.js number (made on first use for compact values). */
  get big(): Big {
    this.heldBig ??= new B(compactToString(this.m, this.s));
    return this.heldBig;
  }

  private get compact(): boolean {
    return this.s >= 0;
  }

  add(other: Decimal): Decimal {
    if (this.compact && other.compact) {
      const s = Math.max(this.s, other.s);
      const a = scaleUp(this.m, s - this.s);
      const b = scaleUp(other.m, s - other.s);
      const r = a + b;
      if (Math.abs(r) <= SAFE) return new Decimal(r, s);
    }
    return fromBig(this.big.plus(other.big));
  }

  sub(other: Decimal): Decimal {
    if (this.compact && other.compact) {
      const s = Math.max(this.s, other.s);
      const a = scaleUp(this.m, s - this.s);
      const b = scaleUp(other.m, s - other.s);
      const r = a - b;
      if (Math.abs(r) <= SAFE) return new Decimal(r, s);
    }
    return fromBig(this.big.minus(other.big));
  }

  mul(other: Decimal): Decimal {
    if (this.compact && other.compact) {
      const r = this.m * other.m;
      const s = this.s + other.s;
      // |r| <= SAFE as a double implies the exact product is that safe integer.
      if (Math.abs(r) <= SAFE && s <= MAX_COMPACT_SCALE) return new Decimal(r, s);
    }
    return fromBig(this.big.times(other.big));
  }

  /** Division to 30 decimal places, half-even. @throws DomainError DIVISION_BY_ZERO */
  div(other: Decimal): Decimal {
    if (other.isZero()) {
      throw new DomainError(DomainErrorCode.DIVISION_BY_ZERO, `division of ${this.toString()} by zero`);
    }
    return fromBig(this.big.div(other.big));
  }

  neg(): Decimal {
    return this.compact ? new Decimal(-this.m, this.s) : fromBig(this.big.neg());
  }

  abs(): Decimal {
    return this.isNegative() ? this.neg() : this;
  }

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    if (this.compact) return this.m > 0 ? 1 : this.m < 0 ? -1 : 0;
    return this.big.cmp(ZERO_BIG);
  }

  cmp(other: Decimal): -1 | 0 | 1 {
    if (this.compact && other.compact) {
      if (this.s === other.s) return this.m > other.m ? 1 : this.m < other.m ? -1 : 0;
      const s = Math.max(this.s, other.s);
      const a = scaleUp(this.m, s - this.s);
      const b = scaleUp(other.m, s - other.s);
      if (Math.abs(a) <= SAFE && Math.abs(b) <= SAFE) return a > b ? 1 : a < b ? -1 : 0;
    }
    return this.big.cmp(other.big);
  }

  eq(other: Decimal): boolean {
    return this.cmp(other) === 0;
  }

  lt(other: Decimal): boolean {
    return this.cmp(other) < 0;
  }

  lte(other: Decimal): boolean {
    return this.cmp(other) <= 0;
  }

  gt(other: Decimal): boolean {
    return this.cmp(other) > 0;
  }

  gte(other: Decimal): boolean {
    return this.cmp(other) >= 0;
  }

  isZero(): boolean {
    return this.sign() === 0;
  }

  isNegative(): boolean {
    return this.sign() < 0;
  }

  isPositive(): boolean {
    return this.sign() > 0;
  }

  /** Rounds to `decimalPlaces` digits after the point. */
  round(decimalPlaces: number, mode: RoundingMode): Decimal {
    checkDecimalPlaces(decimalPlaces);
    const step = decimalPlaces <= MAX_COMPACT_SCALE ? new Decimal(1, decimalPlaces) : fromBig(new B(`1e-${decimalPlaces}`));
    return this.roundToStep(step, mode);
  }

  /**
   * Rounds to a whole multiple of `step` (a tick or lot size), exactly: the remainder is computed with an
   * exact modulo, never through a rounded quotient.
   */
  roundToStep(step: Decimal, mode: RoundingMode): Decimal {
    if (!step.isPositive()) throw new InvalidValueError('argument', 'step', step.toString(), 'a positive step');
    if (this.compact && step.compact) {
      const s = Math.max(this.s, step.s);
      const x = scaleUp(this.m, s - this.s);
      const unit = scaleUp(step.m, s - step.s);
      if (Math.abs(x) <= SAFE && unit <= SAFE) {
        const remainder = integerRemainder(x, unit); // exact; takes the sign of x
        if (remainder === 0) return this;
        const quotient = (x - remainder) / unit; // an exact integer
        const away = roundsAwayFromZero(mode, x > 0, Math.abs(remainder) * 2 - unit, quotient !== 2 * Math.trunc(quotient / 2));
        const units = away ? quotient + (x > 0 ? 1 : -1) : quotient;
        const r = units * unit;
        if (Math.abs(r) <= SAFE) return new Decimal(r, s);
      }
    }
    const remainder = this.big.mod(step.big);
    if (remainder.eq(ZERO_BIG)) return this;
    const quotient = this.big.minus(remainder).div(step.big); // an exact integer
    const twiceVsStep = remainder.abs().times(TWO_BIG).cmp(step.big);
    const away = roundsAwayFromZero(mode, this.big.gt(ZERO_BIG), twiceVsStep, !quotient.mod(TWO_BIG).eq(ZERO_BIG));
    const units = away ? quotient.plus(this.big.gt(ZERO_BIG) ? ONE_BIG : MINUS_ONE_BIG) : quotient;
    return fromBig(units.times(step.big));
  }

  isMultipleOf(step: Decimal): boolean {
    if (step.isZero()) return false;
    if (this.compact && step.compact) {
      const s = Math.max(this.s, step.s);
      const x = scaleUp(this.m, s - this.s);
      const unit = Math.abs(scaleUp(step.m, s - step.s));
      if (Math.abs(x) <= SAFE && unit <= SAFE) return integerRemainder(x, unit) === 0;
    }
    return this.big.mod(step.big).eq(ZERO_BIG);
  }

  /** The number of digits after the decimal point, trailing zeros not counted. */
  decimalPlaces(): number {
    if (this.compact) return this.s;
    const big = this.big;
    return Math.max(0, big.c.length - big.e - 1);
  }

  /** Plain decimal notation, never exponential: "0.00000001", "-12.5". */
  toString(): string {
    return this.compact ? compactToString(this.m, this.s) : this.big.toString();
  }

  /** Plain notation with exactly `decimalPlaces` digits after the point (rounded half-even). */
  toFixed(decimalPlaces: number): string {
    checkDecimalPlaces(decimalPlaces);
    if (this.compact && decimalPlaces >= this.s) {
      const text = compactToString(this.m, this.s);
      if (decimalPlaces === 0) return text;
      return this.s === 0 ? `${text}.${'0'.repeat(decimalPlaces)}` : text + '0'.repeat(decimalPlaces - this.s);
    }
    const text = this.big.toFixed(decimalPlaces, BigJs.roundHalfEven);
    // big.js keeps the sign of a negative value that rounds to zero ("-0.00"); toString prints "0".
    return NEGATIVE_ZERO.test(text) ? text.slice(1) : text;
  }

  /** Decimal values serialise as strings, so JSON never carries a float for money. */
  toJSON(): string {
    return this.toString();
  }

  /** A float approximation, for statistics and charts only. */
  toNumber(): number {
    // m and 10^s are exact doubles, so one IEEE division gives the correctly rounded value.
    if (this.compact) return this.s === 0 ? this.m : this.m / (POW10[this.s] as number);
    return Number(this.big.toString());
  }
}

/**
 * x % unit for safe integers x and 0 < unit <= MAX_SAFE_INTEGER, exactly, with the sign of x (0 for no
 * remainder, never -0). Not `%`: V8 computes a float remainder with a call to C's fmod, about ten times
 * slower, and this runs several times per order (tick and lot rounding and checks).
 *
 * Why it is exact: the rounded quotient |x| / unit could only round up to the next integer k if the gap
 * d / unit (d = k·unit − |x| >= 1) were under half an ulp of k, at most k·2^-53, which needs
 * |x| > d·(2^53 − 1) >= 2^53 − 1: outside the safe range. So trunc gives the true integer quotient q,
 * q × unit <= |x| is an exact product and x − q × unit an exact difference. The sign test after it is a
 * guard that costs one comparison.
 */
export function integerRemainder(x: number, unit: number): number {
  const r = x - Math.trunc(x / unit) * unit;
  if (x >= 0) return r < 0 ? r + unit : r + 0;
  return r > 0 ? r - unit : r;
}

/** m × 10^k, or Infinity when that leaves the exactly representable range (callers then fall back). */
function scaleUp(m: number, k: number): number {
  if (k === 0) return m;
  const factor = POW10[k];
  return factor === undefined ? Number.POSITIVE_INFINITY : m * factor;
}

/** Makes a Decimal from a big.js value, compact when its digits fit. */
function fromBig(big: Big): Decimal {
  const digits = big.c.length;
  const scale = Math.max(0, digits - big.e - 1);
  if (scale <= MAX_COMPACT_SCALE && big.e + 1 + scale <= 15) {
    let m = 0;
    for (let i = 0; i < digits; i += 1) m = m * 10 + (big.c[i] as number);
    const shift = big.e + 1 - digits + scale;
    m *= POW10[shift] as number;
    return new (Decimal as unknown as new (m: number, s: number) => Decimal)(big.s < 0 ? -m : m, scale);
  }
  return new (Decimal as unknown as new (b: Big) => Decimal)(big);
}

/** Fast path for plain decimal text with at most 15 significant digits; undefined otherwise. */
function parsePlain(text: string): Decimal | undefined {
  const match = PLAIN_PATTERN.exec(text);
  if (match === null) return undefined;
  const integer = match[2] ?? '';
  const fraction = match[3] ?? '';
  const digits = (integer + fraction).replace(/^0+/, '');
  if (digits.length > 15 || fraction.length > MAX_COMPACT_SCALE || integer.length + fraction.length === 0) return undefined;
  const m = digits.length === 0 ? 0 : Number(digits);
  return new (Decimal as unknown as new (m: number, s: number) => Decimal)(match[1] === '-' ? -m : m, fraction.length);
}

function compactToString(m: number, s: number): string {
  if (s === 0) return String(m);
  const negative = m < 0;
  let digits = String(negative ? -m : m);
  if (digits.length <= s) digits = '0'.repeat(s - digits.length + 1) + digits;
  const point = digits.length - s;
  return `${negative ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function checkDecimalPlaces(decimalPlaces: number): void {
  if (!Number.isInteger(decimalPlaces) || decimalPlaces < 0 || decimalPlaces > MAX_EXPONENT) {
    throw new InvalidValueError('argument', 'decimalPlaces', decimalPlaces, `an integer from 0 to ${MAX_EXPONENT}`);
  }
}

/**
 * Whether rounding to the step moves the value away from zero, given a non-zero remainder.
 * `twiceRemainderVsStep`: the sign of 2·|remainder| − step (0 on an exact tie).
 */
function roundsAwayFromZero(mode: RoundingMode, positive: boolean, twiceRemainderVsStep: number, quotientOdd: boolean): boolean {
  switch (mode) {
    case RoundingMode.DOWN:
      return false;
    case RoundingMode.UP:
      return true;
    case RoundingMode.FLOOR:
      return !positive;
    case RoundingMode.CEIL:
      return positive;
    case RoundingMode.HALF_UP:
      return twiceRemainderVsStep >= 0;
    case RoundingMode.HALF_DOWN:
      return twiceRemainderVsStep > 0;
    case RoundingMode.HALF_EVEN:
      return twiceRemainderVsStep > 0 || (twiceRemainderVsStep === 0 && quotientOdd);
  }
}
