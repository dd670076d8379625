import { type Command } from 'commander';
import type {
  BackupSummary,
  DatabaseAdmin,
  DatabaseHealth,
  MigrationRef,
  MigrationStatus,
} from '../../../application/ports/database-admin.js';
import { type CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-code.js';

export interface DbDeps {
  readonly io: CliIo;
  /** Opens the configured database without migrating it. */
  readonly openAdmin: () => Promise<DatabaseAdmin>;
}

/**
 * `atb db migrate | status | backup FILE | restore FILE`: operate the configured database (the
 * PostgreSQL server of DATABASE_URL, else the embedded one). `status` exits 1 when the database does
 * not answer.
 */
export function registerDbCommand(program: Command, deps: DbDeps): void {
  const db = program.command('db').description('the database: migrations, health, backup and restore');
  const withAdmin = async (use: (admin: DatabaseAdmin) => Promise<void>): Promise<void> => {
    const admin = await deps.openAdmin();
    try {
      await use(admin);
    } finally {
      await admin.close();
    }
  };

  db.command('migrate')
    .description('apply the pending migrations (ATB also does this on start)')
    .action(() =>
      withAdmin(async (admin) => {
        const applied = await admin.migrate();
        for (const migration of applied) deps.io.out(`applied ${label(migration)}\n`);
        const status = await admin.migrationStatus();
        const level = status.applied.at(-1);
        deps.io.out(`database is up to date at migration ${level === undefined ? 'none' : label(level)}\n`);
      }),
    );

  db.command('status')
    .description('health (a real query, durability settings, pool) and applied and pending migrations')
    .option('--json', 'print the status as one JSON document')
    .action((options: { readonly json?: boolean }) =>
      withAdmin(async (admin) => {
        const health = await admin.health();
        const migrations = health.status === 'ok' ? await admin.migrationStatus() : undefined;
        if (health.status !== 'ok') deps.io.setExitCode(ExitCode.FAILURE);
        deps.io.out(options.json === true ? `${JSON.stringify({ health, migrations }, null, 2)}\n` : renderStatus(health, migrations));
      }),
    );

  db.command('backup')
    .description('write a logical backup of every ATB table to FILE (restores on either backend)')
    .argument('<file>', 'backup file to write')
    .action((file: string) =>
      withAdmin(async (admin) => {
        deps.io.out(`backed up ${describe(await admin.backup(file))} to ${file}\n`);
      }),
    );

  db.command('restore')
    .description('load a backup made by atb db backup into an empty database')
    .argument('<file>', 'backup file to read')
    .action((file: string) =>
      withAdmin(async (admin) => {
        const summary = await admin.restore(file);
        const level = (await admin.migrationStatus()).applied.at(-1);
        deps.io.out(`restored ${describe(summary)} from ${file}; the database is at migration ${level === undefined ? 'none' : label(level)}\n`);
      }),
    );
}

function label(migration: MigrationRef): string {
  return `${String(migration.version).padStart(4, '0')}_${migration.name}`;
}

function describe(summary: BackupSummary): string {
  const rows = summary.tables.reduce((sum, table) => sum + table.rows, 0);
  const tables = summary.tables.map((table) => `${table.name} ${table.rows}`).join(', ');
  return `${summary.tables.length} table${summary.tables.length === 1 ? '' : 's'} (${rows} rows: ${tables}) at migration ${summary.migrationVersion}`;
}

/** The status as aligned lines for people. */
export function renderStatus(health: DatabaseHealth, migrations: MigrationStatus | undefined): string {
  const lines: string[] = [];
  const row = (title: string, text: string): void => {
    lines.push(`${title.padEnd(19)} ${text}`);
  };
  row('backend', health.backend === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL server');
  row('location', health.location);
  row('status', health.status === 'ok' ? `ok (SELECT 1 answered in ${(health.latencyMs ?? 0).toFixed(1)} ms)` : `DOWN: ${health.error ?? 'unknown'}`);
  if (health.serverVersion !== undefined) row('server', health.serverVersion);
  if (health.pool !== undefined) {
    const { pool } = health;
    row('pool', `${pool.total} of at most ${pool.max} connections open, ${pool.idle} idle, ${pool.waiting} waiting`);
  }
  if (health.durability !== undefined) {
    const { durability } = health;
    row('fsync', durability.fsync);
    row('sync commit', durability.synchronousCommit);
    if (durability.relaxedDurability !== undefined) row('relaxed durability', durability.relaxedDurability ? 'on' : 'off');
    row('durability', durability.note);
  }
  if (migrations !== undefined) {
    row('migrations', `${migrations.applied.length} applied, ${migrations.pending.length} pending`);
    for (const m of migrations.applied) lines.push(`  applied  ${label(m)} at ${m.appliedAt.toISOString()}`);
    for (const m of migrations.pending) lines.push(`  pending  ${label(m)} (atb db migrate, or any command that opens the database)`);
    for (const m of migrations.changed) lines.push(`  CHANGED  ${label(m)}: its file was edited after it was applied`);
    for (const m of migrations.unknown) lines.push(`  UNKNOWN  ${label(m)}: applied by a newer ATB`);
  }
  return `${lines.join('\n')}\n`;
}
