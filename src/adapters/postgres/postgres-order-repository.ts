import type { TsRange } from '../../application/ports/market-data-repository.js';
import type { AppendFillResult, OpenOrderQuery, OrderRepository } from '../../application/ports/order-repository.js';
import type { Fill } from '../../domain/fills/fill.js';
import type { ClientOrderId } from '../../domain/orders/client-order-id.js';
import type { Order } from '../../domain/orders/order.js';
import { AtbError } from '../../shared/errors.js';
import {
  FILL_COLUMNS,
  fillFromRow,
  fillParams,
  type FillRow,
  ORDER_COLUMNS,
  ORDER_STATE_ASSIGNMENTS,
  orderFromRow,
  orderInsertParams,
  type OrderRow,
  orderStateParams,
} from './order-rows.js';
import type { SqlExecutor } from './sql-executor.js';
import { placeholders } from './sql-placeholders.js';
import { checkInstrumentId, checkLimit, checkName, checkTsMs, invalidInput } from './storage-checks.js';
import { sqlState } from './transient-error.js';

const OPEN_STATUSES = "('INITIALIZED', 'SUBMITTED', 'ACCEPTED', 'TRIGGERED', 'PARTIALLY_FILLED', 'PENDING_CANCEL')";
const DEFAULT_LIMIT = 10_000;

/**
 * The order repository on PostgreSQL and PGlite (tables `orders` and `fills`). Each method is one
 * statement (two when an update misses, to say why), run on the executor it was built over: the
 * database (autocommit) or a unit of work's transaction.
 */
export class PostgresOrderRepository implements OrderRepository {
  constructor(private readonly db: SqlExecutor) {}

  async save(order: Order): Promise<void> {
    const params = orderInsertParams(order);
    await this.db.run('orders.save', async (session) => {
      try {
        await session.query(`INSERT INTO orders (${ORDER_COLUMNS}) VALUES (${placeholders(params.length)})`, params);
      } catch (error) {
        if (sqlState(error) === '23505') {
          throw new AtbError('CONFLICT', `order ${order.clientOrderId} is already stored: a client order id is used once`, {
            clientOrderId: order.clientOrderId,
          }, { cause: error });
        }
        throw error;
      }
    });
  }

  async update(order: Order, expectedVersion: number): Promise<void> {
    if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0 || expectedVersion >= order.version) {
      throw invalidInput('order', 'expectedVersion', expectedVersion, `the stored version the new state replaces, below the order's version ${order.version}`);
    }
    const params = [order.clientOrderId, expectedVersion, ...orderStateParams(order)];
    await this.db.run('orders.update', async (session) => {
      const updated = await session.query(`UPDATE orders SET ${ORDER_STATE_ASSIGNMENTS} WHERE client_order_id = $1 AND version = $2`, params);
      if (updated.rowCount === 1) return;
      const stored = await session.query<{ version: number }>('SELECT version FROM orders WHERE client_order_id = $1', [order.clientOrderId]);
      const found = stored.rows[0]?.version;
      if (found === undefined) {
        throw new AtbError('NOT_FOUND', `order ${order.clientOrderId} is not stored: save it before updating it`, { clientOrderId: order.clientOrderId });
      }
      throw new AtbError(
        'CONFLICT',
        `order ${order.clientOrderId} changed since it was read: expected stored version ${expectedVersion}, found version ${found}; ` +
          `version ${order.version} was not stored (read the order again and re-apply the event)`,
        { clientOrderId: order.clientOrderId, expectedVersion, storedVersion: found, version: order.version },
      );
    });
  }

  async findByClientOrderId(clientOrderId: ClientOrderId): Promise<Order | undefined> {
    return await this.db.run('orders.findByClientOrderId', async (session) => {
      const { rows } = await session.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE client_order_id = $1`, [clientOrderId]);
      return rows[0] === undefined ? undefined : orderFromRow(rows[0]);
    });
  }

  async findByClientOrderIdOrThrow(clientOrderId: ClientOrderId): Promise<Order> {
    const order = await this.findByClientOrderId(clientOrderId);
    if (order === undefined) throw new AtbError('NOT_FOUND', `order ${JSON.stringify(clientOrderId)} is not stored`, { clientOrderId });
    return order;
  }

  async findOpen(query: OpenOrderQuery = {}): Promise<readonly Order[]> {
    const conditions = [`status IN ${OPEN_STATUSES}`];
    const params: unknown[] = [];
    if (query.instrumentId !== undefined) {
      params.push(checkInstrumentId('order query', 'instrumentId', query.instrumentId));
      conditions.push(`instrument_id = $${params.length}`);
    }
    if (query.strategyId !== undefined) {
      params.push(checkName('order query', 'strategyId', query.strategyId));
      conditions.push(`strategy_id = $${params.length}`);
    }
    return await this.#select('orders.findOpen', `WHERE ${conditions.join(' AND ')} ORDER BY created_ms, client_order_id`, params);
  }

  async findByStrategy(strategyId: string, range: TsRange = {}, limit?: number): Promise<readonly Order[]> {
    const params = [
      checkName('order query', 'strategyId', strategyId),
      checkTsMs('order query', 'fromMs', range.fromMs ?? 0),
      checkTsMs('order query', 'toMs', range.toMs ?? Number.MAX_SAFE_INTEGER),
      checkLimit('order query', limit, DEFAULT_LIMIT),
    ];
    return await this.#select(
      'orders.findByStrategy',
      'WHERE strategy_id = $1 AND created_ms BETWEEN $2 AND $3 ORDER BY created_ms, client_order_id LIMIT $4',
      params,
    );
  }

  async appendFill(fill: Fill): Promise<AppendFillResult> {
    const params = fillParams(fill);
    return this.db.run('orders.appendFill', async (session) => {
      try {
        const inserted = await session.query(
          `INSERT INTO fills (${FILL_COLUMNS}) VALUES (${placeholders(params.length)}) ON CONFLICT (venue, trade_id) DO NOTHING`,
          params,
        );
        return inserted.rowCount === 1 ? 'inserted' : 'duplicate';
      } catch (error) {
        if (sqlState(error) === '23503') {
          throw new AtbError('NOT_FOUND', `fill ${fill.venue}/${fill.tradeId} belongs to order ${fill.clientOrderId}, which is not stored: save the order first`, {
            clientOrderId: fill.clientOrderId,
            tradeId: fill.tradeId,
          }, { cause: error });
        }
        throw error;
      }
    });
  }

  async findFills(clientOrderId: ClientOrderId): Promise<readonly Fill[]> {
    return await this.db.run('orders.findFills', async (session) => {
      const { rows } = await session.query<FillRow>(`SELECT ${FILL_COLUMNS} FROM fills WHERE client_order_id = $1 ORDER BY ts_ms, seq`, [clientOrderId]);
      return rows.map(fillFromRow);
    });
  }

  #select(operation: string, where: string, params: readonly unknown[]): Promise<readonly Order[]> {
    return this.db.run(operation, async (session) => {
      const { rows } = await session.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders ${where}`, params);
      return rows.map(orderFromRow);
    });
  }
}
