import type { ProgressSink } from '../../application/backtest/backtest-request.js';
import { liveBar } from './live-bar.js';

/**
 * Progress for long runs on stderr: a live bar on a terminal (cli-progress), and on anything else (a CI
 * log, a pipe) a plain line at each quarter, so logs stay readable.
 */
export function progressDisplay(total: number, stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  if (stream.isTTY) {
    const bar = liveBar({ stream, format: 'backtest [{bar}] {percentage}% {value}/{total} bars, {eta_formatted} left', hideCursor: true, clearOnComplete: true });
    bar.start(total, 0);
    return {
      update: (done) => bar.update(done),
      finish: () => bar.stop(),
    };
  }
  let nextQuarter = 1;
  return {
    update(done) {
      while (nextQuarter <= 4 && done >= (total * nextQuarter) / 4) {
        stream.write(`backtest ${nextQuarter * 25}% (${done} of ${total} bars)\n`);
        nextQuarter += 1;
      }
    },
    finish: () => undefined,
  };
}
