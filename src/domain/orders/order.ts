import { DomainError, DomainErrorCode, InvalidValueError } from '../errors.js';
import type { Fill, TradeId } from '../fills/fill.js';
import { Decimal } from '../values/decimal.js';
import { Price } from '../values/price.js';
import { Quantity } from '../values/quantity.js';
import type { ClientOrderId } from './client-order-id.js';
import type { OrderEvent, RejectionSource } from './order-events.js';
import { checkOrderSpec, hasTrigger, type OrderSpec } from './order-spec.js';
import { ORDER_TRANSITIONS, isTerminalStatus, type OrderStatus } from './order-status.js';

/** Everything about an order that changes over its life; with the spec it is the order's snapshot. */
export interface OrderState {
  readonly status: OrderStatus;
  readonly filledQuantity: Quantity;
  /** Σ price × quantity over the fills, exact. */
  readonly filledNotional: Decimal;
  /** Trade ids of the fills applied, so that a fill reported twice is caught. */
  readonly tradeIds: readonly TradeId[];
  /** Number of events applied: the optimistic-concurrency version a repository stores. */
  readonly version: number;
  readonly createdTsMs: number;
  readonly updatedTsMs: number;
  readonly venueOrderId?: string;
  /** The status a PENDING_CANCEL returns to when the venue refuses the cancel. */
  readonly statusBeforeCancel?: OrderStatus;
  readonly rejection?: { readonly source: RejectionSource; readonly code: string; readonly reason: string };
  readonly cancelReason?: string;
}

export interface OrderSnapshot extends OrderState {
  readonly spec: OrderSpec;
}

/**
 * An order: an immutable spec plus a state that changes only through `apply(event)`, which returns a new
 * Order and leaves this one untouched. Illegal transitions, overfills and duplicate fills throw.
 */
export class Order {
  // The state is held flat (not as a nested object copied per event): orders are the engine's hottest
  // allocation, and `apply` makes one new object per event.
  private constructor(
    readonly spec: OrderSpec,
    readonly status: OrderStatus,
    readonly filledQuantity: Quantity,
    /** Σ price × quantity over the fills, exact. */
    readonly filledNotional: Decimal,
    /** Trade ids of the fills applied, so that a fill reported twice is caught. */
    readonly tradeIds: readonly TradeId[],
    /** Number of events applied: the optimistic-concurrency version a repository stores. */
    readonly version: number,
    readonly createdTsMs: number,
    readonly updatedTsMs: number,
    readonly venueOrderId: string | undefined,
    /** The status a PENDING_CANCEL returns to when the venue refuses the cancel. */
    private readonly statusBeforeCancel: OrderStatus | undefined,
    readonly rejection: OrderState['rejection'],
    readonly cancelReason: string | undefined,
  ) {}

  /** A new order in INITIALIZED. @throws InvalidValueError for a combination no venue accepts. */
  static create(spec: OrderSpec, tsMs: number): Order {
    checkTimestamp(tsMs, 'tsMs');
    return new Order(checkOrderSpec(spec), 'INITIALIZED', Quantity.ZERO, Decimal.ZERO, [], 0, tsMs, tsMs, undefined, undefined, undefined, undefined);
  }

  /** Rebuilds an order from a stored snapshot, re-checking its invariants. */
  static restore(snapshot: OrderSnapshot): Order {
    const { spec } = snapshot;
    checkOrderSpec(spec);
    if (snapshot.filledQuantity.gt(spec.quantity)) {
      throw new InvalidValueError('order', 'filledQuantity', snapshot.filledQuantity.toString(), `at most ${spec.quantity.toString()}`);
    }
    if (!Object.hasOwn(ORDER_TRANSITIONS, snapshot.status)) {
      throw new InvalidValueError('order', 'status', snapshot.status, 'a known order status');
    }
    return new Order(
      spec,
      snapshot.status,
      snapshot.filledQuantity,
      snapshot.filledNotional,
      snapshot.tradeIds,
      snapshot.version,
      snapshot.createdTsMs,
      snapshot.updatedTsMs,
      snapshot.venueOrderId,
      snapshot.statusBeforeCancel,
      snapshot.rejection,
      snapshot.cancelReason,
    );
  }

  get clientOrderId(): ClientOrderId {
    return this.spec.clientOrderId;
  }
  /** Computed on first use: engine, risk and venue each ask for it several times per order state. */
  private leaves: Quantity | undefined;

  /** Quantity still to fill: spec quantity minus filled quantity, exact. */
  get leavesQuantity(): Quantity {
    this.leaves ??= this.filledQuantity.isZero() ? this.spec.quantity : Quantity.of(this.spec.quantity.sub(this.filledQuantity));
    return this.leaves;
  }
  /** Volume-weighted fill price (30 decimal places), undefined before the first fill. */
  get averageFillPrice(): Price | undefined {
    const filled = this.filledQuantity;
    return filled.isZero() ? undefined : Price.of(this.filledNotional.div(filled));
  }
  get isTerminal(): boolean {
    return isTerminalStatus(this.status);
  }
  /** Submitted to the venue and not yet terminal. */
  get isOpen(): boolean {
    return !this.isTerminal && this.status !== 'INITIALIZED';
  }

  snapshot(): OrderSnapshot {
    return {
      spec: this.spec,
      status: this.status,
      filledQuantity: this.filledQuantity,
      filledNotional: this.filledNotional,
      tradeIds: this.tradeIds,
      version: this.version,
      createdTsMs: this.createdTsMs,
      updatedTsMs: this.updatedTsMs,
      ...(this.venueOrderId === undefined ? {} : { venueOrderId: this.venueOrderId }),
      ...(this.statusBeforeCancel === undefined ? {} : { statusBeforeCancel: this.statusBeforeCancel }),
      ...(this.rejection === undefined ? {} : { rejection: this.rejection }),
      ...(this.cancelReason === undefined ? {} : { cancelReason: this.cancelReason }),
    };
  }

  /** Whether `apply` would accept an event of this type now (fills may still fail their own checks). */
  canApply(type: OrderEvent['type']): boolean {
    if (type === 'OrderTriggered' && !hasTrigger(this.spec)) return false;
    return ORDER_TRANSITIONS[this.status][type] !== undefined;
  }

  /**
   * The only way an order's state changes.
   * @throws DomainError ILLEGAL_ORDER_TRANSITION, ORDER_OVERFILL, DUPLICATE_FILL or ORDER_MISMATCH.
   */
  apply(event: OrderEvent): Order {
    if (event.clientOrderId !== this.spec.clientOrderId) {
      throw new DomainError(DomainErrorCode.ORDER_MISMATCH, `event for ${event.clientOrderId} applied to order ${this.spec.clientOrderId}`);
    }
    checkTimestamp(event.tsMs, 'tsMs');
    // Before the transition check: a replayed fill arriving after the order is FILLED is a duplicate to be
    // ignored, not an illegal transition.
    if (event.type === 'OrderFilled' && this.tradeIds.includes(event.fill.tradeId)) {
      throw new DomainError(DomainErrorCode.DUPLICATE_FILL, `fill ${event.fill.tradeId} was already applied to order ${this.spec.clientOrderId}`, {
        clientOrderId: this.spec.clientOrderId,
        tradeId: event.fill.tradeId,
      });
    }
    const from = this.status;
    // canApply's test, with the table looked up once.
    const target = event.type === 'OrderTriggered' && !hasTrigger(this.spec) ? undefined : ORDER_TRANSITIONS[from][event.type];
    if (target === undefined) {
      throw new DomainError(
        DomainErrorCode.ILLEGAL_ORDER_TRANSITION,
        `order ${this.spec.clientOrderId} cannot take ${event.type} while ${from}`,
        { clientOrderId: this.spec.clientOrderId, from, event: event.type },
      );
    }
    // Each case makes the new order directly, with no object of changes: this runs for every order event.
    const ts = event.tsMs;
    switch (event.type) {
      case 'OrderFilled':
        return this.filled(event.fill, ts);
      case 'OrderCancelRejected':
        return this.next(this.filledQuantity.isPositive() ? 'PARTIALLY_FILLED' : (this.statusBeforeCancel ?? 'ACCEPTED'), ts, this.venueOrderId, undefined, this.rejection, this.cancelReason);
      case 'OrderPendingCancel':
        return this.next('PENDING_CANCEL', ts, this.venueOrderId, from, this.rejection, this.cancelReason);
      case 'OrderAccepted':
        return this.next('ACCEPTED', ts, event.venueOrderId ?? this.venueOrderId, this.statusBeforeCancel, this.rejection, this.cancelReason);
      case 'OrderRejected':
        return this.next('REJECTED', ts, this.venueOrderId, this.statusBeforeCancel, { source: event.source, code: event.code, reason: event.reason }, this.cancelReason);
      case 'OrderCanceled':
        return this.next('CANCELED', ts, this.venueOrderId, this.statusBeforeCancel, this.rejection, event.reason);
      case 'OrderSubmitted':
      case 'OrderTriggered':
      case 'OrderExpired':
        return this.next(target as OrderStatus, ts, this.venueOrderId, this.statusBeforeCancel, this.rejection, this.cancelReason);
    }
  }

  /** This order with a new status and the fields an event may change; the fills stay as they are. */
  private next(
    status: OrderStatus,
    tsMs: number,
    venueOrderId: string | undefined,
    statusBeforeCancel: OrderStatus | undefined,
    rejection: OrderState['rejection'],
    cancelReason: string | undefined,
  ): Order {
    return new Order(
      this.spec,
      status,
      this.filledQuantity,
      this.filledNotional,
      this.tradeIds,
      this.version + 1,
      this.createdTsMs,
      tsMs,
      venueOrderId,
      statusBeforeCancel,
      rejection,
      cancelReason,
    );
  }

  private filled(fill: Fill, tsMs: number): Order {
    const spec = this.spec;
    if (fill.clientOrderId !== spec.clientOrderId || fill.instrumentId !== spec.instrumentId || fill.side !== spec.side) {
      throw new DomainError(DomainErrorCode.ORDER_MISMATCH, `fill ${fill.tradeId} does not belong to order ${spec.clientOrderId}`, {
        fill: { instrumentId: fill.instrumentId, side: fill.side, clientOrderId: fill.clientOrderId },
        order: { instrumentId: spec.instrumentId, side: spec.side },
      });
    }
    // The first fill's quantity, notional and id list need no arithmetic and no copy.
    const first = this.filledQuantity.isZero();
    const filledQuantity = first ? fill.quantity : Quantity.of(this.filledQuantity.add(fill.quantity));
    if (filledQuantity.gt(spec.quantity)) {
      throw new DomainError(
        DomainErrorCode.ORDER_OVERFILL,
        `fill ${fill.tradeId} of ${fill.quantity.toString()} overfills order ${spec.clientOrderId}: ${this.leavesQuantity.toString()} left`,
        { clientOrderId: spec.clientOrderId, fillQuantity: fill.quantity.toString(), leaves: this.leavesQuantity.toString() },
      );
    }
    const complete = filledQuantity.eq(spec.quantity);
    const stillPendingCancel = !complete && this.status === 'PENDING_CANCEL';
    const late = this.status === 'CANCELED' || this.status === 'EXPIRED';
    const status: OrderStatus = complete ? 'FILLED' : stillPendingCancel ? 'PENDING_CANCEL' : late ? this.status : 'PARTIALLY_FILLED';
    return new Order(
      spec,
      status,
      filledQuantity,
      this.filledNotional.isZero() ? fill.price.mul(fill.quantity) : this.filledNotional.add(fill.price.mul(fill.quantity)),
      this.tradeIds.length === 0 ? [fill.tradeId] : [...this.tradeIds, fill.tradeId],
      this.version + 1,
      this.createdTsMs,
      tsMs,
      this.venueOrderId,
      stillPendingCancel ? this.statusBeforeCancel : undefined,
      this.rejection,
      this.cancelReason,
    );
  }
}

function checkTimestamp(tsMs: number, field: string): void {
  if (!Number.isSafeInteger(tsMs) || tsMs < 0) throw new InvalidValueError('order', field, tsMs, 'an epoch-millisecond integer');
}
