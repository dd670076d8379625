import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'atb';
let root: string | undefined;

/**
 * The path of a file that ships with ATB (package.json, migrations/, the compiled CSV scan worker),
 * from the folder of ATB's package.json. That folder is found by walking up from this module, so the
 * answer is the same from the TypeScript sources (src/adapters), the compiled package (dist/adapters) and
 * the bundled CLI (dist/cli), whose modules sit at different depths below it.
 * @throws Error when no package.json named "atb" is above this module (a broken installation).
 */
export function packagePath(...segments: readonly string[]): string {
  root ??= findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  return join(root, ...segments);
}

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (nameInPackageJson(dir) === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) throw new Error(`ATB's package.json (name "${PACKAGE_NAME}") was not found in ${from} or any folder above it`);
  }
}

function nameInPackageJson(dir: string): unknown {
  let text: string;
  try {
    text = readFileSync(join(dir, 'package.json'), 'utf8');
  } catch {
    return undefined; // no package.json in this folder
  }
  return (JSON.parse(text) as { name?: unknown }).name;
}
