import { describe, expect, it } from 'vitest';
import { BTC_USDT, COID, ETH_USDT, applyAll, buy, events, sell, specs, thrown } from '../../../test/domain/builders.js';
import { DomainError, InvalidValueError } from '../errors.js';
import { Quantity } from '../values/quantity.js';
import { clientOrderId } from './client-order-id.js';
import type { OrderSpec } from './order-spec.js';
import { Order } from './order.js';

const T0 = 1_000;
const created = (spec: OrderSpec = specs.limit()): Order => Order.create(spec, T0);
const working = (spec: OrderSpec = specs.limit()): Order => applyAll(created(spec), [events.submitted(), events.accepted()]);
const fillOf = (quantity: string, price = '100', extra = {}) => events.filled(buy(quantity, price, { tsMs: 4_500, ...extra }));

describe('Order.create', () => {
  it('starts INITIALIZED, empty, at version 0', () => {
    const order = created();
    expect(order.status).toBe('INITIALIZED');
    expect(order.clientOrderId).toBe(COID);
    expect(order.filledQuantity.isZero()).toBe(true);
    expect(order.leavesQuantity.toString()).toBe('1');
    expect(order.averageFillPrice).toBeUndefined();
    expect(order.version).toBe(0);
    expect([order.isOpen, order.isTerminal]).toEqual([false, false]);
    expect(order.snapshot()).toMatchObject({ createdTsMs: T0, updatedTsMs: T0, tradeIds: [] });
  });

  it('checks the spec and the timestamp', () => {
    expect(() => Order.create(specs.market({ timeInForce: 'GTC' }), T0)).toThrow(InvalidValueError);
    expect(thrown(() => Order.create(specs.limit(), -5)).message).toBe(`invalid order 'tsMs', was -5: expected an epoch-millisecond integer`);
  });
});

describe('lifecycle', () => {
  it.each([
    ['MARKET', specs.market()],
    ['LIMIT', specs.limit()],
  ])('%s: submitted, accepted, partially filled, filled; no trigger', (_type, spec) => {
    const accepted = working(spec);
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.venueOrderId).toBe('v-1');
    expect(accepted.isOpen).toBe(true);
    expect(accepted.canApply('OrderTriggered')).toBe(false);
    expect(thrown(() => accepted.apply(events.triggered())).code).toBe('ILLEGAL_ORDER_TRANSITION');
    const partial = accepted.apply(fillOf('0.4'));
    expect(partial.status).toBe('PARTIALLY_FILLED');
    const filled = partial.apply(fillOf('0.6'));
    expect(filled.status).toBe('FILLED');
    expect([filled.isOpen, filled.isTerminal]).toEqual([false, true]);
    expect(filled.leavesQuantity.isZero()).toBe(true);
  });

  it.each([
    ['STOP_MARKET', specs.stopMarket()],
    ['STOP_LIMIT', specs.stopLimit()],
    ['TRAILING_STOP', specs.trailingStop()],
  ])('%s: accepted, triggered, partially filled, filled', (_type, spec) => {
    const triggered = working(spec).apply(events.triggered());
    expect(triggered.status).toBe('TRIGGERED');
    expect(triggered.canApply('OrderTriggered')).toBe(false);
    const partial = triggered.apply(fillOf('0.5'));
    expect(partial.status).toBe('PARTIALLY_FILLED');
    expect(partial.apply(fillOf('0.5')).status).toBe('FILLED');
  });

  it('a stop may fill without a trigger report, and a triggered STOP_LIMIT may be rejected', () => {
    expect(working(specs.stopMarket()).apply(fillOf('1')).status).toBe('FILLED');
    const rejected = working(specs.stopLimit()).apply(events.triggered()).apply(events.rejected());
    expect(rejected.status).toBe('REJECTED');
  });

  it('a fill may arrive before the acknowledgement', () => {
    expect(created().apply(events.submitted()).apply(fillOf('1')).status).toBe('FILLED');
  });

  it('ends REJECTED, CANCELED or EXPIRED with the facts kept', () => {
    const rejected = created().apply(events.submitted()).apply(events.rejected());
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.rejection).toEqual({ source: 'VENUE', code: 'POST_ONLY_WOULD_TAKE', reason: 'would take liquidity' });
    const canceled = working().apply(events.canceled());
    expect(canceled.status).toBe('CANCELED');
    expect(canceled.snapshot().cancelReason).toBe('user');
    expect(working().apply(events.expired()).status).toBe('EXPIRED');
    expect(created().apply(events.rejected()).status).toBe('REJECTED'); // refused by risk before submission
    expect(created().apply(events.canceled()).status).toBe('CANCELED');
  });

  it('terminal orders accept nothing more', () => {
    const terminals = [
      working().apply(fillOf('1')),
      working().apply(events.canceled()),
      working().apply(events.expired()),
      created().apply(events.rejected()),
    ];
    const all = [events.submitted(), events.accepted(), events.rejected(), events.triggered(), events.pendingCancel(), events.cancelRejected(), events.canceled(), events.expired(), fillOf('0.1')];
    for (const order of terminals) {
      for (const event of all) {
        // A canceled or expired order still books a fill that happened before the cancel (a late fill).
        if (event.type === 'OrderFilled' && (order.status === 'CANCELED' || order.status === 'EXPIRED')) continue;
        expect(order.canApply(event.type), `${order.status} ${event.type}`).toBe(false);
        expect(thrown(() => order.apply(event)).code, `${order.status} ${event.type}`).toBe('ILLEGAL_ORDER_TRANSITION');
      }
    }
  });

  it('books a late fill on a canceled order and stays done (FILLED once complete)', () => {
    const canceled = working().apply(events.canceled());
    const partly = canceled.apply(fillOf('0.4', '100', { tradeId: 'late-1' }));
    expect(partly.status).toBe('CANCELED');
    expect(partly.isTerminal).toBe(true);
    expect(partly.filledQuantity.toString()).toBe('0.4');
    const expired = working().apply(events.expired());
    const all = expired.apply(fillOf(expired.spec.quantity.toString(), '100', { tradeId: 'late-2' }));
    expect(all.status).toBe('FILLED');
  });

  it('an illegal transition names the order, the status and the event, and changes nothing', () => {
    const order = created();
    const before = order.snapshot();
    const error = thrown(() => order.apply(events.accepted()));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('ILLEGAL_ORDER_TRANSITION');
    expect(error.message).toBe('order o-1 cannot take OrderAccepted while INITIALIZED');
    expect(error.details).toEqual({ clientOrderId: 'o-1', from: 'INITIALIZED', event: 'OrderAccepted' });
    expect(order.snapshot()).toEqual(before);
  });

  it('counts a version per event and keeps the last event time; old snapshots never change', () => {
    const o0 = created();
    const o1 = o0.apply(events.submitted(2_000));
    const o2 = o1.apply(events.accepted(3_000));
    const o3 = o2.apply(fillOf('0.5'));
    expect([o0.version, o1.version, o2.version, o3.version]).toEqual([0, 1, 2, 3]);
    expect(o3.snapshot().updatedTsMs).toBe(4_500);
    expect(o3.snapshot().createdTsMs).toBe(T0);
    expect([o0.status, o1.status, o2.status]).toEqual(['INITIALIZED', 'SUBMITTED', 'ACCEPTED']);
    expect(o2.filledQuantity.isZero()).toBe(true);
  });

  it('rejects an event with a bad timestamp', () => {
    expect(thrown(() => created().apply(events.submitted(1.5))).message).toBe(`invalid order 'tsMs', was 1.5: expected an epoch-millisecond integer`);
  });
});

describe('fills', () => {
  it('keeps filled, leaves and average price exact (1@1 and 2@2 -> 5/3 to 30 places)', () => {
    const order = applyAll(working(specs.limit({ quantity: Quantity.of('3') })), [fillOf('1', '1'), fillOf('2', '2')]);
    expect(order.status).toBe('FILLED');
    expect(order.filledQuantity.toString()).toBe('3');
    expect(order.filledNotional.toString()).toBe('5');
    expect(order.averageFillPrice?.toString()).toBe(`1.${'6'.repeat(29)}7`);
  });

  it('sums ten fills of 0.1 to exactly 1', () => {
    let order = working();
    for (let i = 0; i < 10; i++) order = order.apply(fillOf('0.1', '100.1'));
    expect(order.status).toBe('FILLED');
    expect(order.filledQuantity.toString()).toBe('1');
    expect(order.averageFillPrice?.toString()).toBe('100.1');
  });

  it('refuses an overfill with ORDER_OVERFILL and leaves the order as it was', () => {
    const partial = working().apply(fillOf('0.7'));
    const error = thrown(() => partial.apply(fillOf('0.31', '100', { tradeId: 'big' })));
    expect(error.code).toBe('ORDER_OVERFILL');
    expect(error.message).toBe('fill big of 0.31 overfills order o-1: 0.3 left');
    expect(partial.filledQuantity.toString()).toBe('0.7');
    expect(partial.apply(fillOf('0.3')).status).toBe('FILLED');
  });

  it('refuses the same trade twice with DUPLICATE_FILL', () => {
    const first = fillOf('0.2', '100', { tradeId: 'dup' });
    const once = working().apply(first);
    const error = thrown(() => once.apply(first));
    expect(error.code).toBe('DUPLICATE_FILL');
    expect(error.message).toBe('fill dup was already applied to order o-1');
    expect(once.snapshot().tradeIds).toEqual(['dup']);
  });

  it('recognises a duplicate of the last fill after the order is FILLED (a replay, not an illegal transition)', () => {
    const last = fillOf('1', '100', { tradeId: 'last' });
    const filled = working().apply(last);
    expect(thrown(() => filled.apply(last)).code).toBe('DUPLICATE_FILL');
  });

  it('refuses fills of another order, side or instrument with ORDER_MISMATCH', () => {
    const order = working();
    const other = clientOrderId('o-2');
    expect(thrown(() => order.apply(events.filled(buy('0.1', '100', { clientOrderId: other })))).code).toBe('ORDER_MISMATCH');
    expect(thrown(() => order.apply(events.filled(sell('0.1', '100')))).code).toBe('ORDER_MISMATCH');
    expect(thrown(() => order.apply(events.filled(buy('0.1', '100', { instrumentId: ETH_USDT })))).code).toBe('ORDER_MISMATCH');
    // The event's own order id is checked as well, whatever the fill says.
    const misaddressed = { ...events.filled(buy('0.1', '100')), clientOrderId: other };
    expect(thrown(() => order.apply(misaddressed)).message).toBe('event for o-2 applied to order o-1');
    expect(order.filledQuantity.isZero()).toBe(true);
    expect(BTC_USDT).toBe(order.spec.instrumentId);
  });
});

describe('cancel', () => {
  it('a cancel reject returns to the status before the cancel', () => {
    for (const before of [created().apply(events.submitted()), working(), working(specs.stopLimit()).apply(events.triggered()), working().apply(fillOf('0.2'))]) {
      const pending = before.apply(events.pendingCancel());
      expect(pending.status).toBe('PENDING_CANCEL');
      expect(pending.snapshot().statusBeforeCancel).toBe(before.status);
      const back = pending.apply(events.cancelRejected());
      expect(back.status, before.status).toBe(before.status);
      expect(back.snapshot().statusBeforeCancel).toBeUndefined();
    }
  });

  it('a partial fill while PENDING_CANCEL stays PENDING_CANCEL, and a cancel reject then returns to PARTIALLY_FILLED', () => {
    const pending = working().apply(events.pendingCancel()).apply(fillOf('0.3'));
    expect(pending.status).toBe('PENDING_CANCEL');
    expect(pending.filledQuantity.toString()).toBe('0.3');
    expect(pending.apply(events.cancelRejected()).status).toBe('PARTIALLY_FILLED');
    expect(pending.apply(events.canceled()).status).toBe('CANCELED');
    expect(pending.apply(fillOf('0.7')).status).toBe('FILLED');
  });

  it('cannot ask for a cancel twice or reject a cancel that was not asked', () => {
    const pending = working().apply(events.pendingCancel());
    expect(thrown(() => pending.apply(events.pendingCancel())).code).toBe('ILLEGAL_ORDER_TRANSITION');
    expect(thrown(() => working().apply(events.cancelRejected())).code).toBe('ILLEGAL_ORDER_TRANSITION');
  });
});

describe('Order.restore', () => {
  it('rebuilds an equal order from its snapshot', () => {
    const order = applyAll(working(), [fillOf('0.25', '101'), events.pendingCancel()]);
    const restored = Order.restore(order.snapshot());
    expect(restored.snapshot()).toEqual(order.snapshot());
    expect(restored.apply(events.cancelRejected()).status).toBe('PARTIALLY_FILLED');
  });

  it('refuses a snapshot that breaks an invariant', () => {
    const snapshot = working().snapshot();
    expect(() => Order.restore({ ...snapshot, filledQuantity: Quantity.of('2') })).toThrow(InvalidValueError);
    expect(() => Order.restore({ ...snapshot, status: 'LOST' as never })).toThrow(InvalidValueError);
    expect(() => Order.restore({ ...snapshot, spec: specs.market({ timeInForce: 'GTC' }) })).toThrow(InvalidValueError);
  });
});
