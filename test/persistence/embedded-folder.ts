import { Registry } from 'prom-client';
import { silentLogger } from '../../src/application/ports/logger.js';
import { openEmbeddedDatabase } from '../../src/adapters/postgres/pglite-database.js';
import { pgliteTemplate } from './pglite-template.js';

/**
 * Creates an embedded data folder from the cached template instead of initdb, so the first `atb`
 * command on it opens in about a second. The folder is unmigrated and closed (unlocked) afterwards.
 */
export async function seedEmbeddedFolder(folder: string): Promise<void> {
  const db = await openEmbeddedDatabase({ dataDir: folder, logger: silentLogger, registry: new Registry(), initialDataDir: await pgliteTemplate() });
  await db.close();
}
