import { describe, expect, expectTypeOf, it } from 'vitest';
import { events, buy } from '../../../test/domain/builders.js';
import type { OrderEvent } from './order-events.js';
import { ORDER_TRANSITIONS, type OrderEventType } from './order-status.js';

describe('OrderEvent', () => {
  it('has exactly the event types the transition table is written in', () => {
    // Two declarations of one list: this fails to compile (npm run typecheck) when they drift apart.
    expectTypeOf<OrderEvent['type']>().toEqualTypeOf<OrderEventType>();
  });

  it('every event type moves some status somewhere', () => {
    const sample: OrderEvent[] = [
      events.submitted(),
      events.accepted(),
      events.rejected(),
      events.triggered(),
      events.pendingCancel(),
      events.cancelRejected(),
      events.canceled(),
      events.expired(),
      events.filled(buy('1', '100')),
    ];
    const used = new Set(Object.values(ORDER_TRANSITIONS).flatMap((row) => Object.keys(row)));
    expect([...used].sort()).toEqual(sample.map((e) => e.type).sort());
  });
});
