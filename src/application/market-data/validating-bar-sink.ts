import { BarSeriesBuilder } from '../../domain/market-data/bar-series-builder.js';
import { AtbError } from '../../shared/errors.js';
import type { BadRow } from './bar-load-report.js';
import { formatUtcTimestamp } from './utc-timestamp.js';

/** How many rejected rows and duplicates a report lists by line (all are counted). */
const REPORT_EXAMPLES = 10;

export interface ValidatingBarSinkOptions {
  /** The file as the user named it: errors read `<file>:<line>: <reason>`. */
  readonly file: string;
  readonly skipBadRows?: boolean;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly initialCapacity?: number;
  /** 'row' for formats without lines (Arrow): errors then read `<file>:row <n>: <reason>`. */
  readonly position?: 'line' | 'row';
  /**
   * Turns the position a parser passes to accept/reject into the line (or row) number shown. Called only
   * for messages, so a parser can pass cheap positions (JSON: the array index) and count lines lazily.
   * Default: the position is the line.
   */
  readonly locate?: (position: number) => number;
}

/**
 * The one place where every file format's rows are checked before they become bars, so CSV, JSON and
 * Arrow reject the same things with the same words:
 * - prices finite and positive, volume finite and not negative, low <= open, close <= high;
 * - timestamps strictly increasing: a row that repeats the previous one exactly is a duplicate (dropped
 *   and counted); the same timestamp with other values, or an earlier one, is a bad row.
 * A bad row stops the load (AtbError DATA_INVALID, `file:line: reason`) unless `skipBadRows`, when it is
 * counted and the first few are kept for the report. Parsers report unreadable fields through `reject`.
 */
export class ValidatingBarSink {
  readonly bars: BarSeriesBuilder;
  private readonly file: string;
  private readonly skipBadRows: boolean;
  private readonly fromMs: number;
  private readonly toMs: number;
  private readonly linePrefix: string;
  private readonly locate: (position: number) => number;
  private rows = 0;
  private badCount = 0;
  private readonly bad: BadRow[] = [];
  private duplicateCount = 0;
  private readonly duplicateLines: number[] = [];
  private filtered = 0;
  // The last valid row (stored or filtered out): order and duplicates are checked against it.
  private lastPosition = 0;
  private lastTs = Number.NEGATIVE_INFINITY;
  private lastOpen = 0;
  private lastHigh = 0;
  private lastLow = 0;
  private lastClose = 0;
  private lastVolume = 0;

  constructor(options: ValidatingBarSinkOptions) {
    this.file = options.file;
    this.skipBadRows = options.skipBadRows ?? false;
    this.fromMs = options.fromMs ?? Number.NEGATIVE_INFINITY;
    this.toMs = options.toMs ?? Number.POSITIVE_INFINITY;
    this.linePrefix = options.position === 'row' ? 'row ' : '';
    this.locate = options.locate ?? ((position) => position);
    this.bars = new BarSeriesBuilder(options.initialCapacity);
  }

  /** A row whose fields all parsed as numbers; checked, then stored, dropped as a duplicate or rejected. */
  accept(position: number, ts: number, open: number, high: number, low: number, close: number, volume: number): void {
    this.rows += 1;
    const problem = this.check(ts, open, high, low, close, volume);
    if (problem !== undefined) {
      this.fail(position, problem);
      return;
    }
    if (ts <= this.lastTs) {
      if (ts < this.lastTs) {
        this.fail(
          position,
          `timestamp ${formatUtcTimestamp(ts)} is before the previous row's ${formatUtcTimestamp(this.lastTs)} ` +
            `(${this.where(this.lastPosition)}): rows must be in increasing time order`,
        );
      } else if (
        open === this.lastOpen &&
        high === this.lastHigh &&
        low === this.lastLow &&
        close === this.lastClose &&
        volume === this.lastVolume
      ) {
        this.duplicateCount += 1;
        if (this.duplicateLines.length < REPORT_EXAMPLES) this.duplicateLines.push(this.locate(position));
      } else {
        this.fail(position, `timestamp ${formatUtcTimestamp(ts)} repeats ${this.where(this.lastPosition)} with different values`);
      }
      return;
    }
    this.lastPosition = position;
    this.lastTs = ts;
    this.lastOpen = open;
    this.lastHigh = high;
    this.lastLow = low;
    this.lastClose = close;
    this.lastVolume = volume;
    if (ts < this.fromMs || ts > this.toMs) this.filtered += 1;
    else this.bars.push(ts, open, high, low, close, volume);
  }

  /** A row a parser could not read (wrong column count, a field that is not a number or a date). */
  reject(position: number, reason: string): void {
    this.rows += 1;
    this.fail(position, reason);
  }

  /** The full `file:line: reason` text, as errors carry it. */
  message(line: number, reason: string): string {
    return `${this.file}:${this.linePrefix}${line}: ${reason}`;
  }

  get rowsRead(): number {
    return this.rows;
  }

  get skipped(): { readonly count: number; readonly first: readonly BadRow[] } {
    return { count: this.badCount, first: [...this.bad] };
  }

  get duplicates(): { readonly count: number; readonly firstLines: readonly number[] } {
    return { count: this.duplicateCount, firstLines: [...this.duplicateLines] };
  }

  get filteredOut(): number {
    return this.filtered;
  }

  private check(ts: number, open: number, high: number, low: number, close: number, volume: number): string | undefined {
    // One combined test keeps the common (valid) row to a few comparisons; the messages come after.
    if (
      Number.isFinite(ts) &&
      low > 0 &&
      low <= open &&
      low <= close &&
      high >= open &&
      high >= close &&
      high < Number.POSITIVE_INFINITY &&
      volume >= 0 &&
      volume < Number.POSITIVE_INFINITY
    ) {
      return undefined;
    }
    if (!Number.isFinite(ts)) return `timestamp ${ts} is not a time`;
    for (const [name, value] of [['open', open], ['high', high], ['low', low], ['close', close]] as const) {
      if (!Number.isFinite(value)) return `${name} ${value} is not a finite number`;
      if (value <= 0) return `${name} ${value} is not a positive price`;
    }
    if (high < low) return `high ${high} is below low ${low}`;
    if (open > high) return `open ${open} is above high ${high}`;
    if (open < low) return `open ${open} is below low ${low}`;
    if (close > high) return `close ${close} is above high ${high}`;
    if (close < low) return `close ${close} is below low ${low}`;
    if (!Number.isFinite(volume)) return `volume ${volume} is not a finite number`;
    return `volume ${volume} is negative`;
  }

  private fail(position: number, reason: string): void {
    const line = this.locate(position);
    if (!this.skipBadRows) {
      throw new AtbError('DATA_INVALID', this.message(line, reason), { file: this.file, line, reason });
    }
    this.badCount += 1;
    if (this.bad.length < REPORT_EXAMPLES) this.bad.push({ line, reason });
  }

  private where(position: number): string {
    const line = this.locate(position);
    return this.linePrefix === '' ? `line ${line}` : `row ${line}`;
  }
}
