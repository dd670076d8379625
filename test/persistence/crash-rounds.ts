import { createFill, type Fill } from '../../src/domain/fills/fill.js';
import { clientOrderId } from '../../src/domain/orders/client-order-id.js';
import type { Order } from '../../src/domain/orders/order.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { Money } from '../../src/domain/values/money.js';
import { Price } from '../../src/domain/values/price.js';
import { Quantity } from '../../src/domain/values/quantity.js';
import { accepted as acceptedEvent, BTC, orderThrough, specOf, submitted, T0 } from './trading-fixtures.js';

/**
 * The rounds of the order-and-fill crash test (children/order-fill-child.ts writes them; the test
 * checks what survived): round n buys a quantity with a fee at a price that both change with n, so that
 * a missing or doubled round changes every recomputed total.
 */

export const CRASH_ACCOUNT = 'crash';
export const CRASH_START_USDT = Decimal.of('1000000');
/** More than the test ever lets the child finish: it is killed long before. */
export const CRASH_ROUNDS = 100_000;

export interface CrashRound {
  readonly accepted: Order;
  readonly fill: Fill;
  readonly filled: Order;
}

export function crashRound(n: number): CrashRound {
  const quantity = Quantity.of(`0.${String(n % 97 + 1).padStart(3, '0')}1`);
  const spec = specOf.limit(`crash-${n}`, { quantity: quantity.toString() }, `${100 + (n % 13)}.${n % 10}7`);
  const tsMs = T0 + n * 1_000;
  const accepted = orderThrough(spec, [submitted, acceptedEvent], tsMs);
  const fill = createFill({
    venue: 'sim',
    tradeId: `crash-trade-${n}`,
    clientOrderId: clientOrderId(`crash-${n}`),
    instrumentId: BTC,
    side: 'BUY',
    price: spec.type === 'LIMIT' ? spec.price : Price.of('1'),
    quantity,
    fee: Money.of(`0.000${n % 7}3`, 'USDT'),
    liquidity: 'MAKER',
    tsMs: tsMs + 500,
  });
  const filled = accepted.apply({ type: 'OrderFilled', clientOrderId: accepted.clientOrderId, fill, tsMs: tsMs + 500 });
  return { accepted, fill, filled };
}
