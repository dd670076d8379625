import { inspect } from 'node:util';
import { CommanderError } from 'commander';
import { DomainErrorCode } from '../../domain/errors.js';
import { isCodedError } from '../../shared/errors.js';
import { type CliIo } from './cli-io.js';
import { ExitCode } from './exit-code.js';

/** Error codes that mean the user asked wrongly (exit 2) rather than that the work failed (exit 1). */
const USAGE_CODES: readonly string[] = ['CONFIG_INVALID', 'INVALID_INPUT', DomainErrorCode.INVALID_VALUE];

/**
 * Prints an error that ended a command and returns the exit code. Known errors print their message only
 * (it names the field, the value and what was expected); a stack trace is printed only for an unexpected
 * error and only with --debug, since it helps developers and confuses everyone else.
 */
export function reportError(error: unknown, io: CliIo, options: { readonly debug: boolean }): ExitCode {
  if (error instanceof CommanderError) {
    // Commander has printed its message (or the help / version) already.
    return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
  }
  if (isCodedError(error)) {
    // A configuration error is already a list of "config error: ..." lines.
    io.err(error.code === 'CONFIG_INVALID' ? `${error.message}\n` : `error: ${error.message}\n`);
    if (options.debug) io.err(`${inspect(error)}\n`);
    return USAGE_CODES.includes(error.code) ? ExitCode.USAGE : ExitCode.FAILURE;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (options.debug) {
    io.err(`error: unexpected failure: ${inspect(error)}\n`);
  } else {
    io.err(`error: unexpected failure: ${message}\n`);
    io.err('(this is a bug in ATB; run again with --debug or ATB_DEBUG=1 to see the stack trace)\n');
  }
  return ExitCode.FAILURE;
}
