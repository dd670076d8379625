import { type Command } from 'commander';
import { AtbError } from '../../../shared/errors.js';
import { type CliIo } from '../cli-io.js';
import { type OpenBacktestRuns, withBacktestRuns } from './backtest-run-store.js';
import { renderRunList, renderStoredRun } from './stored-run-text.js';

export interface RunsDeps {
  readonly io: CliIo;
  /** Opens (and migrates) the configured database's stored backtests. */
  readonly openBacktestRuns: OpenBacktestRuns;
}

const MAX_LIMIT = 10_000;

/**
 * `atb runs list [--limit N] [--json]` and `atb runs show ID [--json]`: the backtests stored with
 * `atb backtest ... --save` in the configured database (DATABASE_URL, else the embedded one).
 */
export function registerRunsCommand(program: Command, deps: RunsDeps): void {
  const runs = program.command('runs').description('backtests stored with atb backtest --save: list them, show one');

  runs
    .command('list')
    .description('the stored backtests, newest first: id, strategy, instrument, period, trades, final equity, return')
    .option('--limit <n>', 'show at most this many runs', '20')
    .option('--json', 'print the list as one JSON document')
    .action(async (options: { readonly limit: string; readonly json?: boolean }) => {
      const limit = parseLimit(options.limit);
      await withBacktestRuns(deps.openBacktestRuns, async ({ backtestRuns, location }) => {
        const list = await backtestRuns.list({ limit });
        if (options.json === true) {
          deps.io.out(`${JSON.stringify({ location, runs: list.map((run) => ({ ...run, createdAt: new Date(run.createdTsMs).toISOString() })) }, null, 2)}\n`);
          return;
        }
        deps.io.out(list.length === 0 ? `no backtest runs stored in ${location} yet: save one with atb backtest ... --save\n` : renderRunList(list));
      });
    });

  runs
    .command('show')
    .description('one stored backtest: configuration, metrics, trades, open positions, rejections')
    .argument('<id>', 'run id (see atb runs list)')
    .option('--json', 'print the run as one JSON object: id, createdAt and the report (as atb backtest --json prints it)')
    .action(async (id: string, options: { readonly json?: boolean }) => {
      await withBacktestRuns(deps.openBacktestRuns, async ({ backtestRuns }) => {
        const run = await backtestRuns.findByIdOrThrow(id.trim());
        deps.io.out(
          options.json === true
            ? `${JSON.stringify({ id: run.id, createdAt: new Date(run.createdTsMs).toISOString(), ...run.report })}\n`
            : renderStoredRun(run),
        );
      });
    });
}

function parseLimit(text: string): number {
  const limit = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new AtbError('INVALID_INPUT', `invalid option '--limit', was ${JSON.stringify(text)}: expected a whole number from 1 to ${MAX_LIMIT}`, {
      option: '--limit',
      value: text,
    });
  }
  return limit;
}
