/**
 * How the simulated venue assumes price moved inside a bar, since a bar only records four prices:
 *
 *   open -> the extreme nearer to the open -> the farther extreme -> close
 *
 * in straight lines. When both extremes are equally far from the open, a bar that closes at or above its
 * open is taken to have visited its low first (open -> low -> high -> close) and a falling bar its high
 * first. A position on the path is `t` in [0, 3]: segment k (0: open to first extreme, 1: between the
 * extremes, 2: second extreme to close) plus the fraction travelled along it. Orders are executed in the
 * order their prices are reached on this path.
 */
export class IntrabarPath {
  /** The four corners: open, first extreme, second extreme, close. */
  readonly points: readonly [number, number, number, number];

  constructor(open: number, high: number, low: number, close: number) {
    const upFirst = high - open < open - low || (high - open === open - low && close < open);
    this.points = upFirst ? [open, high, low, close] : [open, low, high, close];
  }

  get open(): number {
    return this.points[0];
  }

  /**
   * The first position at or after `from` where the price is at or below `level` (a buy limit, a sell
   * stop), with the price traded there: the level itself, or the price at `from` when it is already
   * through the level (a gap). Undefined if the path never gets there.
   */
  firstAtOrBelow(level: number, from = 0): Touch | undefined {
    return this.first(level, from, -1);
  }

  /** The mirror image: first position at or above `level` (a sell limit, a buy stop). */
  firstAtOrAbove(level: number, from = 0): Touch | undefined {
    return this.first(level, from, 1);
  }

  /** The price at position t. */
  priceAt(t: number): number {
    const k = Math.min(Math.floor(t), 2);
    const a = this.points[k] as number;
    const b = this.points[k + 1] as number;
    return a + (b - a) * (t - k);
  }

  private first(level: number, from: number, direction: 1 | -1): Touch | undefined {
    const start = this.priceAt(from);
    if ((start - level) * direction >= 0) return { t: from, price: start, gap: true };
    for (let k = Math.floor(from); k < 3; k += 1) {
      const a = k === Math.floor(from) ? start : (this.points[k] as number);
      const b = this.points[k + 1] as number;
      if ((b - level) * direction >= 0) {
        const segmentStart = k === Math.floor(from) ? from : k;
        const fraction = a === b ? 0 : (level - a) / (b - a);
        return { t: segmentStart + fraction * (k + 1 - segmentStart), price: level, gap: false };
      }
    }
    return undefined;
  }
}

/** Where on the path a price was reached. `gap`: the path was already beyond the level, so it trades at `price`. */
export interface Touch {
  readonly t: number;
  readonly price: number;
  readonly gap: boolean;
}
