/**
 * Below this many values an output is allocated zero-filled: Node serves smaller `allocUnsafe` requests
 * from its shared 8 KiB pool, which the array would then keep alive, and the saving is nil there.
 */
const UNINITIALIZED_FROM = 1024;

interface NodeBufferGlobal {
  readonly Buffer?: { allocUnsafe(size: number): Uint8Array };
}

/**
 * A `Float64Array` of length `n` whose contents are unspecified, for a batch form that writes every
 * element itself. Zero-filling a million-value output costs about 1 ms (`npm run bench indicators`),
 * about a sixth of batch SMA(20); Node's `Buffer.allocUnsafe` skips it. Where there is no Buffer (a
 * browser) the array is zero-filled; the results are the same either way. A caller must write all `n`
 * elements: its tests run it on an output filled with a sentinel first (see sma.test.ts).
 */
export function uninitializedOutput(n: number): Float64Array {
  const nodeBuffer = (globalThis as NodeBufferGlobal).Buffer;
  if (n < UNINITIALIZED_FROM || nodeBuffer === undefined) return new Float64Array(n);
  const bytes = nodeBuffer.allocUnsafe(n * 8);
  // Outside the pool a Buffer owns its whole ArrayBuffer from offset 0, so the view is aligned.
  return new Float64Array(bytes.buffer, bytes.byteOffset, n);
}
