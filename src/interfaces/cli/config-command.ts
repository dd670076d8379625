import { type Command } from 'commander';
import { type CliIo } from './cli-io.js';
import { type ConfigCheckReport, renderSettings, renderWarning } from './config-check-report.js';
import { ExitCode } from './exit-code.js';
import { type GlobalOptions, readGlobalOptions } from './global-options.js';

export interface ConfigCommandDeps {
  readonly io: CliIo;
  /** Loads the configuration the given global options select and reports on it; never throws for bad input. */
  readonly checkConfig: (options: GlobalOptions) => ConfigCheckReport;
}

/** `atb config check [--json]`: the effective configuration with its sources, or every error. */
export function registerConfigCommand(program: Command, deps: ConfigCommandDeps): void {
  const config = program.command('config').description('inspect the configuration');
  config
    .command('check')
    .description('print the effective configuration and where each value comes from, or every error')
    .option('--json', 'print one JSON document on stdout')
    .action((options: { readonly json?: boolean }, command: Command) => {
      const report = deps.checkConfig(readGlobalOptions(command));
      if (!report.ok) deps.io.setExitCode(ExitCode.USAGE);
      if (options.json === true) {
        deps.io.out(`${JSON.stringify(report.json, null, 2)}\n`);
        return;
      }
      for (const warning of report.warnings) deps.io.err(`${renderWarning(warning)}\n`);
      if (!report.ok) {
        deps.io.err(`${report.errors.join('\n')}\n`);
        return;
      }
      const origin = `configuration file: ${report.file ?? 'none (no ./atb.yaml, no --config)'}`;
      deps.io.out(`${origin}\n${renderSettings(report.settings)}\n`);
    });
}
