import { type Command } from 'commander';
import { type CliIo } from '../interfaces/cli/cli-io.js';
import { renderWarning } from '../interfaces/cli/config-check-report.js';
import { type GlobalOptions, readGlobalOptions } from '../interfaces/cli/global-options.js';
import { AtbError } from '../shared/errors.js';
import { formatConfigIssue } from './config/config-issue.js';
import { type Env } from './config/env-layer.js';
import { type ConfigFlags } from './config/flag-layer.js';
import { type LoadedConfig, loadConfig } from './config/load-config.js';
import { type AtbConfig } from './config/schema.js';
import { createLogger, type Logger } from './logger.js';

/**
 * What commands share during one `atb` invocation: the configuration (loaded on first use from the global
 * options, so `atb --help` works with a broken atb.yaml) and the logger made from it.
 */
export interface CliRuntime {
  /** @throws AtbError CONFIG_INVALID whose message is one "config error: ..." line per problem. */
  loadedConfig(): LoadedConfig;
  config(): AtbConfig;
  logger(): Logger;
}

export interface CliRuntimeContext {
  readonly env: Env;
  readonly cwd: string;
  readonly io: CliIo;
}

export function createCliRuntime(program: Command, context: CliRuntimeContext): CliRuntime {
  let loaded: LoadedConfig | undefined;
  let logger: Logger | undefined;
  const loadedConfig = (): LoadedConfig => {
    if (loaded !== undefined) return loaded;
    const argvOptions = toConfigFlags(readGlobalOptions(program));
    const result = loadConfig({ argvOptions, env: context.env, cwd: context.cwd });
    const warnings = result.ok ? result.value.warnings : result.error.warnings;
    for (const warning of warnings) context.io.err(`${renderWarning(warning)}\n`);
    if (!result.ok) {
      const lines = result.error.errors.map(formatConfigIssue);
      throw new AtbError('CONFIG_INVALID', lines.join('\n'), { errors: lines });
    }
    loaded = result.value;
    return loaded;
  };
  return {
    loadedConfig,
    config: () => loadedConfig().config,
    logger: () => {
      logger ??= createLogger(loadedConfig().config.log);
      return logger;
    },
  };
}

/** The configuration flags among the global options. */
export function toConfigFlags(options: GlobalOptions): ConfigFlags {
  return {
    config: options.config,
    mode: options.mode,
    live: options.live,
    logLevel: options.logLevel,
    databaseUrl: options.databaseUrl,
    redisUrl: options.redisUrl,
    set: options.set,
  };
}
