import { describe, expect, it } from 'vitest';
import { ORDER_TRANSITIONS, OrderStatus, isTerminalStatus, type OrderStatus as Status } from './order-status.js';

const statuses = Object.values(OrderStatus);

describe('ORDER_TRANSITIONS', () => {
  it('has a row for every status and only known targets', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...statuses].sort());
    for (const row of Object.values(ORDER_TRANSITIONS)) {
      for (const target of Object.values(row)) expect([...statuses, 'FILL', 'LATE_FILL', 'PREVIOUS']).toContain(target);
    }
  });

  it('terminal states have no way out but a late fill, and every other state has one', () => {
    for (const status of statuses) {
      const exits = Object.entries(ORDER_TRANSITIONS[status]).filter(([, target]) => target !== 'LATE_FILL');
      expect(exits.length === 0, status).toBe(isTerminalStatus(status));
    }
    expect(ORDER_TRANSITIONS.CANCELED).toEqual({ OrderFilled: 'LATE_FILL' });
    expect(ORDER_TRANSITIONS.EXPIRED).toEqual({ OrderFilled: 'LATE_FILL' });
    expect(statuses.filter(isTerminalStatus).sort()).toEqual(['CANCELED', 'EXPIRED', 'FILLED', 'REJECTED']);
  });

  it('follows the documented happy path INITIALIZED -> SUBMITTED -> ACCEPTED -> TRIGGERED -> fill', () => {
    expect(ORDER_TRANSITIONS.INITIALIZED.OrderSubmitted).toBe('SUBMITTED');
    expect(ORDER_TRANSITIONS.SUBMITTED.OrderAccepted).toBe('ACCEPTED');
    expect(ORDER_TRANSITIONS.ACCEPTED.OrderTriggered).toBe('TRIGGERED');
    expect(ORDER_TRANSITIONS.TRIGGERED.OrderFilled).toBe('FILL');
    expect(ORDER_TRANSITIONS.PARTIALLY_FILLED.OrderFilled).toBe('FILL');
  });

  it('lets every open state ask for a cancel, and a cancel reject go back', () => {
    const open: Status[] = ['SUBMITTED', 'ACCEPTED', 'TRIGGERED', 'PARTIALLY_FILLED'];
    for (const status of open) expect(ORDER_TRANSITIONS[status].OrderPendingCancel, status).toBe('PENDING_CANCEL');
    expect(ORDER_TRANSITIONS.PENDING_CANCEL.OrderCancelRejected).toBe('PREVIOUS');
    expect(ORDER_TRANSITIONS.INITIALIZED.OrderPendingCancel).toBeUndefined();
  });

  it('never goes back to INITIALIZED or SUBMITTED from later states, nor triggers twice', () => {
    for (const status of statuses) {
      for (const target of Object.values(ORDER_TRANSITIONS[status])) {
        expect(target).not.toBe('INITIALIZED');
        if (status !== 'INITIALIZED') expect(target).not.toBe('SUBMITTED');
      }
    }
    expect(ORDER_TRANSITIONS.TRIGGERED.OrderTriggered).toBeUndefined();
    expect(ORDER_TRANSITIONS.PARTIALLY_FILLED.OrderTriggered).toBeUndefined();
  });
});
