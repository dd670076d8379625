import { Command } from 'commander';
import { type CliIo } from './cli-io.js';
import { addGlobalOptions } from './global-options.js';

export interface ProgramInfo {
  readonly name: string;
  readonly version: string;
  readonly description: string;
}

const CONFIGURATION_HELP = `
Configuration: flags > environment (ATB_*, DATABASE_URL, REDIS_URL) > YAML file > defaults.
Every setting has an environment variable: ATB_ + its path in SCREAMING_SNAKE_CASE,
e.g. risk.maxDrawdownPct is ATB_RISK_MAX_DRAWDOWN_PCT. See the effective configuration
with: atb config check`;

/**
 * The root `atb` command with the global options. Commands are added by `register<Name>Command(program,
 * deps)` functions, one per file. Commander never exits the process itself (exitOverride): it throws a
 * CommanderError that the entry point turns into an exit code, so the CLI runs in-process in tests.
 */
export function createProgram(info: ProgramInfo, io: CliIo): Command {
  const program = new Command(info.name)
    .description(info.description)
    .version(info.version, '-v, --version', 'print the ATB version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
    })
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .addHelpText('after', CONFIGURATION_HELP);
  return addGlobalOptions(program);
}
