import { AtbError } from '../../shared/errors.js';

const FRAME_MAGIC = 0x184d2204;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const BLOCK_MAX_BYTES = [0, 0, 0, 0, 65_536, 262_144, 1_048_576, 4_194_304] as const;

/**
 * Decompresses LZ4 frames (https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md), the codec
 * pyarrow and Freqtrade use by default for Feather files. apache-arrow reads compressed IPC only with a
 * codec registered by the caller and ATB has no LZ4 package, so decoding (the simple half of LZ4, about
 * sixty lines of the block format) is written here. Checksums are skipped, not verified: Arrow checks
 * the decompressed lengths, and a corrupt body fails the bar validation that follows.
 */
export function decodeLz4Frame(input: Uint8Array): Uint8Array {
  let out = new Uint8Array(Math.max(1024, input.length * 4));
  let size = 0;
  let pos = 0;
  const ensure = (extra: number): void => {
    if (size + extra <= out.length) return;
    let capacity = out.length * 2;
    while (capacity < size + extra) capacity *= 2;
    const larger = new Uint8Array(capacity);
    larger.set(out.subarray(0, size));
    out = larger;
  };

  while (pos < input.length) {
    const magic = readU32(input, pos);
    if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      pos += 8 + readU32(input, pos + 4);
      continue;
    }
    if (magic !== FRAME_MAGIC) throw corrupt(`bad frame magic 0x${magic.toString(16)}`);
    const flags = input[pos + 4] ?? 0;
    const blockDescriptor = input[pos + 5] ?? 0;
    if (flags >> 6 !== 1) throw corrupt(`unsupported frame version ${flags >> 6}`);
    if ((flags & 1) !== 0) throw corrupt('frames with a dictionary are not supported');
    const blockChecksum = (flags & 0x10) !== 0;
    const contentChecksum = (flags & 0x04) !== 0;
    const blockMax = BLOCK_MAX_BYTES[(blockDescriptor >> 4) & 7] ?? 0;
    if (blockMax === 0) throw corrupt('bad block size');
    pos += 6 + ((flags & 0x08) !== 0 ? 8 : 0) + 1; // descriptor, optional content size, header checksum

    for (;;) {
      const word = readU32(input, pos);
      pos += 4;
      if (word === 0) break;
      const length = word & 0x7fffffff;
      if (pos + length > input.length) throw corrupt('truncated block');
      ensure(blockMax);
      if ((word & 0x80000000) !== 0) {
        out.set(input.subarray(pos, pos + length), size);
        size += length;
      } else {
        size = decodeBlock(input, pos, pos + length, out, size);
      }
      pos += length + (blockChecksum ? 4 : 0);
    }
    if (contentChecksum) pos += 4;
  }
  return out.subarray(0, size);
}

/** Decodes one LZ4 block from input[start, end) into out at `at`; returns the new output size. */
function decodeBlock(input: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
  let pos = start;
  let size = at;
  while (pos < end) {
    const token = input[pos++] ?? 0;
    let literals = token >> 4;
    if (literals === 15) {
      let extra = 255;
      while (extra === 255 && pos < end) {
        extra = input[pos++] ?? 0;
        literals += extra;
      }
    }
    if (pos + literals > end || size + literals > out.length) throw corrupt('literals overrun the block');
    out.set(input.subarray(pos, pos + literals), size);
    pos += literals;
    size += literals;
    if (pos >= end) break; // the last sequence has literals only
    const offset = (input[pos] ?? 0) | ((input[pos + 1] ?? 0) << 8);
    pos += 2;
    if (offset === 0 || offset > size) throw corrupt('match offset out of range');
    let matchLength = (token & 15) + 4;
    if ((token & 15) === 15) {
      let extra = 255;
      while (extra === 255 && pos < end) {
        extra = input[pos++] ?? 0;
        matchLength += extra;
      }
    }
    if (size + matchLength > out.length) throw corrupt('match overruns the block');
    // Byte by byte: a match may overlap the bytes it is producing (offset < length repeats a pattern).
    for (let from = size - offset, k = 0; k < matchLength; k += 1) out[size + k] = out[from + k] ?? 0;
    size += matchLength;
  }
  return size;
}

function readU32(bytes: Uint8Array, pos: number): number {
  if (pos + 4 > bytes.length) throw corrupt('truncated frame');
  return ((bytes[pos] ?? 0) | ((bytes[pos + 1] ?? 0) << 8) | ((bytes[pos + 2] ?? 0) << 16) | ((bytes[pos + 3] ?? 0) << 24)) >>> 0;
}

function corrupt(reason: string): AtbError {
  return new AtbError('DATA_INVALID', `LZ4 data is corrupt or unsupported: ${reason}`, { reason });
}
