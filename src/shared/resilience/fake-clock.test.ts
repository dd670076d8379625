import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.js';

describe('FakeClock', () => {
  it('wakes sleeps in due order (ties in creation order) at their due time', async () => {
    const clock = new FakeClock(1_000);
    const woke: string[] = [];
    const note = (name: string) => () => woke.push(`${name}@${clock.now()}`);
    void clock.sleep(30).then(note('c'));
    void clock.sleep(10).then(note('a'));
    void clock.sleep(10).then(note('b'));

    await clock.advance(29);
    expect(woke).toEqual(['a@1010', 'b@1010']);
    await clock.advance(1);
    expect(woke).toEqual(['a@1010', 'b@1010', 'c@1030']);
    expect(clock.now()).toBe(1_030);
  });

  it('also wakes sleeps scheduled by woken code when they fall due within the same advance', async () => {
    const clock = new FakeClock();
    const times: number[] = [];
    const loop = async (): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(40);
        times.push(clock.now());
      }
    };
    void loop();

    await clock.advance(100);

    expect(times).toEqual([40, 80]);
    expect(clock.now()).toBe(100);
    expect(clock.pendingSleeps).toBe(1);
  });

  it('rejects an aborted sleep with the reason and forgets it', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(100, controller.signal);

    controller.abort(new Error('stop'));

    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pendingSleeps).toBe(0);
    await expect(clock.sleep(1, controller.signal)).rejects.toThrow('stop');
  });
});

