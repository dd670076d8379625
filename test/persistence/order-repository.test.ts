import { expect, it } from 'vitest';
import type { Database } from '../../src/adapters/postgres/database.js';
import { PostgresOrderRepository } from '../../src/adapters/postgres/postgres-order-repository.js';
import { sqlUnitOfWork } from '../../src/adapters/postgres/repositories-for.js';
import type { OrderRepository } from '../../src/application/ports/order-repository.js';
import { clientOrderId } from '../../src/domain/orders/client-order-id.js';
import { Order } from '../../src/domain/orders/order.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { Price } from '../../src/domain/values/price.js';
import type { AtbError } from '../../src/shared/errors.js';
import { describeEachBackend } from './backends.js';
import {
  accepted,
  BTC,
  canceled,
  ETH_PERP,
  expired,
  filledBy,
  fillOf,
  orderThrough,
  pendingCancel,
  plain,
  rejected,
  specOf,
  submitted,
  T0,
  triggered,
} from './trading-fixtures.js';

// The order repository contract (orders and fills), run against PGlite and PostgreSQL.

const INJECTION = "'; DROP TABLE orders; --";

async function failure(promise: Promise<unknown>): Promise<AtbError> {
  return (await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  )) as AtbError;
}

describeEachBackend('order repository', (current) => {
  const orders = (): OrderRepository => new PostgresOrderRepository(current().db);

  it('stores every order type in every status and restores an equal order', async () => {
    const partial = fillOf({ spec: specOf.limit('s-partial', { quantity: '2' }) }, '0.5', '100');
    const full = fillOf({ spec: specOf.market('s-filled') }, '1', '101.5');
    const cases: Order[] = [
      orderThrough(specOf.limit('s-init', { strategyId: 'grid "1"' }), []),
      orderThrough(specOf.market('s-submitted'), [submitted]),
      orderThrough(specOf.postOnlyGtd('s-accepted', { reduceOnly: true, instrumentId: ETH_PERP }), [submitted, accepted]),
      orderThrough(specOf.stopLimit('s-triggered'), [submitted, accepted, triggered]),
      orderThrough(specOf.limit('s-partial', { quantity: '2' }), [submitted, accepted, filledBy(partial)]),
      orderThrough(specOf.market('s-filled'), [submitted, accepted, filledBy(full)]),
      orderThrough(specOf.stopMarket('s-pending'), [submitted, accepted, pendingCancel]),
      orderThrough(specOf.trailingBps('s-canceled'), [submitted, accepted, canceled]),
      orderThrough(specOf.trailingPrice('s-rejected'), [submitted, rejected]),
      orderThrough(specOf.postOnlyGtd('s-expired'), [submitted, accepted, expired]),
    ];
    for (const order of cases) await orders().save(order);
    for (const order of cases) {
      const restored = await orders().findByClientOrderIdOrThrow(order.clientOrderId);
      expect(restored).toBeInstanceOf(Order);
      expect(plain(restored), `${order.spec.type} ${order.status}`).toEqual(plain(order));
    }
    expect(new Set(cases.map((o) => o.status)).size, 'every status once').toBe(10);
    const pending = await orders().findByClientOrderIdOrThrow(clientOrderId('s-pending'));
    // The restored order behaves as the original: a refused cancel returns to the status before it.
    expect(pending.apply({ type: 'OrderCancelRejected', clientOrderId: pending.clientOrderId, tsMs: T0 + 50, reason: 'too late' }).status).toBe('ACCEPTED');
  });

  it('updates over the expected version only, and says which versions disagreed', async () => {
    const order = orderThrough(specOf.limit('u-1'), [submitted]);
    await orders().save(order);
    const acceptedOrder = order.apply(accepted(order.clientOrderId, T0 + 10));
    await orders().update(acceptedOrder, order.version);
    expect((await orders().findByClientOrderIdOrThrow(order.clientOrderId)).status).toBe('ACCEPTED');

    const stale = order.apply(canceled(order.clientOrderId, T0 + 11));
    const conflict = await failure(orders().update(stale, order.version));
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.message).toBe(
      'order u-1 changed since it was read: expected stored version 1, found version 2; version 2 was not stored (read the order again and re-apply the event)',
    );
    expect((await orders().findByClientOrderIdOrThrow(order.clientOrderId)).status, 'the stale update changed nothing').toBe('ACCEPTED');

    expect((await failure(orders().save(order))).code, 'a client order id is used once').toBe('CONFLICT');
    const missing = orderThrough(specOf.limit('u-missing'), [submitted]);
    expect(await failure(orders().update(missing, 0))).toMatchObject({ code: 'NOT_FOUND', message: 'order u-missing is not stored: save it before updating it' });
    expect((await failure(orders().update(acceptedOrder, 2))).message).toMatch(/^invalid order 'expectedVersion', was 2: expected the stored version/);
    expect(await orders().findByClientOrderId(clientOrderId('nope'))).toBeUndefined();
    await expect(orders().findByClientOrderIdOrThrow(clientOrderId('nope'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('finds open orders (INITIALIZED included) by instrument and strategy, oldest first', async () => {
    const open = [
      orderThrough(specOf.limit('o-init', { strategyId: 'a' }), [], T0),
      orderThrough(specOf.limit('o-acc', { strategyId: 'a' }), [submitted, accepted], T0 + 10),
      orderThrough(specOf.stopMarket('o-eth', { instrumentId: ETH_PERP, strategyId: 'b' }), [submitted], T0 + 20),
    ];
    const done = [
      orderThrough(specOf.limit('o-can', { strategyId: 'a' }), [submitted, canceled]),
      orderThrough(specOf.limit('o-rej', { strategyId: 'a' }), [submitted, rejected]),
    ];
    for (const order of [...done, ...open]) await orders().save(order);
    const ids = (list: readonly Order[]) => list.map((o) => o.clientOrderId);
    expect(ids(await orders().findOpen())).toEqual(['o-init', 'o-acc', 'o-eth']);
    expect(ids(await orders().findOpen({ instrumentId: ETH_PERP }))).toEqual(['o-eth']);
    expect(ids(await orders().findOpen({ instrumentId: BTC, strategyId: 'a' }))).toEqual(['o-init', 'o-acc']);
    expect(ids(await orders().findOpen({ strategyId: INJECTION }))).toEqual([]);
  });

  it('finds a strategy\'s orders by creation time; strategy ids are stored literally', async () => {
    const names = [INJECTION, 'O\'Brien; "quoted"', 'tab\tand\\back', 'ünïcødé ✓ 🚀', '%_ like wildcards', 'a'.repeat(128)];
    let n = 0;
    for (const name of names) {
      for (let i = 0; i < 3; i++) {
        const spec = specOf.limit(`st-${n++}`, { strategyId: name });
        await orders().save(Order.create(spec, T0 + i * 1_000));
      }
    }
    for (const name of names) {
      const found = await orders().findByStrategy(name);
      expect(found.map((o) => o.spec.strategyId), JSON.stringify(name)).toEqual([name, name, name]);
    }
    expect((await orders().findByStrategy('%')).length, 'no pattern matching').toBe(0);
    const ranged = await orders().findByStrategy(INJECTION, { fromMs: T0 + 1_000, toMs: T0 + 2_000 });
    expect(ranged.map((o) => o.createdTsMs)).toEqual([T0 + 1_000, T0 + 2_000]);
    expect((await orders().findByStrategy(INJECTION, {}, 1)).map((o) => o.createdTsMs)).toEqual([T0]);
    const table = await current().db.run('test.table', (s) => s.query<{ found: boolean }>("SELECT to_regclass('orders') IS NOT NULL AS found"));
    expect(table.rows[0]?.found, 'the orders table is still there').toBe(true);
  });

  it('appends fills once per (venue, trade id) and reads them back exactly', async () => {
    const order = orderThrough(specOf.limit('f-1', { quantity: '3' }), [submitted, accepted]);
    await orders().save(order);
    const first = fillOf(order, '0.1', '100.123456789012345678901234567890', { tradeId: 'T-1', fee: '-0.000000000000000001', tsMs: T0 + 5 });
    const second = fillOf(order, '0.2', '100', { tradeId: 'T-2', fee: '0.00020000', feeCurrency: 'BNB', tsMs: T0 + 5 });
    expect(await orders().appendFill(first)).toBe('inserted');
    expect(await orders().appendFill(second)).toBe('inserted');
    expect(await orders().appendFill({ ...first, price: Price.of('1') }), 'the same trade id again').toBe('duplicate');
    expect(await orders().appendFill({ ...first, venue: 'other-venue' }), 'another venue may reuse a trade id').toBe('inserted');
    const read = await orders().findFills(order.clientOrderId);
    expect(read.map((f) => [f.venue, f.tradeId])).toEqual([['sim', 'T-1'], ['sim', 'T-2'], ['other-venue', 'T-1']]);
    expect(read[0]?.price.toString(), 'thirty decimals survive').toBe('100.12345678901234567890123456789');
    expect(read[0]?.fee.amount.toString()).toBe('-0.000000000000000001');
    expect(read[1]?.fee.toString()).toBe('0.0002 BNB');
    expect(JSON.parse(JSON.stringify(read[0]))).toEqual(JSON.parse(JSON.stringify(first)));
    const sum = read.slice(0, 2).reduce((total, f) => total.add(f.quantity), Decimal.ZERO);
    expect(sum.toString(), '0.1 + 0.2 is exactly 0.3').toBe('0.3');

    const orphan = fillOf({ spec: specOf.limit('f-orphan') }, '1', '1');
    expect(await failure(orders().appendFill(orphan))).toMatchObject({
      code: 'NOT_FOUND',
      message: `fill sim/${orphan.tradeId} belongs to order f-orphan, which is not stored: save the order first`,
    });
  });

  it('records a fill and the order state it produces in one unit of work, or neither', async () => {
    const uow = sqlUnitOfWork(current().db);
    const order = orderThrough(specOf.limit('w-1', { quantity: '1' }), [submitted, accepted]);
    await orders().save(order);
    const fill = fillOf(order, '0.4', '100');
    const filled = order.apply(filledBy(fill)(order.clientOrderId, T0 + 20));

    const lost = await failure(
      uow.run('test.recordFill', async (repos) => {
        await repos.orders.appendFill(fill);
        await repos.orders.update(filled, order.version - 1);
      }),
    );
    expect(lost.code).toBe('CONFLICT');
    expect(await orders().findFills(order.clientOrderId), 'the fill was rolled back with the failed update').toEqual([]);

    await uow.run('test.recordFill', async (repos) => {
      expect(await repos.orders.appendFill(fill)).toBe('inserted');
      await repos.orders.update(filled, order.version);
    });
    const stored = await orders().findByClientOrderIdOrThrow(order.clientOrderId);
    expect(stored.status).toBe('PARTIALLY_FILLED');
    expect(stored.tradeIds).toEqual([fill.tradeId]);
    expect((await orders().findFills(order.clientOrderId)).map((f) => f.tradeId)).toEqual([fill.tradeId]);
  });

  it('stores a fill once when two transactions race with the same trade id', async () => {
    const { db, backend } = current();
    const order = orderThrough(specOf.limit('race-1'), [submitted, accepted]);
    await orders().save(order);
    const fill = fillOf(order, '1', '100', { tradeId: 'RACE' });
    let second: Promise<string> | undefined;
    const first = db.transaction('test.first', async (tx) => {
      const result = await new PostgresOrderRepository(tx).appendFill(fill);
      // The second transaction starts while the first holds its uncommitted row.
      second = db.transaction('test.second', (tx2) => new PostgresOrderRepository(tx2).appendFill(fill));
      if (backend === 'postgres') await waitForLockWait(db);
      return result;
    });
    const results = [await first, await (second ?? Promise.reject(new Error('second transaction not started')))];
    expect(results).toEqual(['inserted', 'duplicate']);
    expect(await orders().findFills(order.clientOrderId)).toHaveLength(1);
  });

  it('refuses oversize and malformed values with a clear error, before the database', async () => {
    const long = specOf.limit('bad-1', { strategyId: 'x'.repeat(129) });
    expect((await failure(orders().save(Order.create(long, T0)))).message).toBe(
      `invalid order 'strategyId', was a string of 129 characters starting "xxxxxxxxxxxxxxxxxxxx": expected 1 to 128 characters without NUL`,
    );
    const nul = specOf.limit('bad-2', { strategyId: 'a\0b' });
    expect(await failure(orders().save(Order.create(nul, T0)))).toMatchObject({ code: 'INVALID_INPUT' });
    const symbol = specOf.limit('bad-3', { instrumentId: 'btc/usdt; --' as typeof BTC });
    expect((await failure(orders().save(Order.create(symbol, T0)))).message).toBe(
      `invalid order 'instrumentId', was "btc/usdt; --": expected BASE/QUOTE in upper case, such as "BTC/USDT"`,
    );
    const reason = orderThrough(specOf.limit('bad-4'), [submitted]).apply({
      type: 'OrderRejected',
      clientOrderId: clientOrderId('bad-4'),
      tsMs: T0 + 9,
      source: 'VENUE',
      code: 'X',
      reason: 'r'.repeat(4_097),
    });
    expect((await failure(orders().save(reason))).message).toMatch(/^invalid order 'rejection.reason', was a string of 4097 characters .*: expected at most 4096 characters/);
    const order = orderThrough(specOf.limit('bad-5'), [submitted]);
    await orders().save(order);
    expect((await failure(orders().appendFill({ ...fillOf(order, '1', '1'), tradeId: 'has space' as never }))).message).toBe(
      `invalid fill 'tradeId', was "has space": expected 1 to 64 printable characters`,
    );
    expect(await orders().findOpen(), 'nothing of the refused orders was stored').toHaveLength(1);
  });

  it('keeps huge and finely divided amounts exactly', async () => {
    const huge = '123456789012345678901234567890123456789.123456789012345678901234567891';
    const third = Price.of('1').div(Price.of('3'));
    const spec = { ...specOf.limit('n-1', { quantity: huge }), price: Price.of(third) } as ReturnType<typeof specOf.limit>;
    const order = orderThrough(spec, [submitted]);
    await orders().save(order);
    const restored = await orders().findByClientOrderIdOrThrow(order.clientOrderId);
    expect(restored.spec.quantity.toString()).toBe(huge);
    expect(restored.spec.type === 'LIMIT' ? restored.spec.price.toString() : '').toBe(`0.${'3'.repeat(30)}`);
  });
});

/** Waits until some backend of the test server waits on a lock while inserting a fill. */
async function waitForLockWait(db: Database): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await db.run('test.lockWait', (s) =>
      s.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO fills%'"),
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the second transaction never waited for the first one\'s fill');
}
