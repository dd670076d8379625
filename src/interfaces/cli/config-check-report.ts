/**
 * What `atb config check` shows, in terms the CLI can print without knowing the configuration schema
 * (the composition root builds it). Values are already rendered and redacted.
 */
export interface ConfigCheckSetting {
  readonly path: string;
  /** The value as shown to people (JSON-like, secrets as ***), or undefined when the setting is not set. */
  readonly value: string | undefined;
  /** Where the value came from: "default", "file atb.yaml:3:9", "env ATB_X", "flag --mode". */
  readonly source: string;
}

export type ConfigCheckReport =
  | {
      readonly ok: true;
      /** The file read, if any. */
      readonly file: string | undefined;
      readonly settings: readonly ConfigCheckSetting[];
      readonly warnings: readonly string[];
      /** The machine-readable report printed by --json. */
      readonly json: unknown;
    }
  | {
      readonly ok: false;
      /** One formatted line per problem ("config error: ..."). */
      readonly errors: readonly string[];
      readonly warnings: readonly string[];
      readonly json: unknown;
    };

const MAX_VALUE_WIDTH = 40;

/** The effective configuration as an aligned table: `path = value   (source)`. */
export function renderSettings(settings: readonly ConfigCheckSetting[]): string {
  const pathWidth = Math.max(0, ...settings.map((s) => s.path.length));
  const valueWidth = Math.min(MAX_VALUE_WIDTH, Math.max(0, ...settings.map((s) => (s.value ?? '').length)));
  return settings
    .map((s) =>
      s.value === undefined
        ? `${s.path.padEnd(pathWidth)}   (not set)`
        : `${s.path.padEnd(pathWidth)} = ${s.value.padEnd(valueWidth)}   (${s.source})`,
    )
    .join('\n');
}

export function renderWarning(warning: string): string {
  return `config warning: ${warning}`;
}
