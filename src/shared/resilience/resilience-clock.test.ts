import { describe, expect, it } from 'vitest';
import { systemClock } from './resilience-clock.js';

// The only tests on real time in this folder: a few milliseconds each.
describe('systemClock', () => {
  it('sleeps about the asked time on a monotonic scale', async () => {
    const start = systemClock.now();
    await systemClock.sleep(5);
    expect(systemClock.now() - start).toBeGreaterThanOrEqual(4);
  });

  it('rejects with the abort reason, immediately when already aborted', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await expect(systemClock.sleep(10_000, controller.signal)).rejects.toThrow('stop');
  });
});
