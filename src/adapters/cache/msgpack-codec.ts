import { Decoder, Encoder } from '@msgpack/msgpack';
import type { CacheCodec } from '../../application/ports/cache.js';

/**
 * Values as MessagePack (@msgpack/msgpack): smaller and faster to decode than JSON for numeric data such
 * as bars, and it carries binary (Uint8Array) and bigint values. `parse` checks and types the decoded
 * value, as in jsonCodec.
 *
 * @example
 * const codec = msgpackCodec<BarDto>();
 */
export function msgpackCodec<V>(parse?: (raw: unknown) => V): CacheCodec<V> {
  const encoder = new Encoder({ useBigInt64: true });
  const decoder = new Decoder({ useBigInt64: true });
  return {
    name: 'msgpack',
    encode: (value: V): Uint8Array => encoder.encode(value),
    decode(bytes: Uint8Array): V {
      const raw = decoder.decode(bytes);
      return parse === undefined ? (raw as V) : parse(raw);
    },
  };
}
