import { afterEach, describe, expect, it } from 'vitest';
import { UNWRITTEN_OUTPUT } from '../../../test/setup/perturb-indicator-outputs.js';
import { sma } from './sma.js';
import { perturbOutputs, uninitializedOutput } from './output.js';

describe('uninitializedOutput', () => {
  // The setup file turns perturbation on for every test file; these tests need the real allocation.
  afterEach(() => perturbOutputs(UNWRITTEN_OUTPUT));

  it('gives a writable Float64Array of the length asked for, small or large, without perturbation', () => {
    perturbOutputs(undefined);
    for (const n of [0, 1, 1023, 1024, 1025, 1_000_000]) {
      const out = uninitializedOutput(n);
      expect(out).toBeInstanceOf(Float64Array);
      expect(out.length, `length for ${n}`).toBe(n);
      expect(out.byteOffset % 8, `alignment for ${n}`).toBe(0);
      if (n > 1) {
        out[n - 1] = 1.5;
        out[0] = -2.25;
        expect([out[0], out[n - 1]]).toEqual([-2.25, 1.5]);
      }
    }
  });

  it('gives each call its own memory', () => {
    perturbOutputs(undefined);
    const first = uninitializedOutput(4096).fill(1);
    const second = uninitializedOutput(4096).fill(2);
    expect(first.buffer).not.toBe(second.buffer);
    expect(first.every((v) => v === 1)).toBe(true);
  });

  it('fills every output with the perturbation value while one is set, and not after', () => {
    perturbOutputs(-3.5);
    expect(Array.from(uninitializedOutput(3))).toEqual([-3.5, -3.5, -3.5]);
    expect(uninitializedOutput(5000).every((v) => v === -3.5)).toBe(true);
    perturbOutputs(undefined);
    expect(Array.from(uninitializedOutput(3))).toEqual([0, 0, 0]);
  });

  it('is active in every test file (the setup file): a batch output starts as the sentinel', () => {
    // A fresh output holds the sentinel, and a batch form overwrites it: SMA(5) of 3 values is NaN throughout.
    expect(uninitializedOutput(2)[0]).toBe(UNWRITTEN_OUTPUT);
    expect(Array.from(sma([1, 2, 3], 5))).toEqual([Number.NaN, Number.NaN, Number.NaN]);
  });
});
