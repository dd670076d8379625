import type { Balance } from '../../domain/portfolio/balance.js';
import type { EquityPoint } from '../../domain/portfolio/portfolio.js';
import type { Currency } from '../../domain/values/money.js';
import type { TsRange } from './market-data-repository.js';

/** A point of an account's equity curve at `tsMs`. */
export interface TimedEquityPoint extends EquityPoint {
  readonly tsMs: number;
}

/**
 * An account's balances (free and locked per currency, exact) and its equity curve.
 *
 * - `saveBalances` upserts the given currencies and leaves the others as they are; call it in the unit
 *   of work that records the fill (or order) that changed them, so they never disagree.
 * - Equity points are keyed by (account, tsMs): saving a point at a time already stored replaces it.
 *
 * @example
 * await uow.run('record-fill', async ({ orders, portfolio }) => {
 *   await orders.appendFill(fill);
 *   await portfolio.saveBalances('main', [book.balance('USDT'), book.balance('BTC')], fill.tsMs);
 * });
 */
export interface PortfolioRepository {
  saveBalances(accountId: string, balances: readonly Balance[], tsMs: number): Promise<void>;
  /** Every stored balance of the account, by currency; `total` is free + locked. */
  findBalances(accountId: string): Promise<readonly Balance[]>;
  findBalance(accountId: string, currency: Currency): Promise<Balance | undefined>;
  saveEquityPoint(accountId: string, point: TimedEquityPoint): Promise<void>;
  /** Points in the inclusive time range, oldest first. */
  findEquityCurve(accountId: string, range?: TsRange): Promise<readonly TimedEquityPoint[]>;
}
