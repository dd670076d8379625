import { describe, expect, it } from 'vitest';
import { uninitializedOutput } from './output.js';

describe('uninitializedOutput', () => {
  it('gives a writable Float64Array of the length asked for, small or large', () => {
    for (const n of [0, 1, 1023, 1024, 1025, 1_000_000]) {
      const out = uninitializedOutput(n);
      expect(out).toBeInstanceOf(Float64Array);
      expect(out.length, `length for ${n}`).toBe(n);
      if (n > 0) {
        out[n - 1] = 1.5;
        out[0] = -2.25;
        expect([out[0], out[n - 1]]).toEqual(n === 1 ? [-2.25, -2.25] : [-2.25, 1.5]);
      }
    }
  });

  it('gives each call its own memory', () => {
    const first = uninitializedOutput(4096).fill(1);
    const second = uninitializedOutput(4096).fill(2);
    expect(first.buffer).not.toBe(second.buffer);
    expect(first.every((v) => v === 1)).toBe(true);
  });
});
