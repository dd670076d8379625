import { AtbError } from '../../shared/errors.js';
import type { Clock } from '../ports/clock.js';

/** A clock moved by the data: a backtest sets it to each event's time before handling the event. */
export class SimulatedClock implements Clock {
  /**
   * Initialised with a number: a class field declared without a value starts as undefined, and a field
   * that has held undefined stores each new float as a fresh heap object (one per bar here); one that has
   * only ever held numbers is overwritten in place.
   */
  private nowMs = 0;

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
