import { InvalidValueError } from '../errors.js';
import { ownPrice, pricesOf, type OrderSpec } from '../orders/order-spec.js';
import { Decimal, RoundingMode, type DecimalInput } from '../values/decimal.js';
import type { Currency } from '../values/money.js';
import { Price } from '../values/price.js';
import { Quantity } from '../values/quantity.js';
import { baseCurrency, instrumentId, quoteCurrency, type InstrumentId } from './instrument-id.js';

export interface InstrumentSpec {
  readonly symbol: string;
  /** Smallest price increment. */
  readonly tickSize: DecimalInput;
  /** Smallest quantity increment. */
  readonly lotSize: DecimalInput;
  readonly minQuantity?: DecimalInput;
  readonly maxQuantity?: DecimalInput;
  /** Smallest order value, price × quantity, in the quote currency. */
  readonly minNotional?: DecimalInput;
  /** Fee rates as fractions of notional: "0.001" is 10 bps; a negative maker rate is a rebate. */
  readonly makerFeeRate?: DecimalInput;
  readonly takerFeeRate?: DecimalInput;
}

/** Why an order does not fit an instrument; the order router reports these as the rejection reason. */
export type InstrumentViolation =
  | { readonly code: 'INSTRUMENT_MISMATCH'; readonly field: 'instrumentId'; readonly message: string }
  | { readonly code: 'PRICE_OFF_TICK'; readonly field: string; readonly message: string }
  | { readonly code: 'QUANTITY_OFF_LOT'; readonly field: 'quantity'; readonly message: string }
  | { readonly code: 'BELOW_MIN_QUANTITY'; readonly field: 'quantity'; readonly message: string }
  | { readonly code: 'ABOVE_MAX_QUANTITY'; readonly field: 'quantity'; readonly message: string }
  | { readonly code: 'BELOW_MIN_NOTIONAL'; readonly field: 'quantity'; readonly message: string };

export type InstrumentVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly violations: readonly InstrumentViolation[] };

const VALID: InstrumentVerdict = { ok: true };

/** A tradable instrument and its venue rules. Rounding to tick and lot belongs here, nowhere else. */
export class Instrument {
  private constructor(
    readonly id: InstrumentId,
    readonly base: Currency,
    readonly quote: Currency,
    readonly tickSize: Price,
    readonly lotSize: Quantity,
    readonly minQuantity: Quantity,
    readonly maxQuantity: Quantity | undefined,
    readonly minNotional: Decimal,
    readonly makerFeeRate: Decimal,
    readonly takerFeeRate: Decimal,
  ) {}

  /** @throws InvalidValueError naming the first malformed field. */
  static create(spec: InstrumentSpec): Instrument {
    const id = instrumentId(spec.symbol);
    const tickSize = Price.of(spec.tickSize, 'tickSize');
    const lotSize = Quantity.of(spec.lotSize, 'lotSize');
    if (lotSize.isZero()) throw new InvalidValueError('quantity', 'lotSize', spec.lotSize, 'a positive decimal');
    const minQuantity = spec.minQuantity === undefined ? lotSize : Quantity.of(spec.minQuantity, 'minQuantity');
    const maxQuantity = spec.maxQuantity === undefined ? undefined : Quantity.of(spec.maxQuantity, 'maxQuantity');
    if (maxQuantity !== undefined && maxQuantity.lt(minQuantity)) {
      throw new InvalidValueError('quantity', 'maxQuantity', spec.maxQuantity, `at least minQuantity ${minQuantity.toString()}`);
    }
    const minNotional = Decimal.of(spec.minNotional ?? '0', 'minNotional');
    if (minNotional.isNegative()) throw new InvalidValueError('decimal', 'minNotional', spec.minNotional, 'a non-negative decimal');
    const makerFeeRate = feeRate(spec.makerFeeRate, 'makerFeeRate');
    const takerFeeRate = feeRate(spec.takerFeeRate, 'takerFeeRate');
    return new Instrument(id, baseCurrency(id), quoteCurrency(id), tickSize, lotSize, minQuantity, maxQuantity, minNotional, makerFeeRate, takerFeeRate);
  }

  /** Rounds a price onto the tick grid; half-even by default. Never returns zero: one tick at least. */
  roundPrice(price: Decimal, mode: RoundingMode = RoundingMode.HALF_EVEN): Price {
    const rounded = price.roundToStep(this.tickSize, mode);
    return rounded.isPositive() ? Price.of(rounded) : this.tickSize;
  }

  /** Rounds a quantity onto the lot grid; down by default, so an order never asks for more than intended. */
  roundQuantity(quantity: Decimal, mode: RoundingMode = RoundingMode.DOWN): Quantity {
    const rounded = quantity.roundToStep(this.lotSize, mode);
    return rounded.isNegative() ? Quantity.ZERO : Quantity.of(rounded);
  }

  /**
   * Pre-trade checks of an order against this instrument's rules, all at once.
   * `referencePrice` values a MARKET or stop order for the minimum-notional check (the last trade or the
   * next bar's open); without it only priced orders are checked for notional.
   */
  validate(order: OrderSpec, referencePrice?: Price): InstrumentVerdict {
    const violations: InstrumentViolation[] = [];
    if (order.instrumentId !== this.id) {
      violations.push({ code: 'INSTRUMENT_MISMATCH', field: 'instrumentId', message: `order is for ${order.instrumentId}, instrument is ${this.id}` });
    }
    for (const [field, price] of pricesOf(order)) {
      if (!price.isMultipleOf(this.tickSize)) {
        violations.push({ code: 'PRICE_OFF_TICK', field, message: `${field} ${price.toString()} is not a multiple of the tick size ${this.tickSize.toString()}` });
      }
    }
    // A trailing trigger is the best price seen ± the offset, so a price offset off the tick puts every
    // trigger off the tick.
    if (order.type === 'TRAILING_STOP' && order.offset.unit === 'PRICE' && !order.offset.amount.isMultipleOf(this.tickSize)) {
      violations.push({ code: 'PRICE_OFF_TICK', field: 'offset', message: `trailing offset ${order.offset.amount.toString()} is not a multiple of the tick size ${this.tickSize.toString()}` });
    }
    const quantity = order.quantity;
    if (!quantity.isMultipleOf(this.lotSize)) {
      violations.push({ code: 'QUANTITY_OFF_LOT', field: 'quantity', message: `quantity ${quantity.toString()} is not a multiple of the lot size ${this.lotSize.toString()}` });
    }
    if (quantity.lt(this.minQuantity)) {
      violations.push({ code: 'BELOW_MIN_QUANTITY', field: 'quantity', message: `quantity ${quantity.toString()} is below the minimum ${this.minQuantity.toString()}` });
    }
    if (this.maxQuantity !== undefined && quantity.gt(this.maxQuantity)) {
      violations.push({ code: 'ABOVE_MAX_QUANTITY', field: 'quantity', message: `quantity ${quantity.toString()} is above the maximum ${this.maxQuantity.toString()}` });
    }
    const price = ownPrice(order) ?? referencePrice;
    if (price !== undefined && this.minNotional.isPositive()) {
      const notional = price.mul(quantity);
      if (notional.lt(this.minNotional)) {
        violations.push({
          code: 'BELOW_MIN_NOTIONAL',
          field: 'quantity',
          message: `notional ${notional.toString()} ${this.quote} is below the minimum ${this.minNotional.toString()} ${this.quote}`,
        });
      }
    }
    return violations.length === 0 ? VALID : { ok: false, violations };
  }
}

function feeRate(value: DecimalInput | undefined, field: string): Decimal {
  const rate = Decimal.of(value ?? '0', field);
  if (rate.abs().gte(Decimal.ONE)) throw new InvalidValueError('fee rate', field, value, 'a fraction between -1 and 1, such as "0.001"');
  return rate;
}
