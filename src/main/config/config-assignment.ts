import { type ConfigIssue } from './config-issue.js';
import { type ConfigSource } from './config-source.js';

/** One value given for one setting by one source (a file key, an environment variable, a flag). */
export interface ConfigAssignment {
  readonly path: readonly string[];
  readonly value: unknown;
  readonly source: ConfigSource;
}

/** What one source contributes: its values, the problems found while reading it, and warnings. */
export interface ConfigLayer {
  readonly assignments: readonly ConfigAssignment[];
  readonly issues: readonly ConfigIssue[];
  readonly warnings: readonly string[];
}
