import type { Repositories, UnitOfWork } from '../../application/ports/unit-of-work.js';
import { PostgresBacktestRunRepository } from './postgres-backtest-run-repository.js';
import { PostgresMarketDataRepository } from './postgres-market-data-repository.js';
import { PostgresMlRepository } from './postgres-ml-repository.js';
import { PostgresOrderRepository } from './postgres-order-repository.js';
import { PostgresPortfolioRepository } from './postgres-portfolio-repository.js';
import { PostgresPositionRepository } from './postgres-position-repository.js';
import { PostgresRiskRepository } from './postgres-risk-repository.js';
import { PostgresStrategyRepository, type StrategyRepositoryOptions } from './postgres-strategy-repository.js';
import type { SqlExecutor } from './sql-executor.js';

/** Cache-aside hooks the repositories read through (none by default: every read loads). */
export interface RepositoryCaches {
  readonly strategies?: StrategyRepositoryOptions;
}

/** Every repository bound to one executor: the database, or a transaction of a unit of work. */
export function repositoriesFor(executor: SqlExecutor, caches: RepositoryCaches = {}): Repositories {
  return {
    marketData: new PostgresMarketDataRepository(executor),
    orders: new PostgresOrderRepository(executor),
    positions: new PostgresPositionRepository(executor),
    portfolio: new PostgresPortfolioRepository(executor),
    strategies: new PostgresStrategyRepository(executor, caches.strategies),
    risk: new PostgresRiskRepository(executor),
    ml: new PostgresMlRepository(executor),
    backtestRuns: new PostgresBacktestRunRepository(executor),
  };
}

/** The UnitOfWork port over a database: one transaction, repositories bound to it, re-run on transient failure. */
export function sqlUnitOfWork(db: SqlExecutor, caches: RepositoryCaches = {}): UnitOfWork {
  return { run: (name, work) => db.transaction(name, (tx) => work(repositoriesFor(tx, caches))) };
}
