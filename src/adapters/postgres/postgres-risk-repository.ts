import type { TsRange } from '../../application/ports/market-data-repository.js';
import type {
  RiskEvent,
  RiskEventQuery,
  RiskMetricSnapshot,
  RiskRepository,
  RiskScope,
  StoredRiskLimits,
} from '../../application/ports/risk-repository.js';
import type { RiskLimits } from '../../application/risk/risk-limits.js';
import { type TradingState } from '../../application/risk/trading-state.js';
import type { ClientOrderId } from '../../domain/orders/client-order-id.js';
import { decimalColumn, msColumn, optionalDecimalColumn, requiredColumn, withoutUndefined } from './sql-columns.js';
import type { SqlExecutor } from './sql-executor.js';
import { placeholders } from './sql-placeholders.js';
import {
  checkAccountId,
  checkFinite,
  checkInteger,
  checkLimit,
  checkName,
  checkText,
  checkTsMs,
  invalidInput,
} from './storage-checks.js';

const LIMIT_COLUMNS = 'max_order_notional, max_position_notional, max_open_orders, max_drawdown_pct, max_daily_loss_pct, market_buy_buffer';
const EVENT_COLUMNS = 'account_id, strategy_id, ts_ms, type, from_state, to_state, client_order_id, source, code, limit_name, observed, threshold, reason';
const STATES: ReadonlySet<string> = new Set(['ACTIVE', 'REDUCING', 'HALTED']);
const SOURCES: ReadonlySet<string> = new Set(['VALIDATION', 'RISK', 'VENUE']);
const TYPES: ReadonlySet<string> = new Set(['TRADING_STATE_CHANGED', 'ORDER_REJECTED', 'LIMIT_BREACHED']);

interface LimitsRow {
  readonly account_id: string;
  readonly strategy_id: string | null;
  readonly max_order_notional: string | null;
  readonly max_position_notional: string | null;
  readonly max_open_orders: number | null;
  readonly max_drawdown_pct: number | null;
  readonly max_daily_loss_pct: number | null;
  readonly market_buy_buffer: string | null;
  readonly updated_ms: string;
}

interface EventRow {
  readonly account_id: string;
  readonly strategy_id: string | null;
  readonly ts_ms: string;
  readonly type: RiskEvent['type'];
  readonly from_state: TradingState | null;
  readonly to_state: TradingState | null;
  readonly client_order_id: string | null;
  readonly source: 'VALIDATION' | 'RISK' | 'VENUE' | null;
  readonly code: string | null;
  readonly limit_name: string | null;
  readonly observed: string | null;
  readonly threshold: string | null;
  readonly reason: string;
}

interface MetricsRow {
  readonly account_id: string;
  readonly ts_ms: string;
  readonly confidence: number;
  readonly var_pct: number | null;
  readonly cvar_pct: number | null;
  readonly drawdown_pct: number;
  readonly equity: string | null;
}

/** Risk limits, events and metric snapshots on PostgreSQL and PGlite (`risk_limits`, `risk_events`, `risk_metrics`). */
export class PostgresRiskRepository implements RiskRepository {
  constructor(private readonly db: SqlExecutor) {}

  async saveLimits(scope: RiskScope, limits: RiskLimits, tsMs: number): Promise<void> {
    const params = [...scopeParams(scope), ...limitParams(limits), checkTsMs('risk limits', 'tsMs', tsMs)];
    await this.db.run('risk.saveLimits', (session) =>
      session.query(
        `INSERT INTO risk_limits (account_id, strategy_id, ${LIMIT_COLUMNS}, updated_ms) VALUES (${placeholders(9)})
         ON CONFLICT ON CONSTRAINT risk_limits_scope DO UPDATE SET max_order_notional = excluded.max_order_notional,
           max_position_notional = excluded.max_position_notional, max_open_orders = excluded.max_open_orders,
           max_drawdown_pct = excluded.max_drawdown_pct, max_daily_loss_pct = excluded.max_daily_loss_pct,
           market_buy_buffer = excluded.market_buy_buffer, updated_ms = excluded.updated_ms`,
        params,
      ),
    );
  }

  async findLimits(scope: RiskScope): Promise<StoredRiskLimits | undefined> {
    const params = scopeParams(scope);
    return await this.db.run('risk.findLimits', async (session) => {
      const { rows } = await session.query<LimitsRow>(
        `SELECT account_id, strategy_id, ${LIMIT_COLUMNS}, updated_ms FROM risk_limits WHERE account_id = $1 AND strategy_id IS NOT DISTINCT FROM $2::text`,
        params,
      );
      return rows[0] === undefined ? undefined : limitsFromRow(rows[0]);
    });
  }

  async listLimits(accountId: string): Promise<readonly StoredRiskLimits[]> {
    const params = [checkAccountId('risk limits', accountId)];
    return await this.db.run('risk.listLimits', async (session) => {
      const { rows } = await session.query<LimitsRow>(
        `SELECT account_id, strategy_id, ${LIMIT_COLUMNS}, updated_ms FROM risk_limits WHERE account_id = $1 ORDER BY strategy_id COLLATE "C" NULLS FIRST`,
        params,
      );
      return rows.map(limitsFromRow);
    });
  }

  async recordEvent(event: RiskEvent): Promise<void> {
    const params = eventParams(event);
    await this.db.run('risk.recordEvent', (session) => session.query(`INSERT INTO risk_events (${EVENT_COLUMNS}) VALUES (${placeholders(13)})`, params));
  }

  async findEvents(accountId: string, query: RiskEventQuery = {}): Promise<readonly RiskEvent[]> {
    const types = query.types ?? [...TYPES];
    for (const type of types) if (!TYPES.has(type)) throw invalidInput('risk event query', 'types', type, [...TYPES].join(', '));
    const params = [
      checkAccountId('risk event', accountId),
      checkTsMs('risk event query', 'fromMs', query.range?.fromMs ?? 0),
      checkTsMs('risk event query', 'toMs', query.range?.toMs ?? Number.MAX_SAFE_INTEGER),
      types,
      checkLimit('risk event query', query.limit, 1_000),
    ];
    return await this.db.run('risk.findEvents', async (session) => {
      const { rows } = await session.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM risk_events WHERE account_id = $1 AND ts_ms BETWEEN $2 AND $3 AND type = ANY ($4::text[])
         ORDER BY ts_ms, id LIMIT $5`,
        params,
      );
      return rows.map(eventFromRow);
    });
  }

  async saveMetrics(snapshot: RiskMetricSnapshot): Promise<void> {
    const entity = 'risk metrics';
    if (!(snapshot.confidence > 0 && snapshot.confidence < 1)) throw invalidInput(entity, 'confidence', snapshot.confidence, 'a number between 0 and 1, such as 0.95');
    if (!(snapshot.drawdownPct >= 0 && snapshot.drawdownPct <= 100)) throw invalidInput(entity, 'drawdownPct', snapshot.drawdownPct, 'a percentage from 0 to 100');
    const params = [
      checkAccountId(entity, snapshot.accountId),
      checkTsMs(entity, 'tsMs', snapshot.tsMs),
      snapshot.confidence,
      snapshot.varPct === undefined ? null : checkFinite(entity, 'varPct', snapshot.varPct),
      snapshot.cvarPct === undefined ? null : checkFinite(entity, 'cvarPct', snapshot.cvarPct),
      snapshot.drawdownPct,
      snapshot.equity?.toString() ?? null,
    ];
    await this.db.run('risk.saveMetrics', (session) =>
      session.query(
        `INSERT INTO risk_metrics (account_id, ts_ms, confidence, var_pct, cvar_pct, drawdown_pct, equity) VALUES (${placeholders(7)})
         ON CONFLICT (account_id, ts_ms) DO UPDATE SET confidence = excluded.confidence, var_pct = excluded.var_pct,
           cvar_pct = excluded.cvar_pct, drawdown_pct = excluded.drawdown_pct, equity = excluded.equity`,
        params,
      ),
    );
  }

  async findMetrics(accountId: string, range: TsRange = {}): Promise<readonly RiskMetricSnapshot[]> {
    const params = [
      checkAccountId('risk metrics', accountId),
      checkTsMs('risk metrics query', 'fromMs', range.fromMs ?? 0),
      checkTsMs('risk metrics query', 'toMs', range.toMs ?? Number.MAX_SAFE_INTEGER),
    ];
    return await this.db.run('risk.findMetrics', async (session) => {
      const { rows } = await session.query<MetricsRow>(
        'SELECT account_id, ts_ms, confidence, var_pct, cvar_pct, drawdown_pct, equity FROM risk_metrics WHERE account_id = $1 AND ts_ms BETWEEN $2 AND $3 ORDER BY ts_ms',
        params,
      );
      return rows.map((row) => ({
        accountId: row.account_id,
        tsMs: msColumn(row.ts_ms, 'risk_metrics.ts_ms'),
        confidence: row.confidence,
        varPct: row.var_pct ?? undefined,
        cvarPct: row.cvar_pct ?? undefined,
        drawdownPct: row.drawdown_pct,
        equity: optionalDecimalColumn(row.equity, 'risk_metrics.equity'),
      }));
    });
  }
}

function scopeParams(scope: RiskScope): unknown[] {
  return [checkAccountId('risk limits', scope.accountId), scope.strategyId === undefined ? null : checkName('risk limits', 'strategyId', scope.strategyId)];
}

function limitParams(limits: RiskLimits): unknown[] {
  const entity = 'risk limits';
  const positive = (field: string, value: RiskLimits['maxOrderNotional']): string | null => {
    if (value === undefined) return null;
    if (!value.isPositive()) throw invalidInput(entity, field, value.toString(), 'a positive amount');
    return value.toString();
  };
  const pct = (field: string, value: number | undefined): number | null => {
    if (value === undefined) return null;
    if (!(value >= 0 && value <= 100)) throw invalidInput(entity, field, value, 'a percentage from 0 to 100');
    return value;
  };
  if (limits.marketBuyBuffer?.isNegative() === true) throw invalidInput(entity, 'marketBuyBuffer', limits.marketBuyBuffer.toString(), 'a fraction of at least 0');
  return [
    positive('maxOrderNotional', limits.maxOrderNotional),
    positive('maxPositionNotional', limits.maxPositionNotional),
    limits.maxOpenOrders === undefined ? null : checkInteger(entity, 'maxOpenOrders', limits.maxOpenOrders),
    pct('maxDrawdownPct', limits.maxDrawdownPct),
    pct('maxDailyLossPct', limits.maxDailyLossPct),
    limits.marketBuyBuffer?.toString() ?? null,
  ];
}

function limitsFromRow(row: LimitsRow): StoredRiskLimits {
  const limits: RiskLimits = withoutUndefined({
    maxOrderNotional: optionalDecimalColumn(row.max_order_notional, 'risk_limits.max_order_notional'),
    maxPositionNotional: optionalDecimalColumn(row.max_position_notional, 'risk_limits.max_position_notional'),
    maxOpenOrders: row.max_open_orders ?? undefined,
    maxDrawdownPct: row.max_drawdown_pct ?? undefined,
    maxDailyLossPct: row.max_daily_loss_pct ?? undefined,
    marketBuyBuffer: optionalDecimalColumn(row.market_buy_buffer, 'risk_limits.market_buy_buffer'),
  });
  const scope = row.strategy_id === null ? { accountId: row.account_id } : { accountId: row.account_id, strategyId: row.strategy_id };
  return { scope, limits, updatedTsMs: msColumn(row.updated_ms, 'risk_limits.updated_ms') };
}

/** The 13 EVENT_COLUMNS as parameters; columns a type does not use are NULL. */
function eventParams(event: RiskEvent): unknown[] {
  const entity = 'risk event';
  const head = [
    checkAccountId(entity, event.accountId),
    event.strategyId === undefined ? null : checkName(entity, 'strategyId', event.strategyId),
    checkTsMs(entity, 'tsMs', event.tsMs),
    event.type,
  ];
  const reason = checkText(entity, 'reason', event.reason);
  switch (event.type) {
    case 'TRADING_STATE_CHANGED':
      if (!STATES.has(event.from)) throw invalidInput(entity, 'from', event.from, 'ACTIVE, REDUCING or HALTED');
      if (!STATES.has(event.to)) throw invalidInput(entity, 'to', event.to, 'ACTIVE, REDUCING or HALTED');
      return [...head, event.from, event.to, null, null, null, null, null, null, reason];
    case 'ORDER_REJECTED':
      if (!/^[A-Za-z0-9._-]{1,36}$/.test(event.clientOrderId)) throw invalidInput(entity, 'clientOrderId', event.clientOrderId, "1 to 36 letters, digits, '.', '_' or '-'");
      if (!SOURCES.has(event.source)) throw invalidInput(entity, 'source', event.source, 'VALIDATION, RISK or VENUE');
      return [...head, null, null, event.clientOrderId, event.source, checkName(entity, 'code', event.code), null, null, null, reason];
    case 'LIMIT_BREACHED':
      return [...head, null, null, null, null, null, checkName(entity, 'limit', event.limit), event.observed.toString(), event.threshold.toString(), reason];
    default:
      throw invalidInput(entity, 'type', (event as { type: unknown }).type, [...TYPES].join(', '));
  }
}

function eventFromRow(row: EventRow): RiskEvent {
  const base = {
    accountId: row.account_id,
    ...(row.strategy_id === null ? {} : { strategyId: row.strategy_id }),
    tsMs: msColumn(row.ts_ms, 'risk_events.ts_ms'),
    reason: row.reason,
  };
  switch (row.type) {
    case 'TRADING_STATE_CHANGED':
      return { ...base, type: row.type, from: requiredColumn(row.from_state, 'risk_events.from_state'), to: requiredColumn(row.to_state, 'risk_events.to_state') };
    case 'ORDER_REJECTED':
      return {
        ...base,
        type: row.type,
        clientOrderId: requiredColumn(row.client_order_id, 'risk_events.client_order_id') as ClientOrderId,
        source: requiredColumn(row.source, 'risk_events.source'),
        code: requiredColumn(row.code, 'risk_events.code'),
      };
    case 'LIMIT_BREACHED':
      return {
        ...base,
        type: row.type,
        limit: requiredColumn(row.limit_name, 'risk_events.limit_name'),
        observed: decimalColumn(row.observed, 'risk_events.observed'),
        threshold: decimalColumn(row.threshold, 'risk_events.threshold'),
      };
  }
}
