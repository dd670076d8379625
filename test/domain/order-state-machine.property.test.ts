/**
 * (3) The order state machine over random event sequences, fills of random sizes included: every
 * successful transition is one the table allows, every refused one leaves the order as it was, and the
 * fill arithmetic stays exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../src/domain/orders/order-events.js';
import { hasTrigger, type OrderSpec } from '../../src/domain/orders/order-spec.js';
import { ORDER_TRANSITIONS, OrderStatus } from '../../src/domain/orders/order-status.js';
import { Order } from '../../src/domain/orders/order.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { Quantity } from '../../src/domain/values/quantity.js';
import { onGrid } from './arbitraries.js';
import { ETH_USDT, events, fill, specs } from './builders.js';

type Step =
  | { readonly kind: 'event'; readonly type: Exclude<OrderEvent['type'], 'OrderFilled'> }
  | { readonly kind: 'fill'; readonly quantity: string; readonly price: string; readonly tradeId: string; readonly mismatch: boolean };

const plainTypes = ['OrderSubmitted', 'OrderAccepted', 'OrderRejected', 'OrderTriggered', 'OrderPendingCancel', 'OrderCancelRejected', 'OrderCanceled', 'OrderExpired'] as const;

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...plainTypes).map((type) => ({ kind: 'event' as const, type })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('fill' as const),
      quantity: onGrid('0.1', 1, 12),
      price: onGrid('0.01', 1, 100_000),
      // A small pool of trade ids, so that duplicates happen.
      tradeId: fc.integer({ min: 1, max: 6 }).map((n) => `t${n}`),
      // About one fill in eight is for another instrument.
      mismatch: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
    }),
  },
);

const specArb: fc.Arbitrary<OrderSpec> = fc
  .tuple(
    fc.constantFrom<keyof typeof specs>('market', 'limit', 'stopMarket', 'stopLimit', 'trailingStop'),
    onGrid('0.1', 1, 10),
    fc.constantFrom('BUY' as const, 'SELL' as const),
  )
  .map(([type, quantity, side]) => specs[type]({ quantity: Quantity.of(quantity), side }));

/**
 * Random steps after a random prefix of the happy path (submit, accept, trigger), so that the deeper
 * states are reached often and not only by luck.
 */
const HAPPY: readonly Step[] = [
  { kind: 'event', type: 'OrderSubmitted' },
  { kind: 'event', type: 'OrderAccepted' },
  { kind: 'event', type: 'OrderTriggered' },
];
const steps: fc.Arbitrary<readonly Step[]> = fc
  .tuple(fc.integer({ min: 0, max: HAPPY.length }), fc.array(step, { maxLength: 25 }))
  .map(([n, rest]) => [...HAPPY.slice(0, n), ...rest]);

function toEvent(s: Step, spec: OrderSpec, tsMs: number): OrderEvent {
  if (s.kind === 'event') {
    const make = {
      OrderSubmitted: events.submitted,
      OrderAccepted: events.accepted,
      OrderRejected: events.rejected,
      OrderTriggered: events.triggered,
      OrderPendingCancel: events.pendingCancel,
      OrderCancelRejected: events.cancelRejected,
      OrderCanceled: events.canceled,
      OrderExpired: events.expired,
    }[s.type];
    return make(tsMs, spec.clientOrderId);
  }
  const f = fill({
    side: spec.side,
    quantity: s.quantity,
    price: s.price,
    tradeId: s.tradeId,
    tsMs,
    clientOrderId: spec.clientOrderId,
    ...(s.mismatch ? { instrumentId: ETH_USDT } : {}),
  });
  return events.filled(f);
}

/** The error code `apply` must throw for this step, or undefined if it must succeed. */
function expectedError(s: Step, illegal: boolean, tradeIds: ReadonlySet<string>, filled: Decimal, quantity: Decimal): string | undefined {
  if (s.kind === 'event') return illegal ? 'ILLEGAL_ORDER_TRANSITION' : undefined;
  if (tradeIds.has(s.tradeId)) return 'DUPLICATE_FILL'; // whatever the status: a replay is a replay
  if (illegal) return 'ILLEGAL_ORDER_TRANSITION';
  if (s.mismatch) return 'ORDER_MISMATCH';
  if (filled.add(Decimal.of(s.quantity)).gt(quantity)) return 'ORDER_OVERFILL';
  return undefined;
}

describe('order state machine', () => {
  it('(3) never leaves its table, refuses illegal events without change, and never overfills', () => {
    fc.assert(
      fc.property(specArb, steps, (spec, list) => {
        let order = Order.create(spec, 0);
        let filled = Decimal.ZERO;
        let notional = Decimal.ZERO;
        const tradeIds = new Set<string>();
        list.forEach((s, i) => {
          const event = toEvent(s, spec, i + 1);
          const from = order.status;
          const before = JSON.stringify(order.snapshot());
          const target = ORDER_TRANSITIONS[from][event.type];
          const triggerRefused = event.type === 'OrderTriggered' && !hasTrigger(spec);
          const expectedCode = expectedError(s, target === undefined || triggerRefused, tradeIds, filled, spec.quantity);
          let next: Order | undefined;
          let code: string | undefined;
          try {
            next = order.apply(event);
          } catch (error) {
            code = (error as { code?: string }).code ?? String(error);
          }
          expect(code, `${from} -${event.type}->`).toBe(expectedCode);
          if (next === undefined) {
            expect(JSON.stringify(order.snapshot()), 'a refused event changes nothing').toBe(before);
            return;
          }
          // Allowed by the table: (from, event, to) is one of its entries.
          const to = next.status;
          if (target === 'FILL') {
            if (event.type === 'OrderFilled') {
              filled = filled.add(event.fill.quantity);
              notional = notional.add(event.fill.price.mul(event.fill.quantity));
              tradeIds.add(event.fill.tradeId);
            }
            const complete = filled.eq(spec.quantity);
            expect(to).toBe(complete ? 'FILLED' : from === 'PENDING_CANCEL' ? 'PENDING_CANCEL' : 'PARTIALLY_FILLED');
          } else if (target === 'LATE_FILL') {
            if (event.type === 'OrderFilled') {
              filled = filled.add(event.fill.quantity);
              notional = notional.add(event.fill.price.mul(event.fill.quantity));
              tradeIds.add(event.fill.tradeId);
            }
            // A fill reported after the cancel: the order stays done.
            expect(to).toBe(filled.eq(spec.quantity) ? 'FILLED' : from);
          } else if (target === 'PREVIOUS') {
            const previous = order.snapshot().statusBeforeCancel ?? 'ACCEPTED';
            expect(to).toBe(filled.isPositive() ? 'PARTIALLY_FILLED' : previous);
            expect(ORDER_TRANSITIONS[to], 'returns to an open state').not.toEqual({});
          } else {
            expect(to).toBe(target);
          }
          expect(next.version).toBe(order.version + 1);
          expect(JSON.stringify(order.snapshot()), 'the old order is untouched').toBe(before);
          order = next;
          const exact =
            order.filledQuantity.eq(filled) &&
            order.filledQuantity.lte(spec.quantity) &&
            order.leavesQuantity.eq(spec.quantity.sub(order.filledQuantity)) &&
            order.filledNotional.eq(notional);
          expect(exact, `filled ${order.filledQuantity.toString()} of ${spec.quantity.toString()}`).toBe(true);
        });
        expect(Object.values(OrderStatus)).toContain(order.status);
        if (filled.isPositive()) expect(order.averageFillPrice?.eq(notional.div(filled))).toBe(true);
        else expect(order.averageFillPrice).toBeUndefined();
        expect(order.isTerminal).toBe(['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED'].includes(order.status));
      }),
      { numRuns: 1_000 },
    );
  });

  it('reaches every status from random sequences (the generator is not too weak)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(specArb, steps, (spec, list) => {
        let order = Order.create(spec, 0);
        seen.add(order.status);
        list.forEach((s, i) => {
          try {
            order = order.apply(toEvent(s, spec, i + 1));
            seen.add(order.status);
          } catch {
            // refused events are the other test's business
          }
        });
      }),
      { numRuns: 1_000 },
    );
    expect([...seen].sort()).toEqual(Object.values(OrderStatus).sort());
  });
});
