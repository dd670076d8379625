import { Decimal, Money, type ClientOrderId, type InstrumentId, type Order, type OrderStatus } from '../../domain/index.js';
import type { Reservation } from '../risk/risk-engine.js';

/** An order with who asked for it and the funds it still holds. */
export interface OrderRecord {
  order: Order;
  readonly strategyId: string | undefined;
  readonly reservation: Reservation | undefined;
  /** Part of the reservation not yet released. */
  reservedLeft: Decimal;
  /** Position in the ledger's list of open orders, -1 when not open. */
  openIndex: number;
}

/** How many orders ended in each way, and how many reached a venue. */
export interface OrderCounts {
  submitted: number;
  filled: number;
  canceled: number;
  rejected: number;
  expired: number;
}

/** Finished orders kept for look-ups and late venue reports before they are dropped from memory. */
export const DEFAULT_RECENT_ORDERS = 128;

/**
 * The engine's working set of orders: every open order, plus the `recent` most recently finished ones
 * (late venue reports, strategy look-ups). Older finished orders leave memory; their history belongs to
 * the bus's subscribers (reports, repositories). The window is small on purpose: an order kept alive for
 * a few thousand orders outlives the young generation and is copied into the old one only to die there,
 * which made garbage collection a third of a trade-heavy backtest.
 */
export class OrderLedger {
  private readonly records = new Map<ClientOrderId, OrderRecord>();
  /**
   * Open orders as an array with swap-removal (each record knows its index): O(1) in and out and no
   * allocation, where a Set re-allocated its table as it went from one open order to none, per order.
   */
  private readonly open: OrderRecord[] = [];
  private readonly done: ClientOrderId[] = [];
  private doneHead = 0;
  readonly counts: OrderCounts = { submitted: 0, filled: 0, canceled: 0, rejected: 0, expired: 0 };

  constructor(private readonly recent: number = DEFAULT_RECENT_ORDERS) {}

  add(order: Order, strategyId: string | undefined, reservation: Reservation | undefined): OrderRecord {
    const record: OrderRecord = { order, strategyId, reservation, reservedLeft: reservation === undefined ? Decimal.ZERO : reservation.amount.amount, openIndex: -1 };
    this.records.set(order.clientOrderId, record);
    if (order.rejection?.source !== 'RISK') this.counts.submitted += 1;
    if (order.isOpen) this.markOpen(record);
    else if (order.isTerminal) this.finish(order);
    return record;
  }

  get(clientOrderId: ClientOrderId): OrderRecord | undefined {
    return this.records.get(clientOrderId);
  }

  update(record: OrderRecord, order: Order): void {
    const before = record.order;
    record.order = order;
    if (order.isOpen) {
      if (!before.isOpen) this.markOpen(record);
      return;
    }
    this.markDone(record);
    if (!order.isTerminal) return;
    if (!before.isTerminal) this.finish(order);
    else if (before.status !== order.status) {
      // A late fill completed an order already counted as canceled or expired.
      countOutcome(this.counts, before.status, -1);
      countOutcome(this.counts, order.status, 1);
    }
  }

  get openCount(): number {
    return this.open.length;
  }

  openOrders(instrumentId?: InstrumentId, strategyId?: string): Order[] {
    const out: Order[] = [];
    for (const record of this.open) {
      if (instrumentId !== undefined && record.order.spec.instrumentId !== instrumentId) continue;
      if (strategyId !== undefined && record.strategyId !== strategyId) continue;
      out.push(record.order);
    }
    return out;
  }

  /**
   * The reservation a fill releases: its quantity at the reserved unit price, everything left once the
   * order is done. Releasing by quantity keeps the arithmetic exact (no division).
   */
  releaseFor(record: OrderRecord, quantity: Decimal, orderDone: boolean): Money | undefined {
    const reservation = record.reservation;
    if (reservation === undefined || record.reservedLeft.isZero()) return undefined;
    const wanted = orderDone ? record.reservedLeft : Decimal.min(record.reservedLeft, reservation.perUnit.mul(quantity));
    record.reservedLeft = record.reservedLeft.sub(wanted);
    return Money.of(wanted, reservation.amount.currency);
  }

  private markOpen(record: OrderRecord): void {
    if (record.openIndex >= 0) return;
    record.openIndex = this.open.length;
    this.open.push(record);
  }

  private markDone(record: OrderRecord): void {
    const index = record.openIndex;
    if (index < 0) return;
    const last = this.open.pop() as OrderRecord;
    if (last !== record) {
      this.open[index] = last;
      last.openIndex = index;
    }
    record.openIndex = -1;
  }

  private finish(order: Order): void {
    countOutcome(this.counts, order.status);
    if (this.done.length < this.recent) {
      this.done.push(order.clientOrderId);
      return;
    }
    const evicted = this.done[this.doneHead] as ClientOrderId;
    this.records.delete(evicted);
    this.done[this.doneHead] = order.clientOrderId;
    this.doneHead = (this.doneHead + 1) % this.recent;
  }
}

function countOutcome(counts: OrderCounts, status: OrderStatus, by = 1): void {
  if (status === 'FILLED') counts.filled += by;
  else if (status === 'CANCELED') counts.canceled += by;
  else if (status === 'REJECTED') counts.rejected += by;
  else if (status === 'EXPIRED') counts.expired += by;
}
