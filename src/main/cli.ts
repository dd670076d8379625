import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CliIo } from '../interfaces/cli/cli-io.js';
import { registerConfigCommand } from '../interfaces/cli/config-command.js';
import { createProgram } from '../interfaces/cli/create-program.js';
import { ExitCode } from '../interfaces/cli/exit-code.js';
import { reportError } from '../interfaces/cli/report-error.js';
import { loadBars } from '../adapters/files/load-bars.js';
import { writeBarsCsv } from '../adapters/files/write-bars-csv.js';
import { packagePath } from '../adapters/package-root.js';
import { registerBacktestCommand } from '../interfaces/cli/commands/backtest.js';
import { registerDataImportCommand } from '../interfaces/cli/commands/data-import.js';
import { registerDataInspectCommand } from '../interfaces/cli/commands/data-inspect.js';
import { registerDataListCommand } from '../interfaces/cli/commands/data-list.js';
import { registerDataSynthCommand } from '../interfaces/cli/commands/data-synth.js';
import { registerDbCommand } from '../interfaces/cli/commands/db.js';
import { registerRunsCommand } from '../interfaces/cli/commands/runs.js';
import { importProgressDisplay } from '../interfaces/cli/import-progress.js';
import { progressDisplay } from '../interfaces/cli/progress-display.js';
import { builtInStrategies } from '../strategies/built-in-strategies.js';
import { runBacktestRequest } from './backtest/run-backtest-request.js';
import { createCliRuntime, toConfigFlags } from './cli-runtime.js';
import { portLogger } from './port-logger.js';
import { cliBacktestRuns } from './persistence/cli-backtest-runs.js';
import { cliPersistence } from './persistence/cli-persistence.js';
import { checkConfig } from './config/check-config.js';
import { type Env } from './config/env-layer.js';
import { tuneV8ForEngine } from './v8-tuning.js';

export interface MainOptions {
  /** Defaults to process.env. */
  readonly env?: Env;
  /** Defaults to process.cwd(). */
  readonly cwd?: string;
  /** Defaults to the process's stdout and stderr. */
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
}

/**
 * The `atb` command line: builds the program, registers every command, runs the one asked for and
 * returns the process exit code (0 ok, 1 failure, 2 bad usage or configuration). It never calls
 * process.exit, so it runs in-process in tests.
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  tuneV8ForEngine();
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  let exitCode: ExitCode = ExitCode.OK;
  const io: CliIo = {
    out: options.stdout ?? ((text) => process.stdout.write(text)),
    err: options.stderr ?? ((text) => process.stderr.write(text)),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const debug = argv.includes('--debug') || env.ATB_DEBUG === '1' || env.ATB_DEBUG === 'true';
  try {
    const description = 'ATB: backtest, paper-trade and live-trade strategies on one engine';
    const program = createProgram({ name: 'atb', version: packageVersion(), description }, io);
    registerConfigCommand(program, {
      io,
      checkConfig: (globals) => checkConfig({ argvOptions: toConfigFlags(globals), env, cwd }),
    });
    const runtime = createCliRuntime(program, { env, cwd, io });
    const backtestRuns = cliBacktestRuns(runtime, cwd);
    registerBacktestCommand(program, {
      io,
      strategies: builtInStrategies,
      save: (report) => backtestRuns.save(report),
      progress: (total) => progressDisplay(total),
      run: (request, progress) =>
        runBacktestRequest(request, {
          config: runtime.config(),
          cwd,
          logger: portLogger(runtime.logger()),
          stopwatch: () => performance.now(),
          ...(progress === undefined ? {} : { progress }),
        }),
    });
    const data = program.command('data').description('market data: generate, inspect, import into the database, list');
    registerDataSynthCommand(data, { io, writeBarsCsv });
    registerDataInspectCommand(data, { io, loadBars });
    const persistence = cliPersistence(runtime, cwd);
    registerDataImportCommand(data, {
      io,
      loadBars,
      openMarketData: persistence.openMarketData,
      progress: (total) => importProgressDisplay(total, options.stderr === undefined ? process.stderr : { write: (text: string) => io.err(text) }),
      stopwatch: () => performance.now(),
    });
    registerDataListCommand(data, { io, openMarketData: persistence.openMarketData });
    registerDbCommand(program, { io, openAdmin: persistence.openAdmin });
    registerRunsCommand(program, { io, openBacktestRuns: backtestRuns.open });
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return reportError(error, io, { debug });
  }
}

function packageVersion(): string {
  const text = readFileSync(packagePath('package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** True when this file is the script node was started with (not imported by bin/atb.js or a test). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/**
 * `atb backtest --json | head -c 100` closes stdout early: that is the reader's choice, not an error, so
 * ATB stops quietly instead of dying with an unhandled EPIPE.
 */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}

if (isEntryPoint()) {
  quietOnClosedPipe();
  process.exitCode = await main(process.argv);
}
