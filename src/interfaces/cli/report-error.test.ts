import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { DomainError, DomainErrorCode, InvalidValueError } from '../../domain/errors.js';
import { AtbError } from '../../shared/errors.js';
import { type CliIo } from './cli-io.js';
import { ExitCode } from './exit-code.js';
import { reportError } from './report-error.js';

function run(error: unknown, debug = false): { code: ExitCode; stderr: string } {
  let stderr = '';
  const io: CliIo = { out: () => undefined, err: (text) => void (stderr += text), setExitCode: () => undefined };
  return { code: reportError(error, io, { debug }), stderr };
}

describe('reportError', () => {
  it('treats bad input as a usage error (exit 2) with its message and no stack', () => {
    const invalid = run(new InvalidValueError('price', 'limit', '-1', 'a positive decimal'));
    expect(invalid).toEqual({ code: ExitCode.USAGE, stderr: 'error: invalid price \'limit\', was "-1": expected a positive decimal\n' });
    expect(run(new AtbError('INVALID_INPUT', 'symbol "BTC" is not BASE/QUOTE')).code).toBe(ExitCode.USAGE);
  });

  it('prints configuration errors as their own lines', () => {
    const lines = 'config error: a = 1 (from default): expected b\nconfig error: c = 2 (from default): expected d';
    expect(run(new AtbError('CONFIG_INVALID', lines))).toEqual({ code: ExitCode.USAGE, stderr: `${lines}\n` });
  });

  it('treats other known errors as failures (exit 1) without a stack', () => {
    const failure = run(new AtbError('UNAVAILABLE', 'PostgreSQL at db:5432 refused the connection'));
    expect(failure).toEqual({ code: ExitCode.FAILURE, stderr: 'error: PostgreSQL at db:5432 refused the connection\n' });
    expect(run(new DomainError(DomainErrorCode.ORDER_OVERFILL, 'fill exceeds order')).code).toBe(ExitCode.FAILURE);
  });

  it('hides the stack of an unexpected error unless debugging', () => {
    const bug = new TypeError('x is undefined');
    const quiet = run(bug);
    expect(quiet.code).toBe(ExitCode.FAILURE);
    expect(quiet.stderr).toBe(
      'error: unexpected failure: x is undefined\n(this is a bug in ATB; run again with --debug or ATB_DEBUG=1 to see the stack trace)\n',
    );
    const loud = run(bug, true);
    expect(loud.stderr).toContain('TypeError: x is undefined\n    at ');
  });

  it('maps commander outcomes: help and version exit 0, usage mistakes exit 2', () => {
    expect(run(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)')).code).toBe(ExitCode.OK);
    expect(run(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"))).toEqual({ code: ExitCode.USAGE, stderr: '' });
  });
});
