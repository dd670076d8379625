import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHourlyCsv } from '../engine/cli-harness.js';
import { atb as runAtb, type CliRun } from '../engine/cli-harness.js';
import { dropSchema, newSchemaName, skipPostgres, TEST_DATABASE_URL } from './backends.js';
import { seedEmbeddedFolder } from './embedded-folder.js';

// `atb backtest ... --save` and `atb runs list|show` in-process through main(), on the embedded default
// and on the PostgreSQL server (DATABASE_URL): a stored run prints exactly as the backtest did.

/** The CLI in-process, with info logs off so stderr holds only what a command reports. */
const atb = (args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> =>
  runAtb(args, cwd, { ATB_LOG_LEVEL: 'warn', ...env });

const SMA = ['--strategy', 'sma-cross', '--param', 'fast=5', '--param', 'slow=20', '--param', 'size=1', '--cash', '10000', '--fee-bps', '10'];

/** The report fields of `atb backtest --json` (without the data summary, timings and run id). */
function reportOf(json: Record<string, unknown>): Record<string, unknown> {
  const { data: _data, elapsedMs: _elapsed, loadMs: _load, runId: _runId, id: _id, createdAt: _createdAt, ...report } = json;
  return report;
}

let dir = '';
let csv = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-runs-commands-'));
  csv = writeHourlyCsv(dir, 'SOLUSDT-1h.csv', 20);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atb backtest --save and atb runs on the embedded database', () => {
  let work = '';
  beforeAll(async () => {
    work = join(dir, 'embedded');
    await mkdir(work);
    await seedEmbeddedFolder(join(work, '.atb', 'db'));
  });

  it('saves a run and shows it back exactly as the backtest printed it', async () => {
    const saved = await atb(['backtest', ...SMA, '--data', csv, '--save', '--json'], work);
    expect(saved.code, saved.stderr).toBe(0);
    const printed = JSON.parse(saved.stdout) as Record<string, unknown>;
    expect(printed.runId).toBe('1');
    expect((printed.trades as unknown[]).length, 'the data has crosses, so trades to store').toBeGreaterThan(0);

    const shown = await atb(['runs', 'show', '1', '--json'], work);
    expect(shown.code, shown.stderr).toBe(0);
    const stored = JSON.parse(shown.stdout) as Record<string, unknown>;
    expect(stored.id).toBe('1');
    expect(stored.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(JSON.stringify(reportOf(stored)), 'the same report, byte for byte').toBe(JSON.stringify(reportOf(printed)));
  });

  it('prints the run id after the summary, lists runs newest first, and shows one for people', async () => {
    const args = ['--strategy', 'sma-cross', '--param', 'slow=20', '--param', 'size=1', '--param', 'fast=3', '--cash', '10000'];
    const saved = await atb(['backtest', ...args, '--data', csv, '--save'], work);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toMatch(/\nsaved as run 2 in the embedded database at .*\.atb\/db \(atb runs show 2\)\n$/);

    const list = await atb(['runs', 'list'], work);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +saved +strategy +instrument +tf +from +to +bars +trades +final equity +return$/);
    expect(lines.slice(1).map((line) => line.split(/ +/)[0])).toEqual(['2', '1']);
    expect(lines[1]).toMatch(/^2 +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ +sma-cross +SOL\/USDT +1h +2024-03-01 +2024-03-20 +480 +\d+ +\d+(\.\d+)? USDT +-?\d+\.\d\d%$/);
    const json = JSON.parse((await atb(['runs', 'list', '--limit', '1', '--json'], work)).stdout) as { runs: { id: string }[] };
    expect(json.runs.map((run) => run.id)).toEqual(['2']);

    const show = await atb(['runs', 'show', '2'], work);
    expect(show.stdout).toMatch(/^run 2, saved .*\nsma-cross \(slow=20, size=1, fast=3\) on SOL\/USDT 1h, 2024-03-01 to 2024-03-20\n/);
    expect(show.stdout).toMatch(/\nmetrics\n {2}totalReturnPct +-?\d/);
    expect(show.stdout).toMatch(/\nclosed trades \(\d+\)\n {2}# +side +quantity +entry +entry price/);
  });

  it('answers bad ids and options with one clear line', async () => {
    const missing = await atb(['runs', 'show', '99'], work);
    expect([missing.code, missing.stderr]).toEqual([1, 'error: no backtest run 99 is stored (see atb runs list)\n']);
    const bad = await atb(['runs', 'show', "1'; --"], work);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`error: invalid backtest run 'id', was "1'; --": expected a run id: a positive whole number such as 12 (see atb runs list)\n`);
    const limit = await atb(['runs', 'list', '--limit', '0'], work);
    expect([limit.code, limit.stderr]).toEqual([2, `error: invalid option '--limit', was "0": expected a whole number from 1 to 10000\n`]);
  });

  it('says where to start when nothing is stored yet', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await seedEmbeddedFolder(join(empty, '.atb', 'db'));
    expect((await atb(['runs', 'list'], empty)).stdout).toMatch(/^no backtest runs stored in the embedded database at .*empty\/\.atb\/db yet: save one with atb backtest \.\.\. --save\n$/);
  });
});

describe.skipIf(skipPostgres())('atb backtest --save and atb runs on a PostgreSQL server', () => {
  const schema = newSchemaName();
  const env = { DATABASE_URL: `${TEST_DATABASE_URL}?options=-c%20search_path%3D${schema}` };
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
  });
  afterAll(async () => {
    await dropSchema(schema);
  });

  it('stores the run on the server and reads it back', async () => {
    const saved = await atb(['backtest', ...SMA, '--data', csv, '--save', '--json'], dir, env);
    expect(saved.code, saved.stderr).toBe(0);
    const printed = JSON.parse(saved.stdout) as Record<string, unknown>;
    const shown = JSON.parse((await atb(['runs', 'show', String(printed.runId), '--json'], dir, env)).stdout) as Record<string, unknown>;
    expect(JSON.stringify(reportOf(shown))).toBe(JSON.stringify(reportOf(printed)));
    expect((await atb(['runs', 'list'], dir, env)).stdout).toContain(' sma-cross ');
  });
});
