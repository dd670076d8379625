/** Process exit codes of the `atb` command. */
export const ExitCode = {
  OK: 0,
  /** The command ran and failed (a server unreachable, a run that crashed, a bug). */
  FAILURE: 1,
  /** The command was asked wrongly: bad configuration, unknown option, invalid input. Nothing was done. */
  USAGE: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
