import type { CacheCodec } from '../../application/ports/cache.js';
import type { Envelope, EnvelopeFailure } from './envelope.js';

export type StoredValueFailure = EnvelopeFailure | 'undecodable';
export type ReadValue<V> =
  | { readonly ok: true; readonly value: V }
  | { readonly ok: false; readonly failure: StoredValueFailure };

/**
 * A value as a cache outside the process stores it: the codec's bytes in an envelope (compression,
 * encryption). Reading never throws: whatever cannot be opened or decoded comes back as a failure, which
 * the cache serves as a miss and counts.
 */
export class StoredValue<V> {
  constructor(
    readonly codec: CacheCodec<V>,
    readonly envelope: Envelope,
  ) {}

  /** Throws when the codec cannot encode the value (a value of the wrong shape: a programming error). */
  async write(key: string, value: V): Promise<Buffer> {
    return this.envelope.seal(this.codec.encode(value), key);
  }

  async read(key: string, stored: Uint8Array): Promise<ReadValue<V>> {
    const opened = await this.envelope.open(stored, key);
    if (!opened.ok) return opened;
    try {
      return { ok: true, value: this.codec.decode(opened.payload) };
    } catch {
      return { ok: false, failure: 'undecodable' };
    }
  }
}
