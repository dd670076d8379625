import { type Command } from 'commander';

/** The options of the root command, accepted before or after the subcommand. */
export interface GlobalOptions {
  readonly config?: string;
  readonly mode?: string;
  readonly live?: boolean;
  readonly logLevel?: string;
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  readonly set?: readonly string[];
  readonly debug?: boolean;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--config <file>', 'read settings from this YAML file (default: ./atb.yaml when present)')
    .option('--mode <mode>', 'trading mode: backtest, paper or live (default: backtest)')
    .option('--live', 'allow live trading with real money (mode live also needs exchange keys)')
    .option('--log-level <level>', 'trace, debug, info, warn, error, fatal or silent (default: info)')
    .option('--database-url <url>', 'PostgreSQL server (default: the embedded database in .atb/db)')
    .option('--redis-url <url>', 'Redis server for shared caches and job queues')
    .option('--set <path=value>', 'set any setting, e.g. --set risk.maxOpenOrders=20 (repeatable)', collect)
    .option('--debug', 'print the stack trace of an unexpected error (also ATB_DEBUG=1)');
}

/** The global options as seen from any command, root or subcommand. */
export function readGlobalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

function collect(value: string, previous: readonly string[] | undefined): readonly string[] {
  return [...(previous ?? []), value];
}
