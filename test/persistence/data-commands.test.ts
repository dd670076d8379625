import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/application/ports/logger.js';
import { openEmbeddedDatabase } from '../../src/adapters/postgres/pglite-database.js';
import { migrationLabel, readMigrationFiles } from '../../src/adapters/postgres/migration-files.js';
import { atb as runAtb, type CliRun } from '../engine/cli-harness.js';
import { dropSchema, newSchemaName, skipPostgres, TEST_DATABASE_URL } from './backends.js';
import { seedEmbeddedFolder } from './embedded-folder.js';

// `atb data import|list` and `atb db migrate|status|backup|restore` run in-process through main(), on the
// embedded default (a folder under the working directory) and on the PostgreSQL server (DATABASE_URL).

/** The CLI in-process, with info logs off so stderr holds only what a command reports. */
const atb = (args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> =>
  runAtb(args, cwd, { ATB_LOG_LEVEL: 'warn', ...env });

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const CSV = [
  'timestamp,open,high,low,close,volume',
  '2024-01-01 00:00:00,1,2,0.5,1.5,10',
  '2024-01-01 01:00:00,1.5,2.5,1,2,11',
  'not a date,1,2,0.5,1.5,10',
  '2024-01-01 03:00:00,2,3,1.5,2.5,12.25',
  '',
].join('\n');

let dir = '';
/** The committed migrations: expectations follow them, so new migrations do not break this file. */
let migrationCount = 0;
let latestMigration = '';
beforeAll(async () => {
  const files = await readMigrationFiles();
  migrationCount = files.length;
  latestMigration = migrationLabel(files.at(-1)!);
  dir = await mkdtemp(join(tmpdir(), 'atb-data-commands-'));
  await writeFile(join(dir, 'BTCUSDT-1h.csv'), CSV);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atb data and atb db on the embedded database', () => {
  let work = '';
  beforeAll(async () => {
    work = join(dir, 'embedded');
    await mkdir(work);
    await seedEmbeddedFolder(join(work, '.atb', 'db'));
  });

  it('refuses a file with a bad row unless told to skip it, storing nothing', async () => {
    const run = await atb(['data', 'import', join(dir, 'BTCUSDT-1h.csv')], work);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BTCUSDT-1h\.csv:4: /);
    expect((await atb(['data', 'list'], work)).stdout).toMatch(/^no bars stored in the embedded database at .*\.atb\/db yet/);
  });

  it('imports, reports bad rows with their line, and re-imports idempotently', async () => {
    const first = await atb(['data', 'import', join(dir, 'BTCUSDT-1h.csv'), '--skip-bad-rows'], work);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('skipped 1 bad row:\n  line 4: ');
    expect(first.stderr).toMatch(/import 100% \(3 of 3 rows\)/);
    expect(first.stdout).toMatch(/^imported 3 bars of BTC\/USDT 1h into the embedded database at .* in \d+\.\d\d s \(\d+ rows\/s\): 3 new, 0 changed, 0 already stored\n$/);
    const again = await atb(['data', 'import', join(dir, 'BTCUSDT-1h.csv'), '--skip-bad-rows'], work);
    expect(again.stdout).toMatch(/: 0 new, 0 changed, 3 already stored\n$/);
  });

  it('lists the stored series with their gaps, also as JSON', async () => {
    const list = await atb(['data', 'list', '--gaps'], work);
    expect(list.stdout).toBe(
      'instrument  timeframe  bars  first                 last                  gaps\n' +
        'BTC/USDT    1h         3     2024-01-01T00:00:00Z  2024-01-01T03:00:00Z  1 (1 missing bar)\n',
    );
    const json = JSON.parse((await atb(['data', 'list', '--json'], work)).stdout) as { series: { bars: number }[] };
    expect(json.series).toEqual([
      { instrumentId: 'BTC/USDT', timeframe: '1h', bars: 3, firstTsOpen: Date.UTC(2024, 0, 1), lastTsOpen: Date.UTC(2024, 0, 1, 3) },
    ]);
  });

  it('shows health and migrations, and migrate has nothing left to do', async () => {
    const status = await atb(['db', 'status'], work);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('backend             embedded (PGlite)');
    expect(status.stdout).toMatch(/status {14}ok \(SELECT 1 answered in \d+\.\d ms\)/);
    expect(status.stdout).toContain('relaxed durability  off');
    expect(status.stdout).toContain(`migrations          ${migrationCount} applied, 0 pending`);
    expect((await atb(['db', 'migrate'], work)).stdout).toBe(`database is up to date at migration ${latestMigration}\n`);
  });

  it('backs up, refuses to restore over data, and restores into a new folder', async () => {
    const file = join(dir, 'embedded.atb-backup');
    const backup = await atb(['db', 'backup', file], work);
    const level = Number(latestMigration.slice(0, 4));
    expect(backup.stdout).toMatch(new RegExp(`^backed up \\d+ tables? \\(\\d+ rows: (.*, )?bars 3(, .*)?\\) at migration ${level} to ${escapeRegExp(file)}\n$`));
    expect((await readFile(file, 'utf8')).split('\n')[0]).toMatch(new RegExp(`^ATB-BACKUP 1 \\{"migrationVersion":${level},"backend":"pglite"`));

    const over = await atb(['db', 'restore', file], work);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('error: restore needs an empty database, but table bars has rows: restore into a new database (or folder)\n');

    const elsewhere = join(dir, 'restored');
    await mkdir(elsewhere);
    await seedEmbeddedFolder(join(elsewhere, '.atb', 'db'));
    const restore = await atb(['db', 'restore', file], elsewhere);
    expect(restore.stdout, restore.stderr).toMatch(
      new RegExp(`^restored \\d+ tables? \\(\\d+ rows: (.*, )?bars 3(, .*)?\\) at migration ${level} from ${escapeRegExp(file)}; the database is at migration ${latestMigration}\n$`),
    );
    expect((await atb(['data', 'list'], elsewhere)).stdout).toBe((await atb(['data', 'list'], work)).stdout);
  });

  it('tells a second process that the folder is in use', async () => {
    const holder = await openEmbeddedDatabase({ dataDir: join(work, '.atb', 'db'), logger: silentLogger, registry: new Registry() });
    try {
      const run = await atb(['data', 'list'], work);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^error: the embedded database at .*\\.atb/db is in use by process ${process.pid} \\(since .*\\): stop that process first\\n$`));
    } finally {
      await holder.close();
    }
  });
});

describe.skipIf(skipPostgres())('atb data and atb db on a PostgreSQL server', () => {
  const schema = newSchemaName();
  const env = { DATABASE_URL: `${TEST_DATABASE_URL}?options=-c%20search_path%3D${schema}` };
  let work = '';
  beforeAll(async () => {
    work = join(dir, 'server');
    await mkdir(work);
    // The schema must exist before a URL can select it.
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
  });
  afterAll(async () => {
    await dropSchema(schema);
  });

  it('imports into the server and reports its durability settings', async () => {
    const status = await atb(['db', 'status'], work, env);
    expect(status.stdout).toContain('backend             PostgreSQL server');
    expect(status.stdout).toContain(`migrations          0 applied, ${migrationCount} pending\n  pending  0001_market_data`);
    expect(status.stdout).toMatch(/fsync {15}(on|off)\nsync commit {9}\w+/);
    expect(status.stdout).toMatch(/pool {16}\d+ of at most 10 connections open/);
    const imported = await atb(['data', 'import', join(dir, 'BTCUSDT-1h.csv'), '--skip-bad-rows', '--json'], work, env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 3, inserted: 3, updated: 0, unchanged: 0 });
    expect((await atb(['data', 'list'], work, env)).stdout).toContain('BTC/USDT    1h         3');
    expect(status.stdout).not.toContain('secret');
  });
});
