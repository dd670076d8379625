import { PostgresMarketDataRepository } from '../../adapters/postgres/postgres-market-data-repository.js';
import type { OpenedMarketData } from '../../interfaces/cli/commands/market-data-store.js';
import type { DatabaseConfig } from '../config/schema.js';
import { type OpenDatabaseDeps, openConfiguredDatabase } from './open-configured-database.js';

/**
 * The market-data repository of the configured database, migrated, with `close()`. What `atb data` and
 * `atb backtest --symbol --timeframe` read bars through.
 *
 * @example
 * const series = await withMarketData(() => openMarketDataStore(config.database, { logger, cwd }),
 *   ({ marketData }) => marketData.readSeries(id, tf, fromMs, toMs));
 */
export async function openMarketDataStore(config: DatabaseConfig, deps: OpenDatabaseDeps): Promise<OpenedMarketData> {
  const db = await openConfiguredDatabase(config, deps, { migrate: true });
  const location = db.backend === 'pglite' ? `the embedded database at ${db.location}` : db.location;
  return { marketData: new PostgresMarketDataRepository(db), location, close: () => db.close() };
}
