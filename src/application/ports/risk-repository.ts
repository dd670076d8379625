import type { ClientOrderId } from '../../domain/orders/client-order-id.js';
import type { Decimal } from '../../domain/values/decimal.js';
import type { RiskLimits } from '../risk/risk-limits.js';
import type { TradingState } from '../risk/trading-state.js';
import type { TsRange } from './market-data-repository.js';

/** Whose limits: an account, or one strategy of it. */
export interface RiskScope {
  readonly accountId: string;
  readonly strategyId?: string;
}

export interface StoredRiskLimits {
  readonly scope: RiskScope;
  readonly limits: RiskLimits;
  readonly updatedTsMs: number;
}

interface RiskEventBase {
  readonly accountId: string;
  readonly strategyId?: string;
  readonly tsMs: number;
  readonly reason: string;
}

/** The kill switch moved the trading state. */
export interface TradingStateChanged extends RiskEventBase {
  readonly type: 'TRADING_STATE_CHANGED';
  readonly from: TradingState;
  readonly to: TradingState;
}

/** An order was refused (by validation, the risk engine or the venue) with a stable code. */
export interface OrderRejectedRiskEvent extends RiskEventBase {
  readonly type: 'ORDER_REJECTED';
  readonly clientOrderId: ClientOrderId;
  readonly source: 'VALIDATION' | 'RISK' | 'VENUE';
  readonly code: string;
}

/** A limit was exceeded: `observed` against `threshold` (exact: notionals are money). */
export interface LimitBreached extends RiskEventBase {
  readonly type: 'LIMIT_BREACHED';
  readonly limit: string;
  readonly observed: Decimal;
  readonly threshold: Decimal;
}

export type RiskEvent = TradingStateChanged | OrderRejectedRiskEvent | LimitBreached;

/** Risk statistics at a moment: VaR and CVaR as positive loss percentages at `confidence`, drawdown in percent. */
export interface RiskMetricSnapshot {
  readonly accountId: string;
  readonly tsMs: number;
  /** e.g. 0.95 */
  readonly confidence: number;
  /** Undefined when the sample could not support it. */
  readonly varPct: number | undefined;
  readonly cvarPct: number | undefined;
  readonly drawdownPct: number;
  readonly equity: Decimal | undefined;
}

export interface RiskEventQuery {
  readonly range?: TsRange;
  readonly types?: readonly RiskEvent['type'][];
  /** Default 1,000. */
  readonly limit?: number;
}

/**
 * Risk in the system of record: limits per account or strategy (replaced as a whole), risk events
 * (insert-only, read back in the order recorded) and metric snapshots (one per account and moment;
 * saving another at the same moment replaces it). Notionals are exact.
 *
 * @example
 * await risk.saveLimits({ accountId: 'main' }, { maxOpenOrders: 20, maxDrawdownPct: 15 }, now);
 * await risk.recordEvent({ type: 'TRADING_STATE_CHANGED', accountId: 'main', from: 'ACTIVE', to: 'HALTED', reason: 'drawdown 16% > 15%', tsMs: now });
 */
export interface RiskRepository {
  saveLimits(scope: RiskScope, limits: RiskLimits, tsMs: number): Promise<void>;
  /** The limits of exactly this scope (an account's own limits do not answer for its strategies). */
  findLimits(scope: RiskScope): Promise<StoredRiskLimits | undefined>;
  /** The account's limits and its strategies', account first, then by strategy. */
  listLimits(accountId: string): Promise<readonly StoredRiskLimits[]>;
  recordEvent(event: RiskEvent): Promise<void>;
  /** The account's events in the time range, oldest first. */
  findEvents(accountId: string, query?: RiskEventQuery): Promise<readonly RiskEvent[]>;
  saveMetrics(snapshot: RiskMetricSnapshot): Promise<void>;
  findMetrics(accountId: string, range?: TsRange): Promise<readonly RiskMetricSnapshot[]>;
}
