/**
 * A minimal LZ4 frame compressor for tests: greedy matching with a hash table, one block per frame. It
 * lets a test write LZ4-compressed Arrow files (as pyarrow and Freqtrade do) with apache-arrow, whose
 * writer needs an encoder. The header checksum byte is left zero (ATB's decoder skips checksums), so
 * other LZ4 readers may refuse its output; compatibility with the reference implementation is proven by
 * the vectors made with the lz4 command in decode-lz4-frame.test.ts.
 */
export function encodeLz4Frame(input: Uint8Array): Uint8Array {
  const block = compressBlock(input);
  const out = new Uint8Array(7 + 4 + block.length + 4);
  out.set([0x04, 0x22, 0x4d, 0x18, 0x60, 0x70, 0x00]);
  new DataView(out.buffer).setUint32(7, block.length, true);
  out.set(block, 11);
  return out; // the last four bytes stay zero: the end mark
}

function compressBlock(input: Uint8Array): Uint8Array {
  const n = input.length;
  const out: number[] = [];
  const table = new Map<number, number>();
  let anchor = 0;
  let pos = 0;
  const key = (at: number): number => ((input[at] ?? 0) | ((input[at + 1] ?? 0) << 8) | ((input[at + 2] ?? 0) << 16) | ((input[at + 3] ?? 0) << 24)) >>> 0;
  const writeLength = (length: number): void => {
    let rest = length - 15;
    while (rest >= 255) {
      out.push(255);
      rest -= 255;
    }
    out.push(rest);
  };
  // The format wants the last match to start at least 12 bytes before the end and the last 5 bytes literal.
  while (pos + 12 <= n) {
    const k = key(pos);
    const candidate = table.get(k);
    table.set(k, pos);
    if (candidate === undefined || pos - candidate > 65_535 || key(candidate) !== k) {
      pos += 1;
      continue;
    }
    let length = 4;
    while (pos + length < n - 5 && input[candidate + length] === input[pos + length]) length += 1;
    const literals = pos - anchor;
    const matchCode = length - 4;
    out.push((Math.min(literals, 15) << 4) | Math.min(matchCode, 15));
    if (literals >= 15) writeLength(literals);
    for (let i = anchor; i < pos; i += 1) out.push(input[i] ?? 0);
    out.push((pos - candidate) & 255, (pos - candidate) >> 8);
    if (matchCode >= 15) writeLength(matchCode);
    pos += length;
    anchor = pos;
  }
  const literals = n - anchor;
  out.push(Math.min(literals, 15) << 4);
  if (literals >= 15) writeLength(literals);
  for (let i = anchor; i < n; i += 1) out.push(input[i] ?? 0);
  return Uint8Array.from(out);
}
