import { describe, expect, it } from 'vitest';
import { encodeLz4Frame } from '../../../test/market-data/lz4-frame-encoder.js';
import { decodeLz4Frame } from './decode-lz4-frame.js';

// Vectors made with the reference implementation (lz4 v1.9.4 command line) from the inputs below:
//   dependent: lz4 -9 -BD -B4 --content-size -BX  (64 KB linked blocks, block and content checksums)
//   independent: lz4 -1 --no-frame-crc -B4        (64 KB independent blocks)
//   stored: lz4 -9 on 500 incompressible bytes    (an uncompressed block)
const DEPENDENT =
  'BCJNGFxAaGgCAAAAAAAgzwIAAP/xCzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW+yBFao+0' +
  '2f4jSG2St9wBJktwlbrfBClOc5i94gcsUXabwOUKL1R5nsPoDTJXfKHG6xA1Wn+kye4TOF2Cp8zxFjtgharP9Bk+Y4it0vccQWaL' +
  'sNX6H0RpjrPY/SJHbJG22wAlSm+Uud4DKE1yl7zhBitQdZq/5AkuU3idwucMMVZ7oMXqDzRZfqPI7RI3XIGmy/AVOl+Eqc7zGD1i' +
  'h6zR9htAZYqv1PkeQ2iNstf8IUZrkLXa/yRJbpO43QInTHGWu+AFKk90mb7jCC1Sd5zB5gABGXIwLDAsYWJjAwBGCjEsMQ4AV3gK' +
  'MiwyDwBYeAozLDMQAFl4CjQsMBEAWngKMCwxEgBbeAoxLDITAABaABszJwABXwAIjAAaNIwAGzCMABwxjAAdMowAHjOMAB80jAAA' +
  'HzCMAAEZMYwAGjKMABszjAAcNIwAHTCMAB4xjAAfMowAAB8zjAABCWYBC2IBDF4BDVoBLQozjAAeNIwAHzCMAAAfMYwAAQlmAQti' +
  'AQxeAQ1aAS0KMYwAHjKMAB8zjAAAHzSMAAEPvAL/////////////////////////////////////////////////////////////' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '///////////////////////////////////////////////////////////////////////////8UGN4eHh4++lGbgoBAAAPvAL/' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '////////////////////////////////////////6FBhYmNhYo/fOhdyAAAAD7wC////////////////////////////////////' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '//+4UHh4eHgKT69OyAAAAADzR/PP';
const INDEPENDENT =
  'BCJNGGBAgusCAAD/8QswVXqfxOkOM1h9osfsETZbgKXK7xQ5XoOozfIXPGGGq9D1Gj9kia7T+B1CZ4yx1vsgRWqPtNn+I0htkrfc' +
  'ASZLcJW63wQpTnOYveIHLFF2m8DlCi9UeZ7D6A0yV3yhxusQNVp/pMnuEzhdgqfM8RY7YIWqz/QZPmOIrdL3HEFmi7DV+h9EaY6z' +
  '2P0iR2yRttsAJUpvlLneAyhNcpe84QYrUHWav+QJLlN4ncLnDDFWe6DF6g80WX6jyO0SN1yBpsvwFTpfhKnO8xg9Yoes0fYbQGWK' +
  'r9T5HkNojbLX/CFGa5C12v8kSW6TuN0CJ0xxlrvgBSpPdJm+4wgtUnecweYAARlyMCwwLGFiYwMARgoxLDEOAFd4CjIsMg8AWHgK' +
  'MywzEAA4eAo0PgAQeBIAGTBCAAETABoxRgAAAgArCjJKAAACACgKM04AKQo0SgAqCjBGACsKMUIAKAoyPgADUAAIzgABEwAaNEYA' +
  'AAIAKwowSgAAAgAoCjFOACoKMowAGjNGACsKNEIAGQpWAQNQAA2MAAteAQACAA1iAQACAApmAQtiAQxeAQ1aAQpWAQNQAA2MAAte' +
  'AQACAA1iAQACAApmAQtiAQxeAQ1aAQpWAQNQAA2MAAteAQACAA1iAQACAApmAQ+8Av//////////////////////////////////' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '/+9QY3h4eHjrAQAAsnh4eAozLDAsYWJjAwBGCjQsMQ4AV3gKMCwyDwBYeAoxLDMQADh4CjI+ABB4EgAZM0IAARMAGjRGAAACACsK' +
  'MEoAAAIAKAoxTgApCjJKACoKM0YAKwo0QgAoCjA+AANQAAjOAAETABoyRgAAAgArCjNKAAACACgKNE4AKgowjAAaMUYAKwoyQgAK' +
  'VgEDUAANjAALXgEAAgANYgEAAgAKZgELYgEMXgENWgEKVgEDUAANjAALXgEAAgANYgEAAgAKZgELYgEMXgENWgEKVgEDUAANjAAL' +
  'XgEAAgANYgEAAgAKZgEPvAL/////////////////////////////////////////////////////////////////////////////' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '/////////////////////////////////////////////////////////////xlQYWJjYWJLAQAAkmMKMywxLGFiYwMAV3gKNCwy' +
  'DwBYeAowLDMQAFl4CjEsMBEAOXgKMkIAARMAGjNGAAACACsKNEoAAAIAKAowTgApCjFKACoKMkYAKwozQgAoCjQ+AANQAAjOAAET' +
  'ABoxRgAAAgArCjJKAAACACgKM04AKgo0jAAaMEYAKwoxQgAoCjI+AANQAA2MAAteAQACAA1iAQACAApmAQtiAQxeAQ1aAQpWAQNQ' +
  'AA2MAAteAQACAA1iAQACAApmAQtiAQxeAQ1aAQpWAQNQAA2MAAteAQACAA1iAQACAApmAQ+8Av//////////////////////////' +
  '////////////////////////////////////////////////////////////////////////////////////////////////////' +
  '////////+FB4eHh4CgAAAAA=';
const STORED =
  'BCJNGGRAp/QBAIDcBGWqH60dWtrlrBseXxNweWz9EP8Zr2AdBKy0HQIrRnhzOvLfX663CFnR7jkQy0iVtcyJKRH/BrZiLt88+TX9' +
  'S5Qoygl8RLMCXpZfs+ptrNQtgW5pr+Dmh0ycBOfSNl0sYMnq9Hn2hqDrkybkYhLVDcuzdxVqajpouo7bdAhGnvPOswr40N1ou/hf' +
  '+iTy0vwYh/tch7q0ODKlmxs9EHz3eNZ/4m34EZEpfpOVyxLFV85a8dQWGNcZvARbfpll8aKUccQqrGqpOMR1x60yOAIfBTssmRr8' +
  '6xXez2i64Hy81h6XG5oLnb6XY9OS/K/fooyXI0Vi690HZXD/WIlqz/fK7j8c6eQKaOXek404nH2911sJ1OfiM0Q/SozEoZDWuLjc' +
  'YV/Rjii+WQ6qUBtQimo2KeZw31V3utxEbUO7qQgX1sD2ewhhcNktyRJyWyR+wuLasbIEniCAdDeab5AM3S5ecvUJSLZY0Zfpw4yx' +
  'btPdEkRiMgwUp68/+gze1hPOE4bLV6BH5Fu+0UW0NtWI/tIAQfKHsQ+DX3RluihGFlLfiKIT2b9C77cRtd4Hf8l5uuOoWEqp6C2o' +
  'TVCd5phr4qmazyFMZiqM1ZARN5hnibut81GNE631HKEBlKywhGz1ivUqepH186svhjK6gUUgPcNnFIh6dQAAAAAZTnNH';

/** 300 distinct-looking bytes (a literal run longer than 15 + 255), then 9000 short repetitive lines. */
function repetitiveInput(): Uint8Array {
  const prefix = Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256);
  let text = '';
  for (let i = 0; i < 9000; i += 1) text += `${i % 5},${i % 4},abcabcabc${'x'.repeat(i % 8)}\n`;
  return Uint8Array.from([...prefix, ...Buffer.from(text, 'latin1')]);
}

/** The 500 bytes of a 31-bit linear congruential generator seeded with 12345. */
function incompressibleInput(): Uint8Array {
  const out = new Uint8Array(500);
  let x = 12345;
  for (let i = 0; i < out.length; i += 1) {
    x = Number((BigInt(x) * 1103515245n + 12345n) & 0x7fffffffn);
    out[i] = (x >> 16) & 255;
  }
  return out;
}

const bytes = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));

describe('decodeLz4Frame', () => {
  it('decodes frames with linked blocks, checksums and a content size, as the lz4 tool writes them', () => {
    const expected = repetitiveInput();
    expect(expected.length, 'the input spans three 64 KB blocks').toBe(157_800);
    expect(Buffer.from(decodeLz4Frame(bytes(DEPENDENT))).equals(Buffer.from(expected))).toBe(true);
  });

  it('decodes frames with independent blocks', () => {
    expect(Buffer.from(decodeLz4Frame(bytes(INDEPENDENT))).equals(Buffer.from(repetitiveInput()))).toBe(true);
  });

  it('copies stored (uncompressed) blocks', () => {
    expect(Buffer.from(decodeLz4Frame(bytes(STORED))).equals(Buffer.from(incompressibleInput()))).toBe(true);
  });

  it('decodes concatenated frames into one output', () => {
    const joined = Buffer.concat([bytes(STORED), bytes(INDEPENDENT)]);
    const expected = Buffer.concat([incompressibleInput(), repetitiveInput()]);
    expect(Buffer.from(decodeLz4Frame(joined)).equals(expected)).toBe(true);
  });

  it('round-trips through the test encoder used to write compressed Arrow files', () => {
    const input = repetitiveInput();
    const frame = encodeLz4Frame(input);
    expect(frame.length, 'the encoder really compresses').toBeLessThan(input.length / 10);
    expect(Buffer.from(decodeLz4Frame(frame)).equals(Buffer.from(input))).toBe(true);
  });

  it('rejects data that is not an LZ4 frame or is cut short', () => {
    expect(() => decodeLz4Frame(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/LZ4 data is corrupt or unsupported: bad frame magic/);
    expect(() => decodeLz4Frame(bytes(DEPENDENT).subarray(0, 200))).toThrow(/LZ4 data is corrupt or unsupported: truncated/);
  });
});
