import { AtbError } from '../../shared/errors.js';
import type { Clock } from '../ports/clock.js';

/** A clock moved by the data: a backtest sets it to each event's time before handling the event. */
export class SimulatedClock implements Clock {
  private nowMs: number;

  constructor(startMs = 0) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** Moves time forward; time never runs backwards. */
  advanceTo(tsMs: number): void {
    if (tsMs < this.nowMs) {
      throw new AtbError('DATA_INVALID', `time went backwards: ${new Date(tsMs).toISOString()} after ${new Date(this.nowMs).toISOString()}`, { tsMs, nowMs: this.nowMs });
    }
    this.nowMs = tsMs;
  }
}
