import { describe, expect, it } from 'vitest';
import { type CliIo } from '../interfaces/cli/cli-io.js';
import { createProgram } from '../interfaces/cli/create-program.js';
import { AtbError } from '../shared/errors.js';
import { createCliRuntime } from './cli-runtime.js';

function runtimeFor(args: readonly string[], env: Record<string, string> = {}) {
  let stderr = '';
  const io: CliIo = { out: () => undefined, err: (text) => void (stderr += text), setExitCode: () => undefined };
  const program = createProgram({ name: 'atb', version: '0.0.0', description: 'test' }, io);
  program.parse(['node', 'atb', ...args]);
  return { runtime: createCliRuntime(program, { env, cwd: '/nonexistent-dir-for-atb-tests', io }), stderr: () => stderr };
}

describe('createCliRuntime', () => {
  it('loads the configuration from the global options once, printing warnings once', () => {
    const { runtime, stderr } = runtimeFor(['--mode', 'paper'], { ATB_NOPE: '1' });
    expect(runtime.config().mode).toBe('paper');
    expect(runtime.config()).toBe(runtime.config());
    expect(stderr()).toBe('config warning: ATB_NOPE is not a setting and is ignored\n');
  });

  it('throws CONFIG_INVALID whose message is the documented error lines', () => {
    const { runtime } = runtimeFor(['--set', 'server.port=x']);
    let thrown: unknown;
    try {
      runtime.config();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AtbError);
    expect((thrown as AtbError).code).toBe('CONFIG_INVALID');
    expect((thrown as AtbError).message).toBe(
      'config error: server.port = "x" (from flag --set server.port): expected an integer from 0 to 65535 (0 picks a free port)',
    );
  });

  it('makes the logger from the configured level', () => {
    const { runtime } = runtimeFor(['--log-level', 'error']);
    expect(runtime.logger().level).toBe('error');
  });
});
