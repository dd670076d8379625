import type {
  BackupSummary,
  DatabaseAdmin,
  DatabaseHealth,
  MigrationRef,
  MigrationStatus,
} from '../../application/ports/database-admin.js';
import type { Database } from './database.js';
import { writeBackup } from './logical-backup.js';
import { restoreBackup } from './logical-restore.js';
import type { MigrationFile } from './migration-files.js';
import { Migrator } from './migrator.js';

/** DatabaseAdmin over an open database and the committed migrations; `close()` closes the database. */
export class SqlDatabaseAdmin implements DatabaseAdmin {
  readonly #migrator: Migrator;
  readonly #knownVersion: number;

  constructor(
    private readonly db: Database,
    migrations: readonly MigrationFile[],
  ) {
    this.#migrator = new Migrator(db, migrations);
    this.#knownVersion = migrations.at(-1)?.version ?? 0;
  }

  migrate(): Promise<readonly MigrationRef[]> {
    return this.#migrator.migrate();
  }

  migrationStatus(): Promise<MigrationStatus> {
    return this.#migrator.status();
  }

  health(): Promise<DatabaseHealth> {
    return this.db.health();
  }

  async backup(path: string): Promise<BackupSummary> {
    return writeBackup(this.db, path, await this.#migrator.level());
  }

  restore(path: string): Promise<BackupSummary> {
    return restoreBackup(this.db, this.#migrator, path, this.#knownVersion);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
