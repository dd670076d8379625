import { type ExitCode } from './exit-code.js';

/**
 * The terminal as commands see it. Results (and --json documents) go to stdout, everything else
 * (errors, warnings, logs, progress) to stderr, so that stdout can be piped. Injected so that commands run
 * in-process in tests.
 */
export interface CliIo {
  /** Writes text to stdout as given (add the newline). */
  out(text: string): void;
  /** Writes text to stderr as given (add the newline). */
  err(text: string): void;
  /** The exit code when the command returns normally, for a command that reported a failure itself. */
  setExitCode(code: ExitCode): void;
}
