/**
 * Where a setting's value came from. `label` is what people read: "default", "file atb.yaml:3:9",
 * "env ATB_SERVER_PORT", "flag --set server.port=8081" (secret values in a --set label are shown as ***).
 */
export interface ConfigSource {
  readonly kind: 'default' | 'file' | 'env' | 'flag';
  readonly label: string;
}

export const DEFAULT_SOURCE: ConfigSource = { kind: 'default', label: 'default' };

/** `position` is "file:line:col". */
export const fileSource = (position: string): ConfigSource => ({ kind: 'file', label: `file ${position}` });

export const envSource = (name: string): ConfigSource => ({ kind: 'env', label: `env ${name}` });

export const flagSource = (flag: string): ConfigSource => ({ kind: 'flag', label: `flag ${flag}` });
