import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/application/ports/logger.js';
import type { Database } from '../../src/adapters/postgres/database.js';
import { readMigrationFiles } from '../../src/adapters/postgres/migration-files.js';
import { Migrator } from '../../src/adapters/postgres/migrator.js';
import { openPostgresDatabase } from '../../src/adapters/postgres/pg-database.js';
import { openEmbeddedDatabase } from '../../src/adapters/postgres/pglite-database.js';
import { repositoriesFor } from '../../src/adapters/postgres/repositories-for.js';
import { clientOrderId } from '../../src/domain/orders/client-order-id.js';
import { Decimal } from '../../src/domain/values/decimal.js';
import { currency } from '../../src/domain/values/money.js';
import { BACKENDS, dropSchema, newSchemaName, postgresTestOptions, skipPostgres, TEST_DATABASE_URL } from './backends.js';
import { spawnScript } from './crash-process.js';
import { CRASH_ACCOUNT, CRASH_START_USDT, crashRound } from './crash-rounds.js';
import { seedEmbeddedFolder } from './embedded-folder.js';
import { BTC } from './trading-fixtures.js';

// kill -9 in the middle of an order-and-fill write loop (children/order-fill-child.ts: one unit of work
// per round: order, fill, order update, balances, position), on both backends, at a moment when a
// round's fill is written and its order update is not. After reopening: every
// round whose commit was announced is there in full; no round is there in part (no fill without its
// order update, no balance or position change without its fill: checked by recomputing them from the
// stored fills); and the database takes new work.

const ANNOUNCED = 40;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-order-crash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Stored {
  readonly orders: { id: string; status: string; version: number; tradeIds: string[]; filled: string }[];
  readonly fills: { orderId: string; tradeId: string; price: string; quantity: string; fee: string; tsMs: number }[];
}

async function readAll(db: Database): Promise<Stored> {
  return db.transaction(
    'test.readAll',
    (tx) =>
      tx.run('test.readAll.query', async (s) => {
        const orders = await s.query<{ client_order_id: string; status: string; version: number; trade_ids: string[]; filled_quantity: string }>(
          'SELECT client_order_id, status, version, trade_ids, filled_quantity FROM orders',
        );
        const fills = await s.query<{ client_order_id: string; trade_id: string; price: string; quantity: string; fee_amount: string; ts_ms: string }>(
          'SELECT client_order_id, trade_id, price, quantity, fee_amount, ts_ms FROM fills',
        );
        return {
          orders: orders.rows.map((r) => ({ id: r.client_order_id, status: r.status, version: r.version, tradeIds: r.trade_ids, filled: r.filled_quantity })),
          fills: fills.rows.map((r) => ({ orderId: r.client_order_id, tradeId: r.trade_id, price: r.price, quantity: r.quantity, fee: r.fee_amount, tsMs: Number(r.ts_ms) })),
        };
      }),
    { isolation: 'repeatable read', readOnly: true },
  );
}

for (const backend of BACKENDS) {
  describe.skipIf(backend === 'postgres' && skipPostgres())(`an order-and-fill loop killed with SIGKILL [${backend}]`, () => {
    const schema = newSchemaName();
    const folder = () => join(dir, 'db');
    const open = (): Promise<Database> =>
      backend === 'pglite'
        ? openEmbeddedDatabase({ dataDir: folder(), logger: silentLogger, registry: new Registry() })
        : openPostgresDatabase({ ...postgresTestOptions(), schema, logger: silentLogger, registry: new Registry() });
    const childArgs = (): string[] => (backend === 'pglite' ? ['pglite', folder()] : ['postgres', TEST_DATABASE_URL, schema]);

    afterAll(async () => {
      if (backend === 'postgres') await dropSchema(schema);
    });

    it('keeps every announced round whole, leaves no round in part, and works on', async () => {
      if (backend === 'pglite') await seedEmbeddedFolder(folder());
      const before = await open();
      await new Migrator(before, await readMigrationFiles()).migrate();
      await before.close();

      const child = spawnScript(new URL('./children/order-fill-child.ts', import.meta.url), childArgs());
      // Killed inside the next unit of work: its fill is written, its order update and commit are not.
      await child.waitFor(new RegExp(`^inside ${ANNOUNCED + 1}$`, 'm'));
      const exit = await child.killHard();
      expect(exit.signal).toBe('SIGKILL');
      const announced = Math.max(...[...child.stdout().matchAll(/^committed (\d+)$/gm)].map((m) => Number(m[1])));
      expect(child.stdout()).not.toContain('finished');

      const after = await open();
      try {
        const { orders, fills } = await readAll(after);
        // A round may have committed just before the kill without its announcement reaching us: at most one.
        const rounds = orders.length;
        expect(rounds, `announced ${announced}, stored ${rounds}`).toBeGreaterThanOrEqual(announced);
        expect(rounds).toBeLessThanOrEqual(announced + 1);
        const ids = new Set(orders.map((o) => o.id));
        for (let n = 1; n <= rounds; n++) expect(ids.has(`crash-${n}`), `round ${n} is there`).toBe(true);

        // Every order is FILLED by exactly its own fill, and every fill's order says so.
        expect(fills.length).toBe(rounds);
        const fillByOrder = new Map(fills.map((f) => [f.orderId, f]));
        for (const order of orders) {
          const fill = fillByOrder.get(order.id);
          expect(fill, `${order.id} has its fill`).toBeDefined();
          expect([order.status, order.version, order.tradeIds, order.filled]).toEqual(['FILLED', 3, [fill?.tradeId], fill?.quantity]);
        }

        // Balances and the position recomputed from the stored fills match what the rounds stored.
        let usdt = CRASH_START_USDT;
        let btc = Decimal.ZERO;
        let cost = Decimal.ZERO;
        for (const fill of fills) {
          const notional = Decimal.of(fill.price).mul(Decimal.of(fill.quantity));
          usdt = usdt.sub(notional).sub(Decimal.of(fill.fee));
          btc = btc.add(Decimal.of(fill.quantity));
          cost = cost.add(notional);
        }
        const repos = repositoriesFor(after);
        const balances = await repos.portfolio.findBalances(CRASH_ACCOUNT);
        expect(balances.map((b) => [b.currency, b.free.toString()])).toEqual([
          ['BTC', btc.toString()],
          ['USDT', usdt.toString()],
        ]);
        const position = await repos.positions.findCurrent(CRASH_ACCOUNT, BTC);
        expect([position?.netQuantity.toString(), position?.costBasis.toString(), position?.lastFillTsMs]).toEqual([
          btc.toString(),
          cost.toString(),
          Math.max(...fills.map((f) => f.tsMs)),
        ]);
        // The stored totals are also the rounds' own: nothing was lost or doubled.
        let expectedBtc = Decimal.ZERO;
        for (let n = 1; n <= rounds; n++) expectedBtc = expectedBtc.add(crashRound(n).fill.quantity);
        expect(btc.toString()).toBe(expectedBtc.toString());

        // The database works on: the next round commits on top.
        const next = crashRound(rounds + 1);
        await repos.orders.save(next.accepted);
        expect(await repos.orders.appendFill(next.fill)).toBe('inserted');
        expect(await repos.orders.appendFill(crashRound(1).fill), 'a replayed old fill is a duplicate').toBe('duplicate');
        expect((await repos.orders.findByClientOrderIdOrThrow(clientOrderId(`crash-${rounds}`))).status).toBe('FILLED');
        expect((await repos.portfolio.findBalance(CRASH_ACCOUNT, currency('USDT')))?.free.toString()).toBe(usdt.toString());
        expect((await after.health()).status).toBe('ok');
      } finally {
        await after.close();
      }
    }, 120_000);
  });
}
