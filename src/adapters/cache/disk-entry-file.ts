import { crc32 } from 'node:zlib';

/**
 * One disk cache entry as a file:
 *
 * ```
 * 0..3    magic "ATBC"
 * 4       format version (1)
 * 5..7    zero
 * 8..15   expiry, epoch ms as float64 LE (0: none)
 * 16..19  key length in bytes, uint32 LE
 * 20..23  CRC-32 of every other byte of the file, uint32 LE
 * 24..    the key (UTF-8), then the stored value (envelope.ts)
 * ```
 *
 * The key is kept so that the index can be rebuilt from the files after a restart and a hash collision is
 * caught; the checksum turns a damaged file into a miss rather than a wrong value (an encrypted value is
 * authenticated anyway, a clear one is not).
 */
export interface DiskEntry {
  readonly key: string;
  /** Epoch ms, 0 for none. */
  readonly expiresAtMs: number;
  readonly stored: Uint8Array;
}

export const DISK_ENTRY_HEADER_BYTES = 24;
const MAGIC = 0x43425441; // "ATBC" read as uint32 LE
const VERSION = 1;

export function encodeDiskEntry(entry: DiskEntry): Buffer {
  const key = Buffer.from(entry.key, 'utf8');
  const file = Buffer.alloc(DISK_ENTRY_HEADER_BYTES + key.length + entry.stored.byteLength);
  file.writeUInt32LE(MAGIC, 0);
  file[4] = VERSION;
  file.writeDoubleLE(entry.expiresAtMs, 8);
  file.writeUInt32LE(key.length, 16);
  key.copy(file, DISK_ENTRY_HEADER_BYTES);
  file.set(entry.stored, DISK_ENTRY_HEADER_BYTES + key.length);
  file.writeUInt32LE(checksum(file), 20);
  return file;
}

/** The entry, or undefined when the file is not a whole, undamaged entry of this format. */
export function decodeDiskEntry(file: Buffer): DiskEntry | undefined {
  const header = decodeDiskEntryHeader(file);
  if (header === undefined || file.length < header.headerBytes) return undefined;
  if (file.readUInt32LE(20) !== checksum(file)) return undefined;
  return { ...header, stored: file.subarray(header.headerBytes) };
}

/** The key and expiry from the first bytes of a file (no checksum: for rebuilding the index). */
export function decodeDiskEntryHeader(
  start: Buffer,
): { readonly key: string; readonly expiresAtMs: number; readonly headerBytes: number } | undefined {
  if (start.length < DISK_ENTRY_HEADER_BYTES || start.readUInt32LE(0) !== MAGIC || start[4] !== VERSION) return undefined;
  const keyBytes = start.readUInt32LE(16);
  const headerBytes = DISK_ENTRY_HEADER_BYTES + keyBytes;
  if (start.length < headerBytes) return undefined;
  const expiresAtMs = start.readDoubleLE(8);
  if (!Number.isFinite(expiresAtMs) || expiresAtMs < 0) return undefined;
  return { key: start.toString('utf8', DISK_ENTRY_HEADER_BYTES, headerBytes), expiresAtMs, headerBytes };
}

function checksum(file: Buffer): number {
  return crc32(file.subarray(DISK_ENTRY_HEADER_BYTES), crc32(file.subarray(0, 20)));
}
