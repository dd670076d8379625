import { liveBar } from './live-bar.js';

/** Progress of one import, in rows. */
export interface ImportProgress {
  update(rowsDone: number): void;
  finish(): void;
}

/** Where progress goes: the process's stderr, or any text sink (then never a live bar). */
export type ProgressOutput = NodeJS.WriteStream | { readonly isTTY?: false; write(text: string): void };

/**
 * Import progress on stderr: a live bar with rows per second on a terminal (cli-progress), and on
 * anything else (a CI log, a pipe) a plain line at each quarter.
 */
export function importProgressDisplay(total: number, stream: ProgressOutput = process.stderr): ImportProgress {
  if (stream.isTTY === true) {
    const bar = liveBar({
      stream,
      format: 'import [{bar}] {percentage}% {value}/{total} rows, {speed} rows/s, {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
    });
    const startedMs = performance.now();
    bar.start(total, 0, { speed: 0 });
    return {
      update: (done) => bar.update(done, { speed: Math.round(done / Math.max(0.001, (performance.now() - startedMs) / 1000)) }),
      finish: () => bar.stop(),
    };
  }
  let nextQuarter = 1;
  return {
    update(done) {
      while (nextQuarter <= 4 && done >= (total * nextQuarter) / 4) {
        stream.write(`import ${nextQuarter * 25}% (${done} of ${total} rows)\n`);
        nextQuarter += 1;
      }
    },
    finish: () => undefined,
  };
}
