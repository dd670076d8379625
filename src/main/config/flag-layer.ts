import { type ConfigAssignment, type ConfigLayer } from './config-assignment.js';
import { listConfigFields, pathText } from './config-fields.js';
import { type ConfigIssue } from './config-issue.js';
import { flagSource } from './config-source.js';
import { coerceText } from './coerce-text.js';
import { displayConfigValue } from './redact.js';
import { resolveSettingPath } from './resolve-setting-path.js';

/** The configuration flags of the command line, as commander parses them. */
export interface ConfigFlags {
  /** A YAML file that must exist (instead of ./atb.yaml). */
  readonly config?: string;
  readonly mode?: string;
  /** Sets live.enabled: the explicit opt-in to real-money trading. */
  readonly live?: boolean;
  readonly logLevel?: string;
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  /** Repeatable `path=value` for any setting, e.g. "risk.maxOpenOrders=20". */
  readonly set?: readonly string[];
}

/** The named flags and the setting each one sets. They are applied after --set, so they win over it. */
const NAMED_FLAGS = [
  { flag: '--mode', option: 'mode', path: ['mode'] },
  { flag: '--live', option: 'live', path: ['live', 'enabled'] },
  { flag: '--log-level', option: 'logLevel', path: ['log', 'level'] },
  { flag: '--database-url', option: 'databaseUrl', path: ['database', 'url'] },
  { flag: '--redis-url', option: 'redisUrl', path: ['redis', 'url'] },
] as const satisfies readonly { flag: string; option: keyof ConfigFlags; path: readonly string[] }[];

export function readFlagLayer(flags: ConfigFlags): ConfigLayer {
  const assignments: ConfigAssignment[] = [];
  const issues: ConfigIssue[] = [];
  for (const text of flags.set ?? []) {
    const equals = text.indexOf('=');
    const path = equals > 0 ? text.slice(0, equals).trim().split('.') : [];
    if (path.length === 0 || path.some((segment) => segment === '')) {
      issues.push({
        kind: 'unreadable',
        // Without a well-formed path we cannot tell whether the text holds a secret, so it is not shown.
        location: `flag --set`,
        reason: 'expected path=value, such as --set risk.maxOpenOrders=20',
      });
      continue;
    }
    const source = flagSource(`--set ${pathText(path)}`);
    const resolved = resolveSettingPath(path);
    if (!resolved.ok) {
      const { unknownPath, known, suggestion } = resolved;
      issues.push({ kind: 'unknown', path: unknownPath, source, known, suggestion });
      continue;
    }
    const value = text.slice(equals + 1);
    if (resolved.node.type !== 'leaf') {
      const inside = listConfigFields(resolved.node).map((field) =>
        pathText(field.path.map((segment, i) => (segment === '*' ? (path[i] ?? '<name>') : segment))),
      );
      issues.push({
        kind: 'invalid',
        path: pathText(path),
        found: displayConfigValue(path, value),
        source,
        expected: `a single setting inside it, such as ${inside.slice(0, 3).join(', ')}`,
      });
      continue;
    }
    assignments.push({ path, value: coerceText(resolved.node.field, value), source });
  }
  for (const { flag, option, path } of NAMED_FLAGS) {
    const value = flags[option];
    if (value !== undefined) assignments.push({ path, value, source: flagSource(flag) });
  }
  return { assignments, issues, warnings: [] };
}
