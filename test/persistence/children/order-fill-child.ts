// Records orders and fills in a loop, one unit of work per round (save the order, append its fill,
// update the order to FILLED, update both balances, replace the position), for the crash test to kill
// it part-way. Inside each unit, once the fill is written, it prints `inside <n>` and pauses (as if
// working out the order's new state), so that a kill after that line lands in the middle of the unit;
// after each commit it prints `committed <n>`. Usage:
//   order-fill-child.ts pglite <folder>
//   order-fill-child.ts postgres <url> <schema>
import { Registry } from 'prom-client';
import { silentLogger } from '../../../src/application/ports/logger.js';
import type { Database } from '../../../src/adapters/postgres/database.js';
import { openPostgresDatabase } from '../../../src/adapters/postgres/pg-database.js';
import { openEmbeddedDatabase } from '../../../src/adapters/postgres/pglite-database.js';
import { sqlUnitOfWork } from '../../../src/adapters/postgres/repositories-for.js';
import { currency } from '../../../src/domain/values/money.js';
import { crashRound, CRASH_ACCOUNT, CRASH_START_USDT, CRASH_ROUNDS } from '../crash-rounds.js';
import { Decimal } from '../../../src/domain/values/decimal.js';
import { Position } from '../../../src/domain/positions/position.js';
import { BTC } from '../trading-fixtures.js';

const [backend, location, schema] = process.argv.slice(2);
const PAUSE_MS = 30;
const registry = new Registry();
const db: Database =
  backend === 'pglite'
    ? await openEmbeddedDatabase({ dataDir: location, logger: silentLogger, registry })
    : await openPostgresDatabase({
        url: location ?? '',
        schema,
        poolMax: 2,
        idleTimeoutMs: 10_000,
        connectionTimeoutMs: 5_000,
        statementTimeoutMs: 0,
        ssl: { mode: 'disable' },
        logger: silentLogger,
        registry,
      });
const uow = sqlUnitOfWork(db);
console.log('opened');

// The state after the last commit; a round's new state is kept only once its unit of work committed.
let usdt = CRASH_START_USDT;
let btc = Decimal.ZERO;
let position = Position.flat(BTC);
for (let n = 1; n <= CRASH_ROUNDS; n++) {
  const { accepted, fill, filled } = crashRound(n);
  const next = {
    usdt: usdt.sub(fill.price.mul(fill.quantity)).sub(fill.fee.amount),
    btc: btc.add(fill.quantity),
    position: position.apply(fill).position,
  };
  await uow.run('crash.round', async ({ orders, portfolio, positions }) => {
    await orders.save(accepted);
    if ((await orders.appendFill(fill)) !== 'inserted') throw new Error(`round ${n}: fill stored before`);
    console.log(`inside ${n}`);
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    await orders.update(filled, accepted.version);
    await portfolio.saveBalances(
      CRASH_ACCOUNT,
      [
        { currency: currency('USDT'), free: next.usdt, locked: Decimal.ZERO, total: next.usdt },
        { currency: currency('BTC'), free: next.btc, locked: Decimal.ZERO, total: next.btc },
      ],
      fill.tsMs,
    );
    await positions.saveCurrent(CRASH_ACCOUNT, next.position, fill.tsMs);
  });
  ({ usdt, btc, position } = next);
  console.log(`committed ${n}`);
}
console.log('finished');
await db.close();
