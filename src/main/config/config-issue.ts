import { type ConfigSource } from './config-source.js';

/**
 * One problem with the configuration. Every problem is reported, not just the first; each names the
 * setting, the value found (secrets redacted), where it came from, and what was expected.
 */
export type ConfigIssue =
  /** A value that does not fit its setting; `found` is undefined when a required setting is missing. */
  | {
      readonly kind: 'invalid';
      readonly path: string;
      readonly found: string | undefined;
      readonly source: ConfigSource;
      readonly expected: string;
    }
  /** An entry of a named collection (a cache) whose name is not allowed. */
  | { readonly kind: 'bad-name'; readonly path: string; readonly source: ConfigSource; readonly expected: string }
  /** A key the schema does not know. */
  | {
      readonly kind: 'unknown';
      readonly path: string;
      readonly source: ConfigSource;
      /** The keys allowed at that place. */
      readonly known: readonly string[];
      readonly suggestion: string | undefined;
    }
  /** A source that cannot be read at all: a missing file, a YAML syntax error, a malformed --set. */
  | { readonly kind: 'unreadable'; readonly location: string; readonly reason: string };

/**
 * The documented one-line form of an issue:
 *   config error: risk.maxDrawdownPct = "abc" (from env ATB_RISK_MAX_DRAWDOWN_PCT): expected a number from 0 to 100
 *   config error: cache.bars.type is missing (from file atb.yaml:4:5): expected one of "memory", ...
 *   config error: server.prot is not a setting (from file atb.yaml:3:3): expected one of host, port (did you
 *     mean server.port?)
 *   config error: atb.yaml:3:1: invalid YAML: All mapping items must start at the same column
 */
export function formatConfigIssue(issue: ConfigIssue): string {
  switch (issue.kind) {
    case 'invalid': {
      const subject = issue.found === undefined ? `${issue.path} is missing` : `${issue.path} = ${issue.found}`;
      return `config error: ${subject} (from ${issue.source.label}): expected ${issue.expected}`;
    }
    case 'unknown': {
      const hint = issue.suggestion === undefined ? '' : ` (did you mean ${issue.suggestion}?)`;
      const expected =
        issue.known.length === 0
          ? `${issue.path.slice(0, issue.path.lastIndexOf('.'))} to be a single value`
          : `one of ${issue.known.join(', ')}${hint}`;
      return `config error: ${issue.path} is not a setting (from ${issue.source.label}): expected ${expected}`;
    }
    case 'bad-name':
      return `config error: ${issue.path} has an invalid name (from ${issue.source.label}): expected ${issue.expected}`;
    case 'unreadable':
      return `config error: ${issue.location}: ${issue.reason}`;
  }
}
