import { closestName } from './closest-name.js';
import { type ConfigAssignment, type ConfigLayer } from './config-assignment.js';
import { type ConfigField, listConfigFields } from './config-fields.js';
import { coerceText } from './coerce-text.js';
import { envSource } from './config-source.js';

export type Env = Readonly<Record<string, string | undefined>>;

export const ENV_PREFIX = 'ATB_';

/** ATB_* variables that the CLI reads itself and that are not settings. */
export const NON_SETTING_ENV: readonly string[] = ['ATB_CONFIG', 'ATB_DEBUG'];

/** Conventional names that other tools also read; an ATB_* variable for the same setting wins over them. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  DATABASE_URL: ['database', 'url'],
  REDIS_URL: ['redis', 'url'],
};

/** database.poolMax -> ATB_DATABASE_POOL_MAX; a record entry name ('*') is left out of the name. */
export function envName(path: readonly string[]): string {
  return ENV_PREFIX + path.map(screamingSnake).join('_');
}

function screamingSnake(segment: string): string {
  return segment.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

function camelCase(screaming: string): string {
  return screaming.toLowerCase().replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

interface EnvIndex {
  readonly fixed: ReadonlyMap<string, ConfigField>;
  /** Settings inside a record: ATB_<record path>_<ENTRY NAME>_<setting path>, e.g. ATB_CACHE_BARS_MAX_ENTRIES. */
  readonly inRecord: readonly { readonly prefix: string; readonly suffix: string; readonly field: ConfigField }[];
}

let index: EnvIndex | undefined;

function envIndex(): EnvIndex {
  if (index !== undefined) return index;
  const fixed = new Map<string, ConfigField>();
  const inRecord: { prefix: string; suffix: string; field: ConfigField }[] = [];
  for (const field of listConfigFields()) {
    const star = field.path.indexOf('*');
    if (star < 0) {
      fixed.set(envName(field.path), field);
    } else {
      const prefix = `${envName(field.path.slice(0, star))}_`;
      const suffix = `_${field.path.slice(star + 1).map(screamingSnake).join('_')}`;
      inRecord.push({ prefix, suffix, field });
    }
  }
  // Longest suffix first, so ..._ENCRYPTION_KEY is not read as an entry named "...Encryption" with a KEY.
  inRecord.sort((a, b) => b.suffix.length - a.suffix.length);
  index = { fixed, inRecord };
  return index;
}

/** The environment variable of every setting outside records, in schema order. */
export function settingEnvNames(): ReadonlyMap<string, ConfigField> {
  return envIndex().fixed;
}

/**
 * Reads settings from environment variables. An empty variable counts as unset. An ATB_* variable that
 * names no setting is a warning, not an error, since the environment is shared with other programs.
 */
export function readEnvLayer(env: Env): ConfigLayer {
  const assignments: ConfigAssignment[] = [];
  const warnings: string[] = [];
  for (const [alias, path] of Object.entries(ALIASES)) {
    const text = env[alias];
    if (text !== undefined && text !== '') assignments.push({ path, value: text, source: envSource(alias) });
  }
  const { fixed, inRecord } = envIndex();
  for (const name of Object.keys(env).sort()) {
    const text = env[name];
    if (!name.startsWith(ENV_PREFIX) || text === undefined || text === '' || NON_SETTING_ENV.includes(name)) continue;
    const field = fixed.get(name);
    if (field !== undefined) {
      assignments.push({ path: field.path, value: coerceText(field, text), source: envSource(name) });
      continue;
    }
    const entry = inRecord.find(
      (candidate) =>
        name.startsWith(candidate.prefix) &&
        name.endsWith(candidate.suffix) &&
        name.length > candidate.prefix.length + candidate.suffix.length,
    );
    if (entry !== undefined) {
      const star = entry.field.path.indexOf('*');
      const entryName = camelCase(name.slice(entry.prefix.length, name.length - entry.suffix.length));
      const path = entry.field.path.map((segment, i) => (i === star ? entryName : segment));
      assignments.push({ path, value: coerceText(entry.field, text), source: envSource(name) });
      continue;
    }
    const strip = (full: string) => full.slice(ENV_PREFIX.length);
    const suggestion = closestName(strip(name), [...fixed.keys()].map(strip));
    const hint = suggestion === undefined ? '' : ` (did you mean ${ENV_PREFIX}${suggestion}?)`;
    warnings.push(`${name} is not a setting and is ignored${hint}`);
  }
  return { assignments, issues: [], warnings };
}
