import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * A freshly initialised PGlite data directory as a tarball, cached in the temp folder per PGlite
 * version: starting from it takes about a second, where initdb takes several. Tests only; the product
 * runs initdb once per data folder.
 */
export async function pgliteTemplate(): Promise<Blob> {
  const version = (JSON.parse(await readFile(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as {
    version: string;
  }).version;
  const path = join(tmpdir(), `atb-pglite-template-${version}.tar`);
  try {
    return new Blob([await readFile(path)]);
  } catch {
    const pglite = await PGlite.create({ relaxedDurability: false });
    const tarball = await pglite.dumpDataDir('none');
    await pglite.close();
    const bytes = new Uint8Array(await tarball.arrayBuffer());
    // Written aside and renamed, so that a parallel test file never reads half a tarball.
    const draft = `${path}.${process.pid}`;
    await writeFile(draft, bytes);
    await rename(draft, path);
    return new Blob([bytes]);
  }
}
