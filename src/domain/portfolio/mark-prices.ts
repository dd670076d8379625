import { DomainError, DomainErrorCode } from '../errors.js';
import type { InstrumentId } from '../instruments/instrument-id.js';
import type { Decimal } from '../values/decimal.js';
import type { Currency } from '../values/money.js';
import type { Price } from '../values/price.js';

/** The latest price of each instrument, used to value positions and balances. */
export type MarkPrices = ReadonlyMap<InstrumentId | string, Price>;

/**
 * Values `amount` of `from` in `to`: through the mark of FROM/TO, or the inverse of TO/FROM.
 * @throws DomainError MISSING_MARK_PRICE when neither instrument has a mark.
 */
export function convert(amount: Decimal, from: Currency, to: Currency, marks: MarkPrices): Decimal {
  if (from === to || amount.isZero()) return amount;
  const direct = marks.get(`${from}/${to}`);
  if (direct !== undefined) return amount.mul(direct);
  const inverse = marks.get(`${to}/${from}`);
  if (inverse !== undefined) return amount.div(inverse);
  throw new DomainError(DomainErrorCode.MISSING_MARK_PRICE, `no mark price to value ${from} in ${to}: need ${from}/${to} or ${to}/${from}`, { from, to });
}
