import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { type ConfigAssignment, type ConfigLayer } from './config-assignment.js';
import { type ConfigNode } from './config-fields.js';
import { type ConfigIssue } from './config-issue.js';
import { type ConfigSource, fileSource } from './config-source.js';
import { resolveSettingPath } from './resolve-setting-path.js';

const requireFromHere = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;

/**
 * The yaml library, loaded on first use (its CommonJS build, through require, so that loading stays
 * synchronous): most runs read no configuration file, and importing it up front added about 30 ms, out of
 * some 150 ms of imports, to every `atb` start.
 */
function yaml(): typeof Yaml {
  yamlModule ??= requireFromHere('yaml') as typeof Yaml;
  return yamlModule;
}

/**
 * Reads the settings of a YAML configuration file. `file` is the name shown to people (as they gave it or
 * "atb.yaml"). Every value remembers its line and column; a syntax error is reported as file:line:col.
 * A key with no value (`apiKey:`) leaves the setting unset. Decimal and string settings written as YAML
 * numbers keep their source text, so `cash: 10000.10` is the exact decimal "10000.10", never a float.
 */
export function readFileLayer(file: string, text: string): ConfigLayer {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number | undefined): string => {
    const { line, col } = lines.linePos(offset ?? 0);
    return `${file}:${line}:${col}`;
  };
  const at = (offset: number | undefined): ConfigSource => fileSource(position(offset));
  if (document.errors.length > 0) {
    return {
      assignments: [],
      issues: document.errors.map((error) => ({
        kind: 'unreadable',
        location: position(error.pos[0]),
        reason: `invalid YAML: ${error.message}`,
      })),
      warnings: [],
    };
  }
  const contents = document.contents;
  if (contents === null || (yaml().isScalar(contents) && contents.value === null)) {
    return { assignments: [], issues: [], warnings: [] };
  }
  if (!yaml().isMap(contents)) {
    const reason = 'expected a mapping of settings (key: value) at the top level';
    const issue = { kind: 'unreadable', location: position(contents.range?.[0]), reason } as const;
    return { assignments: [], issues: [issue], warnings: [] };
  }
  const assignments: ConfigAssignment[] = [];
  const issues: ConfigIssue[] = [];
  collect(document, contents, [], { at, position, assignments, issues });
  return { assignments, issues, warnings: [] };
}

interface Collector {
  readonly position: (offset: number | undefined) => string;
  readonly at: (offset: number | undefined) => ConfigSource;
  readonly assignments: ConfigAssignment[];
  readonly issues: ConfigIssue[];
}

function collect(document: Yaml.Document, map: Yaml.Node, path: readonly string[], out: Collector): void {
  if (!yaml().isMap(map)) return;
  for (const pair of map.items) {
    const key = pair.key;
    const keyOffset = yaml().isScalar(key) ? key.range?.[0] : undefined;
    if (!yaml().isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
      const reason = 'expected a plain name as the key';
      out.issues.push({ kind: 'unreadable', location: out.position(keyOffset), reason });
      continue;
    }
    const childPath = [...path, String(key.value)];
    const resolved = resolveSettingPath(childPath);
    if (!resolved.ok) {
      out.issues.push({
        kind: 'unknown',
        path: resolved.unknownPath,
        source: out.at(keyOffset),
        known: resolved.known,
        suggestion: resolved.suggestion,
      });
      continue;
    }
    const valueNode = yaml().isAlias(pair.value) ? pair.value.resolve(document) : pair.value;
    if (!isNodeWithValue(valueNode)) continue;
    if (resolved.node.type !== 'leaf' && yaml().isMap(valueNode)) {
      collect(document, valueNode, childPath, out);
      continue;
    }
    out.assignments.push({
      path: childPath,
      value: valueOf(document, valueNode, resolved.node),
      source: out.at(valueNode.range?.[0] ?? keyOffset),
    });
  }
}

function isNodeWithValue(node: unknown): node is Yaml.Node {
  if (node === null || node === undefined) return false;
  return !(yaml().isScalar(node) && node.value === null);
}

function valueOf(document: Yaml.Document, node: Yaml.Node, setting: ConfigNode): unknown {
  const wantsText = setting.type === 'leaf' && (setting.field.kind === 'decimal' || setting.field.kind === 'string');
  if (yaml().isScalar(node) && typeof node.value === 'number' && wantsText) {
    return node.source ?? String(node.value);
  }
  return node.toJS(document);
}
