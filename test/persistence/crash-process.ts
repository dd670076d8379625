import { type ChildProcess, spawn } from 'node:child_process';
import { cleanEnv, TSX_LOADER } from '../cli/run-cli.js';

/**
 * A TypeScript script run in its own node process so that a test can kill it with SIGKILL at a chosen
 * moment (kill -9: no exit handlers, no finally blocks, no flushing), then check what survived. The
 * script announces the moments with marker lines on stdout.
 *
 * @example
 * const child = spawnScript(new URL('./children/fill-loop.ts', import.meta.url), ['--schema', schema]);
 * await child.waitFor(/^wrote 100 fills$/m);
 * const { signal } = await child.killHard();   // 'SIGKILL'
 * // reopen the database and assert: no half-written rows, every acknowledged row still there
 */
export interface ScriptProcess {
  readonly pid: number;
  /** Resolves with everything printed so far once `marker` appears on stdout; rejects if the script exits first. */
  waitFor(marker: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGKILL, then resolves once the process is gone. */
  killHard(): Promise<Exit>;
  /** Resolves when the process ends on its own. */
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export function spawnScript(script: URL, args: readonly string[] = [], env: Readonly<Record<string, string>> = {}): ScriptProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX_LOADER, script.pathname, ...args], {
    env: { ...cleanEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => void (err += chunk));
  // 'close' rather than 'exit': it comes after the last output has been read.
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${script.pathname}`);
  return {
    pid,
    exited,
    stdout: () => out,
    stderr: () => err,
    waitFor(marker, timeoutMs = 60_000) {
      return new Promise<string>((resolve, reject) => {
        const check = (): void => {
          if (!marker.test(out)) return;
          done();
          resolve(out);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${script.pathname} did not print ${String(marker)} within ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        void exited.then((exit) => {
          if (marker.test(out)) return;
          done();
          reject(new Error(`${script.pathname} exited (${exit.signal ?? exit.code}) before printing ${String(marker)}\nstdout: ${out}\nstderr: ${err}`));
        });
        listeners.add(check);
        check();
      });
    },
    async killHard() {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
