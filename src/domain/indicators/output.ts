/**
 * Below this many values an output is allocated zero-filled: Node serves smaller `allocUnsafe` requests
 * from its shared 8 KiB pool, which the array would then keep alive, and the saving is nil there.
 */
const UNINITIALIZED_FROM = 1024;

interface NodeBufferGlobal {
  readonly Buffer?: { allocUnsafe(size: number): Uint8Array };
}

/** Node's Buffer, looked up once; undefined outside Node. */
const nodeBuffer = (globalThis as NodeBufferGlobal).Buffer;

/** See perturbOutputs. */
let perturbation: number | undefined;

/**
 * A `Float64Array` of length `n` whose contents are unspecified, for a batch form that writes every
 * element itself. Zero-filling a million-value output costs about 1 ms (`npm run bench indicators`),
 * about a sixth of batch SMA(20); Node's `Buffer.allocUnsafe` skips it. Where there is no Buffer (a
 * browser) the array is zero-filled; the results are the same either way.
 */
export function uninitializedOutput(n: number): Float64Array {
  if (perturbation !== undefined) return new Float64Array(n).fill(perturbation);
  if (n < UNINITIALIZED_FROM || nodeBuffer === undefined) return new Float64Array(n);
  const bytes = nodeBuffer.allocUnsafe(n * 8);
  // Outside the pool a Buffer owns its whole ArrayBuffer from offset 0, so the view is aligned.
  return new Float64Array(bytes.buffer, bytes.byteOffset, n);
}

/**
 * Fills every output uninitializedOutput makes from now on with `value` (undefined: stop), as glibc's
 * MALLOC_PERTURB_ does for malloc. The test suite turns it on for every test file (test/setup), so a
 * batch form that leaves an element unwritten gives a wrong value where a test reads it, instead of
 * whatever the memory held, which could have passed.
 */
export function perturbOutputs(value: number | undefined): void {
  perturbation = value;
}
