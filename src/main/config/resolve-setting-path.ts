import { closestName } from './closest-name.js';
import { type ConfigNode, configTree, pathText } from './config-fields.js';

export type ResolvedPath =
  | { readonly ok: true; readonly node: ConfigNode }
  /** `path` up to and including the first unknown key, the keys known at that place, and a likely meant path. */
  | {
      readonly ok: false;
      readonly unknownPath: string;
      readonly known: readonly string[];
      readonly suggestion: string | undefined;
    };

/** Follows a path through the schema tree; any name is a valid entry of a record (a named cache). */
export function resolveSettingPath(path: readonly string[]): ResolvedPath {
  let node = configTree();
  for (const [index, segment] of path.entries()) {
    if (node.type === 'record') {
      node = node.entry;
      continue;
    }
    const child = node.type === 'object' ? node.children.get(segment) : undefined;
    if (child === undefined) {
      const known = node.type === 'object' ? [...node.children.keys()] : [];
      const parent = path.slice(0, index);
      const suggestion = closestName(segment, known);
      return {
        ok: false,
        unknownPath: pathText(path.slice(0, index + 1)),
        known,
        suggestion: suggestion === undefined ? undefined : pathText([...parent, suggestion]),
      };
    }
    node = child;
  }
  return { ok: true, node };
}
