import type { BarRowSink } from './scan-csv-bars.js';

/** Numbers per recorded row: position, ts, open, high, low, close, volume. */
const FIELDS = 7;

/**
 * Rows as a scanner produced them, in one array that can cross to another thread without a copy: a worker
 * scans part of a file into a BarRowRecorder, and the loader replays the rows, in file order, into the one
 * ValidatingBarSink, so validation, duplicates and line numbers come out as in a single scan.
 */
export interface RecordedBarRows {
  readonly count: number;
  /** `count` rows of seven numbers each: position, ts, open, high, low, close, volume. */
  readonly values: Float64Array<ArrayBuffer>;
  /** Rejected rows, each before the accepted row with index `before`. */
  readonly rejects: readonly { readonly before: number; readonly position: number; readonly reason: string }[];
}

export class BarRowRecorder implements BarRowSink {
  private count = 0;
  private values: Float64Array<ArrayBuffer>;
  private readonly rejects: { before: number; position: number; reason: string }[] = [];

  constructor(initialCapacity = 1024) {
    this.values = new Float64Array(Math.max(16, Math.ceil(initialCapacity)) * FIELDS);
  }

  accept(position: number, ts: number, open: number, high: number, low: number, close: number, volume: number): void {
    const at = this.count * FIELDS;
    if (at === this.values.length) this.grow();
    const values = this.values;
    values[at] = position;
    values[at + 1] = ts;
    values[at + 2] = open;
    values[at + 3] = high;
    values[at + 4] = low;
    values[at + 5] = close;
    values[at + 6] = volume;
    this.count += 1;
  }

  reject(position: number, reason: string): void {
    this.rejects.push({ before: this.count, position, reason });
  }

  /** The rows so far; `values.buffer` can be transferred (the recorder must not be used after). */
  rows(): RecordedBarRows {
    return { count: this.count, values: this.values, rejects: this.rejects };
  }

  private grow(): void {
    const larger = new Float64Array(this.values.length * 2);
    larger.set(this.values);
    this.values = larger;
  }
}

/** Feeds recorded rows to `sink` in their original order, their positions moved by `lineOffset`. */
export function replayBarRows(rows: RecordedBarRows, sink: BarRowSink, lineOffset: number): void {
  const values = rows.values;
  let next = 0;
  for (let i = 0; i < rows.count; i++) {
    for (let reject = rows.rejects[next]; reject !== undefined && reject.before === i; reject = rows.rejects[++next]) {
      sink.reject(reject.position + lineOffset, reject.reason);
    }
    const at = i * FIELDS;
    sink.accept(
      (values[at] ?? 0) + lineOffset,
      values[at + 1] ?? 0,
      values[at + 2] ?? 0,
      values[at + 3] ?? 0,
      values[at + 4] ?? 0,
      values[at + 5] ?? 0,
      values[at + 6] ?? 0,
    );
  }
  for (let reject = rows.rejects[next]; reject !== undefined; reject = rows.rejects[++next]) {
    sink.reject(reject.position + lineOffset, reject.reason);
  }
}
