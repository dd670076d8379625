/**
 * Runs `atb` in-process through main() in a fresh temporary directory with only the environment given (so
 * no configuration file or stray ATB_* variable changes the defaults), and writes small hand-made bar files.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/main/cli.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly cwd: string;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'atb-engine-cli-'));
}

export async function atb(args: readonly string[], cwd: string = tempDir(), env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'atb', ...args], {
    env,
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { code, stdout, stderr, cwd };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Writes `days` days of hourly bars from 2024-03-01 00:00 UTC as CSV in the layout of the shared data
 * files, prices on a slow wave (so that moving averages cross), and returns the file's path.
 */
export function writeHourlyCsv(dir: string, name: string, days: number): string {
  const lines = ['timestamp,Open,High,Low,Close,Volume'];
  const start = Date.UTC(2024, 2, 1);
  let previous = 100;
  for (let i = 0; i < days * 24; i += 1) {
    const d = new Date(start + i * 3_600_000);
    const close = Math.round((100 + 8 * Math.sin(i / 7) + 3 * Math.sin(i / 2.3)) * 100) / 100;
    const open = previous;
    const high = Math.max(open, close) + 0.5;
    const low = Math.min(open, close) - 0.5;
    lines.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:00:00,${open},${high.toFixed(2)},${low.toFixed(2)},${close},${100 + i}`);
    previous = close;
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
