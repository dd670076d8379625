import type { DatabaseAdmin } from '../../application/ports/database-admin.js';
import type { OpenMarketData } from '../../interfaces/cli/commands/market-data-store.js';
import type { CliRuntime } from '../cli-runtime.js';
import { portLogger } from '../port-logger.js';

/**
 * The database as `atb data` and `atb db` commands get it: opened in the command's action and closed
 * by the command when it ends. The database modules (pg, PGlite, Drizzle: about half a second to load)
 * are imported only then, so other commands and `atb --help` start without them.
 */
export function cliPersistence(runtime: CliRuntime, cwd: string): { openMarketData: OpenMarketData; openAdmin: () => Promise<DatabaseAdmin> } {
  const deps = () => ({ logger: portLogger(runtime.logger()), cwd });
  return {
    openMarketData: async () => {
      const { openMarketDataStore } = await import('./open-market-data-store.js');
      return openMarketDataStore(runtime.config().database, deps());
    },
    openAdmin: async () => {
      const { openConfiguredDatabase } = await import('./open-configured-database.js');
      const { readMigrationFiles } = await import('../../adapters/postgres/migration-files.js');
      const { SqlDatabaseAdmin } = await import('../../adapters/postgres/sql-database-admin.js');
      const db = await openConfiguredDatabase(runtime.config().database, deps(), { migrate: false });
      return new SqlDatabaseAdmin(db, await readMigrationFiles());
    },
  };
}
