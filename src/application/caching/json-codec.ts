import type { CacheCodec } from '../ports/cache.js';

const encoder = new TextEncoder();
// fatal: bytes that are not UTF-8 are a decode failure (a miss), not text with replacement characters.
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Values as UTF-8 JSON. `parse` checks the decoded value and gives it its type (a zod schema's `parse`
 * fits); without it the decoded value is trusted to be a V, which is only safe for plain data written by
 * the same code. Values JSON cannot carry (undefined, bigint, functions) throw on encode.
 *
 * @example
 * const codec = jsonCodec((raw) => strategyStateSchema.parse(raw));
 */
export function jsonCodec<V>(parse?: (raw: unknown) => V): CacheCodec<V> {
  return {
    name: 'json',
    encode(value: V): Uint8Array {
      const text = JSON.stringify(value) as string | undefined;
      if (text === undefined) throw new TypeError(`a ${typeof value} cannot be written as JSON`);
      return encoder.encode(text);
    },
    decode(bytes: Uint8Array): V {
      const raw: unknown = JSON.parse(decoder.decode(bytes));
      return parse === undefined ? (raw as V) : parse(raw);
    },
  };
}
