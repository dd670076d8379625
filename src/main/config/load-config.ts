import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type z } from 'zod';
import { err, ok, type Result } from '../../domain/result.js';
import { type ConfigAssignment, type ConfigLayer } from './config-assignment.js';
import { findConfigField, findConfigNode, pathText } from './config-fields.js';
import { type ConfigIssue } from './config-issue.js';
import { type ConfigSource, DEFAULT_SOURCE } from './config-source.js';
import { type Env, envName, readEnvLayer } from './env-layer.js';
import { readFileLayer } from './file-layer.js';
import { type ConfigFlags, readFlagLayer } from './flag-layer.js';
import { listSettings } from './list-settings.js';
import { displayConfigValue, redactUrlPassword } from './redact.js';
import { type AtbConfig, configSchema } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'atb.yaml';

export interface LoadConfigInput {
  /** The configuration flags of the command line. */
  readonly argvOptions?: ConfigFlags;
  /** Defaults to process.env; tests pass their own. */
  readonly env?: Env;
  /** Where ./atb.yaml is looked for and relative --config paths start. */
  readonly cwd?: string;
}

export interface LoadedConfig {
  readonly config: AtbConfig;
  /** Where each setting came from, by dotted path ("database.poolMax"), for every setting in `config`. */
  readonly sources: ReadonlyMap<string, ConfigSource>;
  readonly warnings: readonly string[];
  /** The configuration file read, as named to the user, if any. */
  readonly file: string | undefined;
}

/** Every error found (never just the first), and the warnings that may explain them. */
export interface ConfigProblems {
  readonly errors: readonly ConfigIssue[];
  readonly warnings: readonly string[];
}

/**
 * Reads the configuration from its sources, in this precedence: command-line flags > environment
 * (ATB_*, DATABASE_URL, REDIS_URL) > YAML file (--config FILE, ATB_CONFIG, or ./atb.yaml) > defaults.
 */
export function loadConfig(input: LoadConfigInput = {}): Result<LoadedConfig, ConfigProblems> {
  const flags = input.argvOptions ?? {};
  const env = input.env ?? process.env;
  const cwd = input.cwd ?? process.cwd();
  const file = chooseFile(flags, env, cwd);
  const layers: ConfigLayer[] = [file.layer, readEnvLayer(env), readFlagLayer(flags)];
  const assignments = layers.flatMap((layer) => layer.assignments);
  const warnings = [...layers.flatMap((layer) => layer.warnings), ...secretsInFileWarnings(file.layer)];
  const parsed = configSchema.safeParse(buildInput(assignments), { reportInput: true });
  const latest = new Map(assignments.map((assignment) => [pathText(assignment.path), assignment]));
  const errors = [
    ...layers.flatMap((layer) => layer.issues),
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => toConfigIssues(issue, latest, assignments))),
  ];
  if (!parsed.success || errors.length > 0) return err({ errors, warnings });
  const sources = new Map<string, ConfigSource>();
  for (const { path, value } of listSettings(parsed.data)) {
    const key = pathText(path);
    if (value !== undefined) sources.set(key, latest.get(key)?.source ?? DEFAULT_SOURCE);
  }
  return ok({ config: deepFreeze(parsed.data), sources, warnings, file: file.name });
}

function chooseFile(flags: ConfigFlags, env: Env, cwd: string): { name: string | undefined; layer: ConfigLayer } {
  const empty: ConfigLayer = { assignments: [], issues: [], warnings: [] };
  const envFile = env.ATB_CONFIG === '' ? undefined : env.ATB_CONFIG;
  const named = flags.config ?? envFile;
  const name = named ?? DEFAULT_CONFIG_FILE;
  const origin = flags.config !== undefined ? 'given by --config' : 'given by ATB_CONFIG';
  let text: string;
  try {
    text = readFileSync(resolve(cwd, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (named === undefined && code === 'ENOENT') return { name: undefined, layer: empty };
    const reason =
      code === 'ENOENT'
        ? `no such file (${origin}, looked for ${resolve(cwd, name)})`
        : `cannot be read: ${(error as Error).message}`;
    return { name, layer: { ...empty, issues: [{ kind: 'unreadable', location: name, reason }] } };
  }
  return { name, layer: readFileLayer(name, text) };
}

/** The nested object the schema parses; later assignments win, a value replaces anything beneath it. */
function buildInput(assignments: readonly ConfigAssignment[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const { path, value } of assignments) {
    let target = root;
    for (const [i, segment] of path.entries()) {
      if (i === path.length - 1) {
        target[segment] = value;
      } else {
        const next = target[segment];
        const child = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {};
        target[segment] = child;
        target = child as Record<string, unknown>;
      }
    }
  }
  return root;
}

function toConfigIssues(
  issue: z.core.$ZodIssue,
  latest: ReadonlyMap<string, ConfigAssignment>,
  assignments: readonly ConfigAssignment[],
): ConfigIssue[] {
  const path = issue.path.map(String);
  const source = sourceOf(path, latest, assignments);
  if (issue.code === 'unrecognized_keys') {
    // Unknown keys are caught while reading each source; this covers values given as whole objects.
    const node = findConfigNode(path);
    const known = node?.type === 'object' ? [...node.children.keys()] : [];
    return issue.keys.map((key) => ({
      kind: 'unknown',
      path: pathText([...path, key]),
      source,
      known,
      suggestion: undefined,
    }));
  }
  if (issue.code === 'invalid_key') {
    const record = findConfigNode(path.slice(0, -1));
    const expected = record?.type === 'record' ? record.keyExpected : issue.message;
    return [{ kind: 'bad-name', path: pathText(path), source, expected }];
  }
  const given = latest.get(pathText(path));
  const value = issue.input ?? given?.value;
  return [
    {
      kind: 'invalid',
      path: pathText(path),
      found: value === undefined ? undefined : displayConfigValue(path, value),
      source,
      expected: issue.code === 'custom' ? issue.message : expectedAt(path, issue.message),
    },
  ];
}

function expectedAt(path: readonly string[], fallback: string): string {
  const node = findConfigNode(path);
  if (node === undefined) return fallback;
  switch (node.type) {
    case 'leaf':
      return node.field.expected;
    case 'object':
      return `a mapping with the keys ${[...node.children.keys()].join(', ')}`;
    case 'record':
      return `a mapping of names to settings, each a mapping`;
  }
}

/** The source of the value at `path`; for a missing value, the source of a value beside or above it. */
function sourceOf(
  path: readonly string[],
  latest: ReadonlyMap<string, ConfigAssignment>,
  assignments: readonly ConfigAssignment[],
): ConfigSource {
  const exact = latest.get(pathText(path));
  if (exact !== undefined) return exact.source;
  for (let length = path.length; length > 0; length -= 1) {
    const prefix = path.slice(0, length);
    const near = assignments.findLast((a) => prefix.every((segment, i) => a.path[i] === segment));
    if (near !== undefined) return near.source;
  }
  return DEFAULT_SOURCE;
}

/** Secrets belong in the environment or a secret store, not in a file that may be committed. */
function secretsInFileWarnings(layer: ConfigLayer): string[] {
  return layer.assignments.flatMap(({ path, value, source }) => {
    const field = findConfigField(path);
    const urlWithPassword = typeof value === 'string' && redactUrlPassword(value) !== value;
    const holdsSecret = field?.secret === 'value' || (field?.secret === 'url-password' && urlWithPassword);
    if (!holdsSecret) return [];
    return [
      `${pathText(path)} is written in a file (${source.label}); prefer the environment (${envName(path)}) ` +
        'so that secrets stay out of files',
    ];
  });
}

/** Freezes the plain objects of the configuration; value objects such as Decimal are immutable already. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
