import { InvalidValueError } from '../errors.js';
import type { InstrumentId } from '../instruments/instrument-id.js';
import type { ClientOrderId } from '../orders/client-order-id.js';
import type { OrderSide } from '../orders/order-spec.js';
import type { Money } from '../values/money.js';
import type { Price } from '../values/price.js';
import type { Quantity } from '../values/quantity.js';

/** The venue's id of one execution. (venue, tradeId) is unique: a fill seen twice is applied once. */
export type TradeId = string & { readonly __brand: 'TradeId' };

export const Liquidity = { MAKER: 'MAKER', TAKER: 'TAKER' } as const;
export type Liquidity = (typeof Liquidity)[keyof typeof Liquidity];

/** One execution of (part of) an order at one price. */
export interface Fill {
  readonly venue: string;
  readonly tradeId: TradeId;
  readonly clientOrderId: ClientOrderId;
  readonly venueOrderId?: string;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly price: Price;
  readonly quantity: Quantity;
  /** The fee charged for this execution, in whatever currency the venue charged it (negative: a rebate). */
  readonly fee: Money;
  readonly liquidity: Liquidity;
  /** Execution time, epoch milliseconds. */
  readonly tsMs: number;
}

const ID_PATTERN = /^[\x21-\x7e]{1,64}$/;
/** The venue name checked last: fills come from one or two venues, so the pattern runs once per venue. */
let checkedVenue = '';

/** Checks a fill's invariants: positive quantity, printable ids, a whole-millisecond timestamp. */
export function createFill(input: Omit<Fill, 'tradeId'> & { readonly tradeId: string }): Fill {
  if (!ID_PATTERN.test(input.tradeId)) {
    throw new InvalidValueError('fill', 'tradeId', input.tradeId, '1 to 64 printable characters');
  }
  if (input.venue !== checkedVenue) {
    if (!ID_PATTERN.test(input.venue)) throw new InvalidValueError('fill', 'venue', input.venue, '1 to 64 printable characters');
    checkedVenue = input.venue;
  }
  if (!input.quantity.isPositive()) {
    throw new InvalidValueError('fill', 'quantity', input.quantity.toString(), 'a quantity above zero');
  }
  if (!Number.isSafeInteger(input.tsMs) || input.tsMs < 0) {
    throw new InvalidValueError('fill', 'tsMs', input.tsMs, 'an epoch-millisecond integer');
  }
  // One literal with every field, not a spread copy: a fill is made on every execution.
  return {
    venue: input.venue,
    tradeId: input.tradeId as TradeId,
    clientOrderId: input.clientOrderId,
    venueOrderId: input.venueOrderId,
    instrumentId: input.instrumentId,
    side: input.side,
    price: input.price,
    quantity: input.quantity,
    fee: input.fee,
    liquidity: input.liquidity,
    tsMs: input.tsMs,
  };
}
