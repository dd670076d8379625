import type { BacktestReport } from '../../application/backtest/backtest-report.js';
import type { OpenBacktestRuns } from '../../interfaces/cli/commands/backtest-run-store.js';
import { withBacktestRuns } from '../../interfaces/cli/commands/backtest-run-store.js';
import type { CliRuntime } from '../cli-runtime.js';
import { portLogger } from '../port-logger.js';

export interface CliBacktestRuns {
  readonly open: OpenBacktestRuns;
  /** Stores a finished backtest; resolves to its run id and where it went. */
  save(report: BacktestReport): Promise<{ readonly id: string; readonly location: string }>;
}

/**
 * Stored backtests as `atb backtest --save` and `atb runs` get them: the database is opened in the
 * command's action and closed when it ends, and its modules are imported only then (as cliPersistence
 * does), so a backtest without --save never loads them.
 */
export function cliBacktestRuns(runtime: CliRuntime, cwd: string): CliBacktestRuns {
  const open: OpenBacktestRuns = async () => {
    const { openBacktestRunStore } = await import('./open-backtest-run-store.js');
    return openBacktestRunStore(runtime.config().database, { logger: portLogger(runtime.logger()), cwd });
  };
  return {
    open,
    // The wall clock is right here: the time a person saved a run, not a time inside the backtest.
    save: (report) => withBacktestRuns(open, async ({ backtestRuns, location }) => ({ id: await backtestRuns.save(report, { createdTsMs: Date.now() }), location })),
  };
}
