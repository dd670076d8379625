import type { BarRowSink } from './scan-csv-bars.js';

/**
 * Rows as a scanner produced them, in columns that can cross to another thread without a copy: a worker
 * scans part of a file into a BarRowRecorder, and the loader replays the rows, in file order, into the
 * one ValidatingBarSink, so validation, duplicates and line numbers come out as in a single scan.
 */
export interface RecordedBarRows {
  readonly count: number;
  /** Seven columns of `count` values each: position, ts, open, high, low, close, volume. */
  readonly columns: readonly Float64Array<ArrayBuffer>[];
  /** Rejected rows, each before the accepted row with index `before`. */
  readonly rejects: readonly { readonly before: number; readonly position: number; readonly reason: string }[];
}

const COLUMNS = 7;

export class BarRowRecorder implements BarRowSink {
  private capacity: number;
  private count = 0;
  private columns: Float64Array<ArrayBuffer>[];
  private readonly rejects: { before: number; position: number; reason: string }[] = [];

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, Math.ceil(initialCapacity));
    this.columns = Array.from({ length: COLUMNS }, () => new Float64Array(this.capacity));
  }

  accept(position: number, ts: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count;
    const [p, t, o, h, l, c, v] = this.columns as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    p[i] = position;
    t[i] = ts;
    o[i] = open;
    h[i] = high;
    l[i] = low;
    c[i] = close;
    v[i] = volume;
    this.count = i + 1;
  }

  reject(position: number, reason: string): void {
    this.rejects.push({ before: this.count, position, reason });
  }

  /** The rows so far; the columns' buffers can be transferred (the recorder must not be used after). */
  rows(): RecordedBarRows {
    return { count: this.count, columns: this.columns, rejects: this.rejects };
  }

  private grow(): void {
    this.capacity *= 2;
    this.columns = this.columns.map((column) => {
      const larger = new Float64Array(this.capacity);
      larger.set(column);
      return larger;
    });
  }
}

/** Feeds recorded rows to `sink` in their original order, their positions moved by `lineOffset`. */
export function replayBarRows(rows: RecordedBarRows, sink: BarRowSink, lineOffset: number): void {
  const [p, t, o, h, l, c, v] = rows.columns;
  if (p === undefined || t === undefined || o === undefined || h === undefined || l === undefined || c === undefined || v === undefined) {
    throw new Error(`recorded bar rows need ${COLUMNS} columns, got ${rows.columns.length}`);
  }
  let next = 0;
  for (let i = 0; i < rows.count; i++) {
    for (let reject = rows.rejects[next]; reject !== undefined && reject.before === i; reject = rows.rejects[++next]) {
      sink.reject(reject.position + lineOffset, reject.reason);
    }
    sink.accept((p[i] ?? 0) + lineOffset, t[i] ?? 0, o[i] ?? 0, h[i] ?? 0, l[i] ?? 0, c[i] ?? 0, v[i] ?? 0);
  }
  for (let reject = rows.rejects[next]; reject !== undefined; reject = rows.rejects[++next]) {
    sink.reject(reject.position + lineOffset, reject.reason);
  }
}
