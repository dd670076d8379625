import {
  Decimal,
  DomainError,
  InvalidValueError,
  Order,
  Price,
  type ClientOrderId,
  Quantity,
  RoundingMode,
  type Instrument,
  type InstrumentId,
  type OrderSpec,
  type Portfolio,
} from '../../domain/index.js';
import type { Clock } from '../ports/clock.js';
import type { ExecutionVenue } from '../ports/execution-venue.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Logger } from '../ports/logger.js';
import type { RiskEngine } from '../risk/risk-engine.js';
import type { Amount, OrderRequest, SubmitResult } from '../strategy/strategy-context.js';
import type { EngineEvents } from './engine-events.js';
import type { MarkBook } from './mark-book.js';
import type { MessageBus } from './message-bus.js';
import type { OrderLedger } from './order-ledger.js';

export interface OrderRouterDeps {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly risk: RiskEngine;
  readonly portfolio: Portfolio;
  readonly instruments: ReadonlyMap<InstrumentId, Instrument>;
  readonly venue: ExecutionVenue;
  readonly ledger: OrderLedger;
  readonly marks: MarkBook;
  readonly bus: MessageBus<EngineEvents>;
  readonly logger: Logger;
}

/**
 * The one road from a strategy's intent to a venue: build an exact order on the instrument's grid, pass it
 * through the risk engine, reserve its funds, send it. A refusal at any step is a value, recorded as a
 * REJECTED order and published, never an exception.
 */
export class OrderRouter {
  constructor(private readonly deps: OrderRouterDeps) {}

  submit(request: OrderRequest, strategyId: string | undefined, defaultInstrument: InstrumentId): SubmitResult {
    const { deps } = this;
    const instrumentId = request.instrumentId ?? defaultInstrument;
    const instrument = deps.instruments.get(instrumentId);
    if (instrument === undefined) {
      return this.refuse(undefined, strategyId, 'UNKNOWN_INSTRUMENT', `no instrument ${instrumentId} is configured`);
    }
    const clientOrderId = deps.ids.nextClientOrderId();
    let order: Order;
    try {
      order = Order.create(buildSpec(request, instrument, clientOrderId, strategyId), deps.clock.now());
    } catch (error) {
      if (error instanceof DomainError) return this.refuse(clientOrderId, strategyId, 'INVALID_ORDER', error.message);
      throw error;
    }
    const verdict = deps.risk.check(order.spec, {
      instrument,
      portfolio: deps.portfolio,
      referencePrice: deps.marks.price(instrumentId),
      openOrders: deps.ledger.openCount,
    });
    const tsMs = deps.clock.now();
    if (!verdict.ok) {
      const rejected = order.apply({ type: 'OrderRejected', clientOrderId, tsMs, source: 'RISK', code: verdict.code, reason: verdict.reason });
      deps.ledger.add(rejected, strategyId, undefined);
      deps.bus.publish('riskRejection', { order: rejected, strategyId, code: verdict.code, reason: verdict.reason, tsMs });
      return { ok: false, code: verdict.code, reason: verdict.reason, clientOrderId };
    }
    if (verdict.reservation !== undefined) deps.portfolio.lock(verdict.reservation.amount);
    const event = { type: 'OrderSubmitted', clientOrderId, tsMs } as const;
    const submitted = order.apply(event);
    deps.ledger.add(submitted, strategyId, verdict.reservation);
    if (deps.bus.hasSubscribers('order')) deps.bus.publish('order', { order: submitted, event });
    this.watch(deps.venue.submit(submitted), 'submit', submitted);
    return { ok: true, clientOrderId, order: submitted };
  }

  /** A request that never became an order: published for the report, returned to the strategy. */
  private refuse(clientOrderId: ClientOrderId | undefined, strategyId: string | undefined, code: string, reason: string): SubmitResult {
    this.deps.bus.publish('orderRefused', { clientOrderId, strategyId, code, reason, tsMs: this.deps.clock.now() });
    return clientOrderId === undefined ? { ok: false, code, reason } : { ok: false, code, reason, clientOrderId };
  }

  /** Asks the venue to cancel an open order; false if it is unknown, done, or already being canceled. */
  cancel(order: Order): boolean {
    if (!order.canApply('OrderPendingCancel')) return false;
    const record = this.deps.ledger.get(order.clientOrderId);
    if (record === undefined) return false;
    const tsMs = this.deps.clock.now();
    const pending = order.apply({ type: 'OrderPendingCancel', clientOrderId: order.clientOrderId, tsMs });
    this.deps.ledger.update(record, pending);
    this.deps.bus.publish('order', { order: pending, event: { type: 'OrderPendingCancel', clientOrderId: order.clientOrderId, tsMs } });
    this.watch(this.deps.venue.cancel(pending), 'cancel', pending);
    return true;
  }

  /**
   * A live venue answers with a promise. A failure here is not a rejection: the order's fate is unknown
   * and is settled by reconciliation with the venue, never by sending it again.
   */
  private watch(pending: void | Promise<void>, what: string, order: Order): void {
    if (!(pending instanceof Promise)) return;
    pending.catch((error: unknown) => {
      this.deps.logger.error(`venue ${what} failed; the order state is unknown until reconciled`, {
        clientOrderId: order.clientOrderId,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  }
}

function buildSpec(request: OrderRequest, instrument: Instrument, clientOrderId: OrderSpec['clientOrderId'], strategyId: string | undefined): OrderSpec {
  const type =
    request.type ??
    (request.price !== undefined && request.triggerPrice !== undefined
      ? 'STOP_LIMIT'
      : request.price !== undefined
        ? 'LIMIT'
        : request.triggerPrice !== undefined
          ? 'STOP_MARKET'
          : request.trailingOffset !== undefined
            ? 'TRAILING_STOP'
            : 'MARKET');
  const requested = Quantity.of(toDecimal(request.quantity, 'quantity'), 'quantity');
  const quantity = instrument.roundQuantity(requested, RoundingMode.DOWN);
  if (quantity.isZero()) {
    throw new InvalidValueError('order', 'quantity', requested.toString(), `at least one lot of ${instrument.lotSize.toString()}`);
  }
  // Every spec is one object literal with every common key (undefined where unused): one object shape,
  // no spread copies, on the engine's most frequent allocation.
  const side = request.side;
  const timeInForce = request.timeInForce ?? (type === 'MARKET' ? 'IOC' : 'GTC');
  const expireAtMs = request.expireAtMs;
  const postOnly = request.postOnly ?? false;
  const reduceOnly = request.reduceOnly ?? false;
  const instrumentId = instrument.id;
  switch (type) {
    case 'MARKET':
      return { type, clientOrderId, instrumentId, side, quantity, timeInForce, expireAtMs, postOnly, reduceOnly, strategyId };
    case 'LIMIT':
      return { type, clientOrderId, instrumentId, side, quantity, timeInForce, expireAtMs, postOnly, reduceOnly, strategyId, price: limitPrice(request, instrument) };
    case 'STOP_MARKET':
      return { type, clientOrderId, instrumentId, side, quantity, timeInForce, expireAtMs, postOnly, reduceOnly, strategyId, triggerPrice: triggerPrice(request, instrument) };
    case 'STOP_LIMIT':
      return {
        type,
        clientOrderId,
        instrumentId,
        side,
        quantity,
        timeInForce,
        expireAtMs,
        postOnly,
        reduceOnly,
        strategyId,
        triggerPrice: triggerPrice(request, instrument),
        price: limitPrice(request, instrument),
      };
    case 'TRAILING_STOP': {
      const offset = request.trailingOffset;
      if (offset === undefined) throw new DomainError('INVALID_VALUE', 'a TRAILING_STOP order needs trailingOffset');
      const activation = request.activationPrice;
      return {
        type,
        clientOrderId,
        instrumentId,
        side,
        quantity,
        timeInForce,
        expireAtMs,
        postOnly,
        reduceOnly,
        strategyId,
        offset: { unit: offset.unit, amount: toDecimal(offset.amount, 'trailingOffset') },
        activationPrice: activation === undefined ? undefined : instrument.roundPrice(Price.of(toDecimal(activation, 'activationPrice'), 'activationPrice')),
      };
    }
  }
}

/** A buy limit rounds down and a sell limit up, so rounding never makes an order more aggressive. */
function limitPrice(request: OrderRequest, instrument: Instrument): Price {
  const mode = request.side === 'BUY' ? RoundingMode.FLOOR : RoundingMode.CEIL;
  return instrument.roundPrice(Price.of(required(request.price, 'price'), 'price'), mode);
}

function triggerPrice(request: OrderRequest, instrument: Instrument): Price {
  return instrument.roundPrice(Price.of(required(request.triggerPrice, 'triggerPrice'), 'triggerPrice'));
}

function required(value: Amount | undefined, field: string): Decimal {
  if (value === undefined) throw new DomainError('INVALID_VALUE', `this order type needs ${field}`);
  return toDecimal(value, field);
}

function toDecimal(value: Amount, field: string): Decimal {
  if (typeof value === 'number') return Decimal.fromNumber(value, field);
  return Decimal.of(value, field);
}
