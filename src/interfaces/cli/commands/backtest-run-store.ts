import type { BacktestRunRepository } from '../../../application/ports/backtest-run-repository.js';

/** The stored backtests of the configured database, opened (and migrated) for one command. */
export interface OpenedBacktestRuns {
  readonly backtestRuns: BacktestRunRepository;
  /** Where the runs live, for messages: "the embedded database at /x/.atb/db" or a server URL. */
  readonly location: string;
  close(): Promise<void>;
}

export type OpenBacktestRuns = () => Promise<OpenedBacktestRuns>;

/** Opens the store, runs `use`, and closes the store whatever happens. */
export async function withBacktestRuns<T>(open: OpenBacktestRuns, use: (store: OpenedBacktestRuns) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
