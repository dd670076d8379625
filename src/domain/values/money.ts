import { DomainError, DomainErrorCode, InvalidValueError } from '../errors.js';
import { Decimal, type DecimalInput, type RoundingMode } from './decimal.js';

/** An asset code such as "USDT", "BTC" or "1INCH": upper-case letters and digits. */
export type Currency = string & { readonly __brand: 'Currency' };

const CURRENCY_PATTERN = /^[A-Z0-9]{1,20}$/;

/** Codes already checked, so that making Money on the hot path skips the pattern. */
const VALID_CODES = new Set<string>();
const MAX_MEMO = 10_000;

export function currency(code: string, field = 'currency'): Currency {
  if (VALID_CODES.has(code)) return code as Currency;
  if (typeof code !== 'string' || !CURRENCY_PATTERN.test(code)) {
    throw new InvalidValueError('currency', field, code, '1 to 20 upper-case letters or digits, such as "USDT"');
  }
  if (VALID_CODES.size < MAX_MEMO) VALID_CODES.add(code);
  return code as Currency;
}

/** An exact signed amount of one currency. Amounts of different currencies never mix. */
export class Money {
  private constructor(
    readonly amount: Decimal,
    readonly currency: Currency,
  ) {}

  /** @throws InvalidValueError for a malformed amount or currency code. */
  static of(amount: DecimalInput, currencyCode: string, field = 'amount'): Money {
    return new Money(amount instanceof Decimal ? amount : Decimal.of(amount, field), currency(currencyCode));
  }

  static zero(currencyCode: string): Money {
    return new Money(Decimal.ZERO, currency(currencyCode));
  }

  add(other: Money): Money {
    return new Money(this.amount.add(this.same(other, 'add').amount), this.currency);
  }

  sub(other: Money): Money {
    return new Money(this.amount.sub(this.same(other, 'subtract').amount), this.currency);
  }

  /** Scales the amount, e.g. by a fee rate. */
  mul(factor: Decimal): Money {
    return new Money(this.amount.mul(factor), this.currency);
  }

  neg(): Money {
    return new Money(this.amount.neg(), this.currency);
  }

  abs(): Money {
    return this.amount.isNegative() ? this.neg() : this;
  }

  round(decimalPlaces: number, mode: RoundingMode): Money {
    return new Money(this.amount.round(decimalPlaces, mode), this.currency);
  }

  cmp(other: Money): -1 | 0 | 1 {
    return this.amount.cmp(this.same(other, 'compare').amount);
  }

  /** Same currency and same amount. Unlike cmp, differing currencies are simply unequal. */
  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount.eq(other.amount);
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  isNegative(): boolean {
    return this.amount.isNegative();
  }

  isPositive(): boolean {
    return this.amount.isPositive();
  }

  /** "12.5 USDT" */
  toString(): string {
    return `${this.amount.toString()} ${this.currency}`;
  }

  toJSON(): { amount: string; currency: Currency } {
    return { amount: this.amount.toString(), currency: this.currency };
  }

  private same(other: Money, operation: string): Money {
    if (other.currency !== this.currency) {
      throw new DomainError(
        DomainErrorCode.CURRENCY_MISMATCH,
        `cannot ${operation} ${other.currency} and ${this.currency}`,
        { left: this.toString(), right: other.toString() },
      );
    }
    return other;
  }
}
