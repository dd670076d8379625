import { InvalidValueError } from '../errors.js';
import { Decimal, type DecimalInput } from './decimal.js';

/** A non-negative exact amount of an instrument's base asset. Arithmetic returns Decimal. */
export class Quantity extends Decimal {
  declare private readonly quantityBrand: void;

  static override readonly ZERO: Quantity = Quantity.of('0');

  /** @throws InvalidValueError `invalid quantity 'size', was "-2": expected a non-negative decimal` */
  static override of(value: DecimalInput, field = 'quantity'): Quantity {
    if (value instanceof Quantity) return value;
    return Quantity.checked(Decimal.parse(value, 'quantity', field), field, value);
  }

  static override fromNumber(value: number, field = 'quantity'): Quantity {
    return Quantity.checked(Decimal.parseNumber(value, 'quantity', field), field, value);
  }

  private static checked(value: Decimal, field: string, found: unknown): Quantity {
    if (value.isNegative()) throw new InvalidValueError('quantity', field, found, 'a non-negative decimal');
    return new Quantity(value);
  }
}
