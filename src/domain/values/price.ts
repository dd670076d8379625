import { InvalidValueError } from '../errors.js';
import { Decimal, type DecimalInput } from './decimal.js';

/** A strictly positive exact price in the quote currency of an instrument. Arithmetic returns Decimal. */
export class Price extends Decimal {
  declare private readonly priceBrand: void;

  /** @throws InvalidValueError `invalid price 'limit', was "-1": expected a positive decimal` */
  static override of(value: DecimalInput, field = 'price'): Price {
    if (value instanceof Price) return value;
    return Price.checked(Decimal.parse(value, 'price', field), field, value);
  }

  static override fromNumber(value: number, field = 'price'): Price {
    return Price.checked(Decimal.parseNumber(value, 'price', field), field, value);
  }

  private static checked(value: Decimal, field: string, found: unknown): Price {
    if (!value.isPositive()) throw new InvalidValueError('price', field, found, 'a positive decimal');
    return new Price(value);
  }
}
