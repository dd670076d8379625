import { describeValue } from '../../domain/errors.js';
import { Decimal } from '../../domain/values/decimal.js';
import { type ConfigField, type ConfigNode, configTree, findConfigNode } from './config-fields.js';

export const REDACTED = '***';

/**
 * Hides the password of a URL ("postgres://atb:***@db/atb"). Works on text that does not parse as a URL
 * too, so a malformed URL quoted in an error message cannot leak its password: everything up to the last
 * "@" counts as password, erring towards hiding too much.
 */
export function redactUrlPassword(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@?#]*:).*@/i, `$1${REDACTED}@`);
}

/** A copy of a configuration value (or of any part of it) fit to print: secrets hidden, decimals as strings. */
export function redactConfig(value: unknown, node: ConfigNode | undefined = configTree()): unknown {
  if (value instanceof Decimal) return value.toString();
  if (node === undefined) return toPlain(value);
  if (node.type === 'leaf') return redactLeaf(node.field, value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return toPlain(value);
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      redactConfig(child, node.type === 'record' ? node.entry : node.children.get(key)),
    ]),
  );
}

/** How a value found at `path` is shown in messages and listings: JSON-like, a secret as a bare ***. */
export function displayConfigValue(path: readonly string[], value: unknown): string {
  const node = findConfigNode(path);
  if (node?.type === 'leaf' && node.field.secret === 'value') return REDACTED;
  return describeValue(redactConfig(value, node));
}

function redactLeaf(field: ConfigField, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (field.secret === 'value') return REDACTED;
  if (field.secret === 'url-password') return typeof value === 'string' ? redactUrlPassword(value) : REDACTED;
  return toPlain(value);
}

function toPlain(value: unknown): unknown {
  return value instanceof Decimal ? value.toString() : value;
}
