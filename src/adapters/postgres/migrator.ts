import type { AppliedMigration, MigrationRef, MigrationStatus } from '../../application/ports/database-admin.js';
import { AtbError } from '../../shared/errors.js';
import { type MigrationFile, migrationLabel } from './migration-files.js';
import type { SqlExecutor, SqlSession } from './sql-executor.js';

/** The bookkeeping table, created by the migrator itself in the current schema. */
const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Serialises migrators of one schema across processes (a transaction-scoped advisory lock). */
const LOCK = "SELECT pg_advisory_xact_lock(hashtext('atb:migrate:' || current_schema()))";

interface AppliedRow {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  readonly applied_at: Date;
}

/**
 * Applies the committed SQL migrations in version order, each in its own transaction together with its
 * row in schema_migrations, under an advisory lock so that two processes starting at once apply each
 * migration once. A migration file must not contain BEGIN/COMMIT. It refuses to run when an applied
 * migration's file was edited, or when the database has migrations this ATB does not know.
 */
export class Migrator {
  constructor(
    private readonly db: SqlExecutor,
    private readonly files: readonly MigrationFile[],
  ) {}

  async status(): Promise<MigrationStatus> {
    const applied = await this.db.run('migrations.status', readApplied);
    return compare(applied, this.files);
  }

  /** Applies pending migrations up to `upTo` (default: all); resolves to those applied now. */
  async migrate(options: { readonly upTo?: number } = {}): Promise<readonly MigrationRef[]> {
    const status = await this.status();
    refuseUnsafe(status);
    const done: MigrationRef[] = [];
    for (const file of this.files) {
      if (options.upTo !== undefined && file.version > options.upTo) break;
      const applied = await this.db.transaction(`migrations.apply`, (tx) =>
        tx.run('migrations.apply.step', async (session) => {
          await session.query(LOCK);
          await session.execScript(BOOKKEEPING);
          const again = await session.query('SELECT 1 FROM schema_migrations WHERE version = $1', [file.version]);
          if (again.rows.length > 0) return false;
          try {
            await session.execScript(file.sql);
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            throw new AtbError('MIGRATION_FAILED', `migration ${file.file} failed: ${reason}`, { file: file.file }, { cause: error });
          }
          await session.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            file.version,
            file.name,
            file.checksum,
          ]);
          return true;
        }),
      { noStatementTimeout: true });
      if (applied) done.push({ version: file.version, name: file.name });
    }
    return done;
  }

  /** The highest applied version, 0 for a new database. */
  async level(): Promise<number> {
    const applied = await this.db.run('migrations.status', readApplied);
    return applied.reduce((max, row) => Math.max(max, row.version), 0);
  }
}

async function readApplied(session: SqlSession): Promise<readonly AppliedRow[]> {
  const exists = await session.query<{ found: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS found");
  if (exists.rows[0]?.found !== true) return [];
  const { rows } = await session.query<AppliedRow>('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version');
  return rows;
}

function compare(applied: readonly AppliedRow[], files: readonly MigrationFile[]): MigrationStatus {
  const byVersion = new Map(files.map((file) => [file.version, file]));
  const appliedVersions = new Set(applied.map((row) => row.version));
  return {
    applied: applied.map((row): AppliedMigration => ({ version: row.version, name: row.name, appliedAt: row.applied_at })),
    pending: files.filter((file) => !appliedVersions.has(file.version)).map(({ version, name }) => ({ version, name })),
    changed: applied
      .filter((row) => {
        const file = byVersion.get(row.version);
        return file !== undefined && file.checksum !== row.checksum;
      })
      .map(({ version, name }) => ({ version, name })),
    unknown: applied.filter((row) => !byVersion.has(row.version)).map(({ version, name }) => ({ version, name })),
  };
}

function refuseUnsafe(status: MigrationStatus): void {
  if (status.unknown.length > 0) {
    const list = status.unknown.map(migrationLabel).join(', ');
    throw new AtbError('CONFLICT', `the database has migrations this version of ATB does not know (${list}): upgrade ATB`, {
      unknown: status.unknown,
    });
  }
  if (status.changed.length > 0) {
    const list = status.changed.map(migrationLabel).join(', ');
    throw new AtbError(
      'CONFLICT',
      `applied migrations were edited afterwards (${list}): restore the committed files and add a new migration instead`,
      { changed: status.changed },
    );
  }
}
