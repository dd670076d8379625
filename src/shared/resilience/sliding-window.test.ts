// CountWindow and TimeWindow against a naive model that keeps every call and re-counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallTotals } from './call-window.js';
import { CountWindow } from './count-window.js';
import { TimeWindow } from './time-window.js';

interface Recorded {
  readonly atMs: number;
  readonly failed: boolean;
  readonly slow: boolean;
}

function count(calls: readonly Recorded[]): CallTotals {
  return {
    calls: calls.length,
    failedCalls: calls.filter((c) => c.failed).length,
    slowCalls: calls.filter((c) => c.slow).length,
    slowFailedCalls: calls.filter((c) => c.slow && c.failed).length,
  };
}

const call = fc.record({ gapMs: fc.integer({ min: 0, max: 2_500 }), failed: fc.boolean(), slow: fc.boolean() });

describe('sliding windows', () => {
  it('CountWindow holds exactly the last N calls', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(call, { maxLength: 60 }), (size, calls) => {
        const window = new CountWindow(size);
        const seen: Recorded[] = [];
        for (const { failed, slow } of calls) {
          seen.push({ atMs: 0, failed, slow });
          expect(window.record(failed, slow)).toEqual(count(seen.slice(-size)));
        }
      }),
    );
  });

  it('TimeWindow holds the calls of the current second and the N - 1 seconds before it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(call, { maxLength: 60 }),
        (seconds, startMs, calls) => {
          let nowMs = startMs;
          const window = new TimeWindow(seconds, nowMs);
          const seen: Recorded[] = [];
          const inWindow = (): Recorded[] => {
            const oldestSecond = Math.floor(nowMs / 1000) - seconds + 1;
            return seen.filter((c) => Math.floor(c.atMs / 1000) >= oldestSecond);
          };
          for (const { gapMs, failed, slow } of calls) {
            nowMs += gapMs;
            expect(window.totals(nowMs)).toEqual(count(inWindow()));
            seen.push({ atMs: nowMs, failed, slow });
            expect(window.record(failed, slow, nowMs)).toEqual(count(inWindow()));
          }
        },
      ),
    );
  });
});
