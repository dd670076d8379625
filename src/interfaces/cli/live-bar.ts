import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';

const requireFromHere = createRequire(import.meta.url);

/**
 * A live cli-progress bar, the library loaded on first use: only a run on a terminal draws one, and
 * importing it up front added about 15 ms to every `atb` start, piped and scripted runs included.
 */
export function liveBar(options: CliProgress.Options): CliProgress.SingleBar {
  const { SingleBar } = requireFromHere('cli-progress') as typeof CliProgress;
  return new SingleBar(options);
}
