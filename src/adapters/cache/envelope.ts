import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants, gunzip, gzip } from 'node:zlib';
import { AtbError } from '../../shared/errors.js';

export const Compression = { NONE: 'none', GZIP: 'gzip', BROTLI: 'brotli' } as const;
export type Compression = (typeof Compression)[keyof typeof Compression];

export interface EnvelopeOptions {
  /** Default none. */
  readonly compression?: Compression;
  /** Payloads of at most this many bytes are stored as they are. Default 1024. */
  readonly compressAboveBytes?: number;
  /** A 32-byte AES-256-GCM key; without it entries are stored in the clear. */
  readonly encryptionKey?: Uint8Array;
  /** Decompression stops past this size, so a crafted entry cannot exhaust memory. Default 64 MiB. */
  readonly maxInflatedBytes?: number;
}

/** Why a stored entry could not be opened; each is a miss plus a count of decode failures. */
export type EnvelopeFailure = 'malformed' | 'undecryptable' | 'uncompressible';
export type Opened =
  | { readonly ok: true; readonly payload: Uint8Array }
  | { readonly ok: false; readonly failure: EnvelopeFailure };

const VERSION = 1;
const HEADER_BYTES = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FLAG_GZIP = 0b01;
const FLAG_BROTLI = 0b10;
const FLAG_COMPRESSION = 0b11;
const FLAG_ENCRYPTED = 0b100;

/** Brotli's default (11) spends seconds on a megabyte; 5 keeps most of the gain at gzip-like speed. */
const BROTLI_QUALITY = 5;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const brotliAsync = promisify(brotliCompress);
const unbrotliAsync = promisify(brotliDecompress);

/**
 * The bytes stored for one entry outside the process (Redis, disk):
 *
 * ```
 * byte 0   format version (1)
 * byte 1   flags: bits 0-1 compression (0 none, 1 gzip, 2 brotli), bit 2 encrypted
 * then     the codec's bytes, compressed if flagged            (clear)
 *   or     12-byte IV | 16-byte GCM tag | ciphertext of those   (encrypted)
 * ```
 *
 * Encryption is AES-256-GCM with a fresh random 12-byte IV per write; the header and the entry's full key
 * are authenticated data, so a flipped bit, a truncated value, a changed flag or a value copied to another
 * key fails the tag check and the entry is a miss, never garbage. Compression (zlib, off the main thread)
 * applies above a size threshold and only when it saves bytes; the version byte lets the format change.
 */
export class Envelope {
  readonly #compression: Compression;
  readonly #compressAboveBytes: number;
  readonly #key: Uint8Array | undefined;
  readonly #maxInflatedBytes: number;

  constructor(options: EnvelopeOptions = {}) {
    this.#compression = options.compression ?? Compression.NONE;
    this.#compressAboveBytes = options.compressAboveBytes ?? 1024;
    this.#maxInflatedBytes = options.maxInflatedBytes ?? 64 * 1024 * 1024;
    if (options.encryptionKey !== undefined && options.encryptionKey.byteLength !== 32) {
      const found = `${options.encryptionKey.byteLength} bytes`;
      throw new AtbError('CONFIG_INVALID', `invalid cache encryption.key, was ${found}: expected 32 bytes`, {
        field: 'encryption.key',
      });
    }
    this.#key = options.encryptionKey;
  }

  async seal(payload: Uint8Array, key: string): Promise<Buffer> {
    let flags = 0;
    let body: Uint8Array = payload;
    if (this.#compression !== Compression.NONE && payload.byteLength > this.#compressAboveBytes) {
      const packed =
        this.#compression === Compression.GZIP
          ? await gzipAsync(payload)
          : await brotliAsync(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } });
      if (packed.byteLength < payload.byteLength) {
        body = packed;
        flags |= this.#compression === Compression.GZIP ? FLAG_GZIP : FLAG_BROTLI;
      }
    }
    return this.#frame(flags, body, key);
  }

  async open(sealed: Uint8Array, key: string): Promise<Opened> {
    const unwrapped = this.#unwrap(sealed, key);
    if (!unwrapped.ok) return unwrapped;
    const compression = (sealed[1] ?? 0) & FLAG_COMPRESSION;
    if (compression === 0) return unwrapped;
    const options = { maxOutputLength: this.#maxInflatedBytes };
    try {
      const inflated =
        compression === FLAG_GZIP
          ? await gunzipAsync(unwrapped.payload, options)
          : compression === FLAG_BROTLI
            ? await unbrotliAsync(unwrapped.payload, options)
            : undefined;
      return inflated === undefined ? { ok: false, failure: 'malformed' } : { ok: true, payload: inflated };
    } catch {
      return { ok: false, failure: 'uncompressible' };
    }
  }

  #frame(flags: number, body: Uint8Array, key: string): Buffer {
    if (this.#key === undefined) {
      const framed = Buffer.allocUnsafe(HEADER_BYTES + body.byteLength);
      framed[0] = VERSION;
      framed[1] = flags;
      framed.set(body, HEADER_BYTES);
      return framed;
    }
    const header = Buffer.from([VERSION, flags | FLAG_ENCRYPTED]);
    // A random IV, not a seeded one: GCM's security rests on never reusing an IV under a key.
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(additionalData(header, key));
    const encrypted = [cipher.update(body), cipher.final()];
    return Buffer.concat([header, iv, cipher.getAuthTag(), ...encrypted]);
  }

  #unwrap(sealed: Uint8Array, key: string): Opened {
    if (sealed.byteLength < HEADER_BYTES || sealed[0] !== VERSION) return { ok: false, failure: 'malformed' };
    const flags = sealed[1] ?? 0;
    const encrypted = (flags & FLAG_ENCRYPTED) !== 0;
    // A clear entry where a key is configured (or the reverse) is refused: else flipping the flag would
    // let anyone with write access to the store plant values.
    if (encrypted !== (this.#key !== undefined)) return { ok: false, failure: 'undecryptable' };
    if (!encrypted || this.#key === undefined) return { ok: true, payload: sealed.subarray(HEADER_BYTES) };
    if (sealed.byteLength < HEADER_BYTES + IV_BYTES + TAG_BYTES) return { ok: false, failure: 'undecryptable' };
    try {
      const iv = sealed.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
      const tag = sealed.subarray(HEADER_BYTES + IV_BYTES, HEADER_BYTES + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(sealed.subarray(0, HEADER_BYTES), key));
      decipher.setAuthTag(tag);
      const body = sealed.subarray(HEADER_BYTES + IV_BYTES + TAG_BYTES);
      return { ok: true, payload: Buffer.concat([decipher.update(body), decipher.final()]) };
    } catch {
      return { ok: false, failure: 'undecryptable' };
    }
  }
}

function additionalData(header: Uint8Array, key: string): Buffer {
  return Buffer.concat([header, Buffer.from(key, 'utf8')]);
}

/** Reads the configuration's key: 64 hex digits or base64 of 32 bytes (the schema checked which). */
export function parseEncryptionKey(text: string): Buffer {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (bytes.length !== 32) {
    const expected = 'expected 32 bytes as 64 hex digits or base64';
    throw new AtbError('CONFIG_INVALID', `invalid cache encryption.key, was ${bytes.length} bytes: ${expected}`, {
      field: 'encryption.key',
    });
  }
  return bytes;
}
