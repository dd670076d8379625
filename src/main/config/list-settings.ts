import { type ConfigNode, configTree } from './config-fields.js';

/** One setting of a configuration value; `value` is undefined for an optional setting that is not set. */
export interface SettingValue {
  readonly path: readonly string[];
  readonly value: unknown;
}

/**
 * Every setting of a configuration value in schema order, including the unset optional ones; a record
 * lists the settings of each of its entries, or itself (as {}) when it has none.
 */
export function listSettings(value: unknown, node: ConfigNode = configTree()): readonly SettingValue[] {
  switch (node.type) {
    case 'leaf':
      return [{ path: node.field.path, value }];
    case 'object':
      return [...node.children.entries()].flatMap(([key, child]) => listSettings(childOf(value, key), child));
    case 'record': {
      const names = isRecord(value) ? Object.keys(value) : [];
      if (names.length === 0) return [{ path: node.path, value: {} }];
      return names.flatMap((name) =>
        listSettings(childOf(value, name), node.entry).map((setting) => ({
          path: setting.path.map((segment, i) => (i === node.path.length ? name : segment)),
          value: setting.value,
        })),
      );
    }
  }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childOf(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}
