const MAX_DEPTH = 16;

/**
 * A rough count of the heap bytes a value holds, for a memory cache's byte bound when no exact size is
 * given: 2 bytes per string character plus a header, 8 per number, the byte length of binary data, and a
 * header plus 8 bytes per slot for arrays and objects, recursively (to a depth of 16, which also stops
 * cycles). It over- rather than under-counts (V8 stores Latin-1 strings in 1 byte per character and
 * shares object layouts), so a byte bound holds with margin. Exactness would need the heap snapshot.
 */
export function estimateBytes(value: unknown, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return 16 + 2 * value.length;
    case 'number':
      return 8;
    case 'boolean':
      return 4;
    case 'bigint':
      return 16 + Math.ceil(value.toString(16).length / 2);
    case 'object':
      if (value === null) return 0;
      if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
      if (value instanceof ArrayBuffer) return 32 + value.byteLength;
      if (depth >= MAX_DEPTH) return 16;
      if (Array.isArray(value)) {
        let bytes = 16 + 8 * value.length;
        for (const item of value) bytes += estimateBytes(item, depth + 1);
        return bytes;
      }
      return estimateObject(value, depth);
    case 'undefined':
    case 'symbol':
    case 'function':
      return 8; // a pointer
  }
}

function estimateObject(value: object, depth: number): number {
  let bytes = 24;
  if (value instanceof Map) {
    for (const [key, item] of value as Map<unknown, unknown>) {
      bytes += 24 + estimateBytes(key, depth + 1) + estimateBytes(item, depth + 1);
    }
    return bytes;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key)) bytes += 8 + estimateBytes((value as Record<string, unknown>)[key], depth + 1);
  }
  return bytes;
}
