import { z } from 'zod';
import { type FieldMeta, fieldMeta } from './field-meta.js';
import { configSchema } from './schema.js';

/**
 * The configuration schema seen as a tree of settings, so that environment names, text coercion, secret
 * redaction and error wording all derive from the one zod schema instead of hand-kept tables.
 */

export type FieldKind = 'boolean' | 'number' | 'string' | 'enum' | 'decimal';

/** One setting (a leaf of the schema). */
export interface ConfigField {
  /** Path from the root; the name of a record entry (a named cache) is written '*'. */
  readonly path: readonly string[];
  readonly kind: FieldKind;
  readonly secret: FieldMeta['secret'];
  /** What a valid value looks like, as written after "expected" in an error message. */
  readonly expected: string;
  /** True when the setting has no default and stays absent unless set. */
  readonly optional: boolean;
}

export type ConfigNode =
  | { readonly type: 'object'; readonly path: readonly string[]; readonly children: ReadonlyMap<string, ConfigNode> }
  | {
      readonly type: 'record';
      readonly path: readonly string[];
      /** Describes a valid entry name. */
      readonly keyExpected: string;
      readonly entry: ConfigNode;
    }
  | { readonly type: 'leaf'; readonly field: ConfigField };

let root: ConfigNode | undefined;

/** The tree of the configuration schema (built once). */
export function configTree(): ConfigNode {
  root ??= toNode(configSchema, []);
  return root;
}

/** The node at `path` (record entries accept any name), or undefined when no such setting exists. */
export function findConfigNode(path: readonly string[]): ConfigNode | undefined {
  let node: ConfigNode | undefined = configTree();
  for (const segment of path) {
    if (node === undefined || node.type === 'leaf') return undefined;
    node = node.type === 'record' ? node.entry : node.children.get(segment);
  }
  return node;
}

export function findConfigField(path: readonly string[]): ConfigField | undefined {
  const node = findConfigNode(path);
  return node?.type === 'leaf' ? node.field : undefined;
}

/** Every leaf of the tree, in schema order; settings inside a record appear once, under '*'. */
export function listConfigFields(node: ConfigNode = configTree()): readonly ConfigField[] {
  switch (node.type) {
    case 'leaf':
      return [node.field];
    case 'record':
      return listConfigFields(node.entry);
    case 'object':
      return [...node.children.values()].flatMap((child) => listConfigFields(child));
  }
}

export function pathText(path: readonly string[]): string {
  return path.join('.');
}

function toNode(schema: z.ZodType, path: readonly string[]): ConfigNode {
  const { inner, metas, optional } = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    const children = new Map<string, ConfigNode>();
    const shape: Readonly<Record<string, z.ZodType>> = inner.shape;
    for (const [key, child] of Object.entries(shape)) {
      children.set(key, toNode(child, [...path, key]));
    }
    return { type: 'object', path, children };
  }
  if (inner instanceof z.ZodRecord) {
    const key = unwrap(inner.keyType as z.ZodType);
    return {
      type: 'record',
      path,
      keyExpected: describeExpected(key.inner, key.metas),
      entry: toNode(inner.valueType as z.ZodType, [...path, '*']),
    };
  }
  const meta = Object.assign({}, ...metas) as FieldMeta;
  return {
    type: 'leaf',
    field: {
      path,
      kind: meta.decimal === true ? 'decimal' : kindOf(inner, path),
      secret: meta.secret,
      expected: describeExpected(inner, metas),
      optional,
    },
  };
}

/** Strips optional/default/pipe wrappers, collecting the metadata registered at every level. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; metas: FieldMeta[]; optional: boolean } {
  const metas: FieldMeta[] = [];
  let optional = false;
  let current = schema;
  for (;;) {
    const meta = fieldMeta.get(current);
    if (meta !== undefined) metas.unshift(meta);
    if (current instanceof z.ZodOptional) {
      optional = true;
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return { inner: current, metas, optional };
    }
  }
}

function kindOf(schema: z.ZodType, path: readonly string[]): FieldKind {
  if (schema instanceof z.ZodBoolean) return 'boolean';
  if (schema instanceof z.ZodNumber) return 'number';
  if (schema instanceof z.ZodEnum) return 'enum';
  if (schema instanceof z.ZodString) return 'string';
  // A new kind of setting needs a text coercion rule (coerce-text.ts) before it can be configured by env.
  throw new Error(`config schema: setting ${pathText(path)} has a type the config loader does not support`);
}

function describeExpected(schema: z.ZodType, metas: readonly FieldMeta[]): string {
  const declared = metas.findLast((meta) => meta.expected !== undefined)?.expected;
  if (declared !== undefined) return declared;
  if (schema instanceof z.ZodBoolean) return 'true or false';
  if (schema instanceof z.ZodEnum) {
    return `one of ${schema.options.map((option) => JSON.stringify(option)).join(', ')}`;
  }
  if (schema instanceof z.ZodNumber) return describeNumber(schema);
  if (schema instanceof z.ZodString) return (schema.minLength ?? 0) > 0 ? 'a non-empty string' : 'a string';
  return 'a valid value';
}

function describeNumber(schema: z.ZodNumber): string {
  const noun = schema.isInt ? 'an integer' : 'a number';
  const min = schema.minValue;
  const max = schema.maxValue;
  // int() bounds a number to the safe integers; such a bound is no limit worth mentioning.
  const bounded = (value: number | null): value is number =>
    value !== null && Math.abs(value) < Number.MAX_SAFE_INTEGER;
  if (bounded(min) && bounded(max)) return `${noun} from ${min} to ${max}`;
  if (bounded(min)) return min === 0 ? `${noun} of 0 or more` : `${noun} of at least ${min}`;
  if (bounded(max)) return `${noun} of at most ${max}`;
  return noun;
}
