import { PostgresBacktestRunRepository } from '../../adapters/postgres/postgres-backtest-run-repository.js';
import type { OpenedBacktestRuns } from '../../interfaces/cli/commands/backtest-run-store.js';
import type { DatabaseConfig } from '../config/schema.js';
import { type OpenDatabaseDeps, openConfiguredDatabase } from './open-configured-database.js';

/**
 * The stored backtests of the configured database, migrated, with `close()`: what `atb backtest --save`
 * writes to and `atb runs` reads from.
 */
export async function openBacktestRunStore(config: DatabaseConfig, deps: OpenDatabaseDeps): Promise<OpenedBacktestRuns> {
  const db = await openConfiguredDatabase(config, deps, { migrate: true });
  const location = db.backend === 'pglite' ? `the embedded database at ${db.location}` : db.location;
  return { backtestRuns: new PostgresBacktestRunRepository(db), location, close: () => db.close() };
}
