import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real candle files beside the repository (../shared/data from the repo root), or the folder named
 * by ATB_SHARED_DATA. Suites that read them skip with one loud line when the folder is absent, except
 * under CI=true, where its absence fails them.
 */
export const sharedDataDir = process.env.ATB_SHARED_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
export const sharedDataAvailable = existsSync(sharedDataDir);

/** Call at the top of a suite; returns whether the suite can run. */
export function requireSharedData(): boolean {
  if (sharedDataAvailable) return true;
  if (process.env.CI === 'true') {
    throw new Error(`shared market data not found at ${sharedDataDir} (set ATB_SHARED_DATA); it is required under CI=true`);
  }
  console.warn(`!!! SKIPPING shared-data tests: ${sharedDataDir} does not exist (set ATB_SHARED_DATA to run them)`);
  return false;
}

export function sharedFile(name: string): string {
  return resolve(sharedDataDir, name);
}
