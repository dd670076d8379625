// Small helpers shared by the benchmarks.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Prints rows as an aligned text table under a title; the first row is the header. */
export function printTable(title: string, rows: readonly (readonly string[])[]): void {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  console.log(`\n${title}`);
  rows.forEach((row, i) => {
    console.log(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  });
}

/**
 * Builds the package (`npm run build`: dist/ with tsc, then the CLI bundle in dist/cli that bin/atb.js
 * runs) when the bundle is missing or older than a source file, for the end-to-end measurement.
 */
export function ensureBuilt(): void {
  const marker = join(root, 'dist', 'cli', 'cli.js');
  const newest = newestMtime(join(root, 'src'));
  if (existsSync(marker) && statSync(marker).mtimeMs >= newest) return;
  console.log('building dist/ for the end-to-end measurement...');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
