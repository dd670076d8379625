import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs the `atb` command line from the sources, as a user would run it: a separate node process, so exit
 * codes, stdout/stderr separation and the entry-point check are tested for real, and no stale dist/ is
 * involved. For other CLI tests to reuse:
 *
 *   const { code, stdout, stderr } = await runCli(['config', 'check'], { cwd: dir, env: { ATB_MODE: 'paper' } });
 */

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunCliOptions {
  /** Working directory (where ./atb.yaml is looked for). Defaults to the test process's. */
  readonly cwd?: string;
  /** Added to the environment; undefined removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Text written to stdin. */
  readonly input?: string;
  /** The process is killed and the promise rejected after this long. */
  readonly timeoutMs?: number;
}

export const CLI_PATH = fileURLToPath(new URL('../../src/main/cli.ts', import.meta.url));

/** tsx's loader by absolute URL, so the CLI runs from any working directory. */
export const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * The environment a CLI test starts from: this process's, without the variables that configure ATB
 * (ATB_*, DATABASE_URL, REDIS_URL), so a developer's own settings cannot change a test's outcome.
 */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name.startsWith('ATB_') || name === 'DATABASE_URL' || name === 'REDIS_URL') continue;
    env[name] = value;
  }
  return env;
}

export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  return runNode(['--import', TSX_LOADER, CLI_PATH, ...args], options);
}

/** Runs node with the given arguments and the clean environment plus `options.env`. */
export function runNode(nodeArgs: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  const env = cleanEnv();
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`atb ${nodeArgs.slice(3).join(' ')} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === null ? -1 : 128), stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The package name in a path or URL under node_modules ("pg", "@electric-sql/pglite"), as a regex source. */
export const PACKAGE_IN_PATH = String.raw`node_modules\/((?:@[^/]+\/)?[^/]+)\/`;

/**
 * Writes, in `dir`, a module resolve hook (`hooks.mjs`, for `module.register`) that appends the name of
 * every package an ES import resolves to `packages.log`; `loadedPackages` reads that log back.
 */
export function writePackageLogHook(dir: string): { readonly hooks: string; readonly log: string } {
  const log = join(dir, 'packages.log');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const result = await next(specifier, context);\n  const m = /${PACKAGE_IN_PATH}/.exec(result.url);\n  if (m) appendFileSync(${JSON.stringify(log)}, m[1] + '\\n');\n  return result;\n}\n`,
  );
  return { hooks, log };
}

/** The packages a package log (writePackageLogHook) names. */
export function loadedPackages(log: string): ReadonlySet<string> {
  return new Set(readFileSync(log, 'utf8').split('\n'));
}
