import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../../../test/cli/run-cli.js';
import { instrumentId } from '../../domain/instruments/instrument-id.js';
import { loadBars } from './load-bars.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-scan-in-two-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const BTC = instrumentId('BTC/USDT');
const ONE_THREAD = { instrumentId: BTC, scanInTwoFromBytes: Number.POSITIVE_INFINITY };
const TWO_THREADS = { instrumentId: BTC, scanInTwoFromBytes: 0 };

/**
 * Row i is on line 3 + i + 2 * (floor(i / 300) + 1), plus one after row 1200 and one more after row 1500.
 * 2,000 one-minute rows with comments and blank lines throughout, a duplicate row and bad rows in both
 * halves (given by their row index), so the split falls between rows that matter.
 */
function csv(badRows: readonly number[]): string {
  let text = '# first comment\ntimestamp,open,high,low,close,volume\n';
  let previous = '';
  for (let i = 0; i < 2000; i += 1) {
    if (i % 300 === 0) text += `# note ${i}\n\n`;
    const ts = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
    const p = 100 + Math.sin(i) * 5;
    const row = badRows.includes(i) ? `${ts},${p},${p - 1},${p + 1},${p},1\n` : `${ts},${p},${p + 1},${p - 1},${p + 0.5},${i}\n`;
    text += row;
    if (i === 1500) text += previous; // an earlier row again, out of order: bad
    if (i === 1200) text += row; // the same row twice: a duplicate
    previous = row;
  }
  return text;
}

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('loadBars: a CSV file scanned on two threads', () => {
  it('gives the same bars, report, line numbers and comments as one scan', async () => {
    const path = await file('skip.csv', csv([10, 999, 1001, 1990]));
    const one = await loadBars(path, { ...ONE_THREAD, skipBadRows: true });
    const two = await loadBars(path, { ...TWO_THREADS, skipBadRows: true });
    expect(two.series.length).toBe(one.series.length);
    for (const column of ['tsOpen', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect(Buffer.from(two.series[column].buffer, two.series[column].byteOffset, two.series.length * 8)).toEqual(
        Buffer.from(one.series[column].buffer, one.series[column].byteOffset, one.series.length * 8),
      );
    }
    expect(two.report).toEqual(one.report);
    // The scenario is what it claims: bad rows and the duplicate on both sides of the middle.
    expect(one.report.skippedBadRows.count).toBe(5);
    expect(one.report.skippedBadRows.first.map((row) => row.line)).toEqual([15, 1010, 1012, 1517, 2009]);
    expect(one.report.duplicates).toEqual({ count: 1, firstLines: [1214] });
    expect(one.report.comments).toEqual(['# first comment', '# note 0', '# note 300']);
  });

  it('stops at the first bad row of the second half with its line in the whole file', async () => {
    const path = await file('stop-late.csv', csv([1990]));
    const one = await loadBars(path, ONE_THREAD).catch((error: unknown) => error);
    const two = await loadBars(path, TWO_THREADS).catch((error: unknown) => error);
    expect(String(one)).toContain('stop-late.csv:1517: timestamp 2024-01-02T00:59:00Z is before');
    expect(String(two)).toBe(String(one));
  });

  it('stops at a bad row of the first half without waiting for the worker', async () => {
    const path = await file('stop-early.csv', csv([3]));
    const two = await loadBars(path, TWO_THREADS).catch((error: unknown) => error);
    expect(String(two)).toContain('stop-early.csv:8: high');
  });

  it('works from the compiled package in a process started with node flags (node --input-type=module -e)', async () => {
    // The worker once inherited --input-type and failed to start; only the compiled worker (a file) showed it.
    const entry = new URL('../../../dist/adapters/files/load-bars.js', import.meta.url);
    if (!existsSync(entry)) {
      if (process.env['CI'] === 'true') throw new Error('dist/ is missing: npm test builds it before running vitest');
      console.warn('!!! SKIPPED the compiled two-thread CSV test: dist/ is missing (npm run build)');
      return;
    }
    const path = await file('flags.csv', csv([]));
    const options = JSON.stringify({ instrumentId: 'BTC/USDT', skipBadRows: true, scanInTwoFromBytes: 0 });
    const script = `import { loadBars } from ${JSON.stringify(entry.href)}; const { series } = await loadBars(${JSON.stringify(path)}, ${options}); console.log(series.length);`;
    const result = await runNode(['--input-type=module', '-e', script]);
    expect(result).toEqual({ code: 0, stdout: '2000\n', stderr: '' });
  });
});
