import type { DatabaseBackend } from '../../application/ports/database-admin.js';

/**
 * What the durability settings mean for a crash, in one sentence for the health report. PGlite runs with
 * fsync off and its Node file system has no fsync at all: every commit is written through to the
 * operating system before COMMIT returns (relaxed durability off), so it survives ATB being killed, but
 * not a power cut or an operating-system crash.
 */
export function durabilityNote(backend: DatabaseBackend, fsync: string, synchronousCommit: string): string {
  if (backend === 'pglite') {
    return 'commits are written to the operating system before they return: they survive a crash or kill of ATB, not a power cut or OS crash (use a PostgreSQL server for that)';
  }
  if (fsync !== 'on') return 'fsync is off: a power cut or OS crash can corrupt the database; turn fsync on';
  if (synchronousCommit === 'off') {
    return 'synchronous_commit is off: a server or machine crash can lose the last moments of commits (never corrupt the data)';
  }
  return 'commits are flushed to disk before they return: they survive a crash of ATB, of the server and of the machine';
}
