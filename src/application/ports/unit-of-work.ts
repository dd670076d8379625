import type { BacktestRunRepository } from './backtest-run-repository.js';
import type { MarketDataRepository } from './market-data-repository.js';
import type { MlRepository } from './ml-repository.js';
import type { OrderRepository } from './order-repository.js';
import type { PortfolioRepository } from './portfolio-repository.js';
import type { PositionRepository } from './position-repository.js';
import type { RiskRepository } from './risk-repository.js';
import type { StrategyRepository } from './strategy-repository.js';

/**
 * The repositories of the system of record, all bound to one connection or transaction. New
 * repositories join this bundle (and `repositoriesFor` in adapters/postgres builds them).
 */
export interface Repositories {
  readonly marketData: MarketDataRepository;
  readonly orders: OrderRepository;
  readonly positions: PositionRepository;
  readonly portfolio: PortfolioRepository;
  readonly strategies: StrategyRepository;
  readonly risk: RiskRepository;
  readonly ml: MlRepository;
  readonly backtestRuns: BacktestRunRepository;
}

/**
 * Runs work as one transaction across every repository: it all commits or none of it does. After a
 * transient failure (connection lost, serialization failure, deadlock) the whole work is run again from
 * the start, so it must not have effects outside the database and should be idempotent (an upsert, or a
 * unique key that turns a repeat into CONFLICT): a connection lost during COMMIT leaves the outcome
 * unknown. Constraint violations are never retried.
 *
 * @example
 * await unitOfWork.run('record-fill', async ({ orders, portfolio }) => {
 *   if ((await orders.appendFill(fill)) === 'duplicate') return;
 *   await orders.update(filled, filled.version - 1);
 *   await portfolio.saveBalances('main', changedBalances, fill.tsMs);
 * });
 */
export interface UnitOfWork {
  run<T>(name: string, work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
