import { ExactSum } from './exact-sum.js';
import { fitsGrid, gridFor, growthBits, type Grid } from './fixed-point-grid.js';

/**
 * Exact rolling sums of a window y_1..y_n (oldest first, n <= period): S = sum(y_j) and the linearly
 * weighted T = sum(j * y_j), updated in O(1) with `T' = T - S + n * y_new` once the window is full
 * (TA-Lib's WMA recurrence, here without drift). Same scheme as RollingSum: a fixed-point grid with
 * room for the weights, and an exact expansion for windows that do not fit it.
 *
 * Non-finite inputs count as 0 in the sums and are counted: results are meaningless (and callers
 * report undefined) while one is inside the window.
 */
export class RollingWeightedSum {
  readonly period: number;
  private readonly window: Float64Array;
  private readonly growth: number;
  private next = 0;
  private size = 0;
  private nonFinite = 0;
  private run = 0;
  private last = Number.NaN;
  private fast = true;
  private sHi = 0;
  private sLo = 0;
  private tHi = 0;
  private tLo = 0;
  private grid: Grid = { hiMagic: 0, loMagic: 0, bound: -1, floor: 0 };
  private readonly exactS = new ExactSum();
  private readonly exactT = new ExactSum();
  private readonly scratch = new ExactSum();
  private exactBars = 0;

  constructor(period: number) {
    this.period = period;
    this.window = new Float64Array(period);
    // |T|, |2T - (n + 1) S| and every intermediate stay below 2 n (n + 2) times the largest |y|.
    this.growth = growthBits(2 * period * (period + 2));
  }

  get isFull(): boolean {
    return this.size === this.period;
  }

  get hasNonFinite(): boolean {
    return this.nonFinite > 0;
  }

  /** True when the window is full and all its values are equal. */
  get isConstant(): boolean {
    return this.run >= this.period;
  }

  get newest(): number {
    return this.last;
  }

  push(x: number): void {
    const period = this.period;
    const slot = this.next;
    const full = this.size === period;
    const old = full ? (this.window[slot] ?? 0) : 0;
    this.window[slot] = x;
    this.next = slot + 1 === period ? 0 : slot + 1;
    if (!full) this.size += 1;
    this.run = x === this.last ? Math.min(this.run + 1, period) : 1;
    this.last = x;
    const oldFinite = old - old === 0;
    if (!oldFinite) this.nonFinite -= 1;
    const finite = x - x === 0;
    if (!finite) this.nonFinite += 1;
    const y = finite ? x : 0;
    const leaving = oldFinite ? old : 0;

    if (this.fast) {
      const { hiMagic, loMagic, bound } = this.grid;
      const yHi = y + hiMagic - hiMagic;
      const yLo = y - yHi;
      if (!(Math.abs(y) <= bound) || yLo + loMagic - loMagic !== yLo) {
        this.rebuild();
        return;
      }
      const oldHi = leaving + hiMagic - hiMagic;
      // T' = T - S + n y (full) or T + n y (growing), with S the sum before this input.
      if (full) {
        this.tHi -= this.sHi;
        this.tLo -= this.sLo;
      }
      this.tHi += this.size * yHi;
      this.tLo += this.size * yLo;
      this.sHi += yHi - oldHi;
      this.sLo += yLo - (leaving - oldHi);
      return;
    }
    if (full) this.exactT.addScaled(this.exactS, -1);
    this.exactT.addProduct(this.size, y);
    this.exactS.add(y);
    if (full) this.exactS.add(-leaving);
    this.exactBars += 1;
    if (this.exactBars >= period) this.rebuild();
  }

  /** T rounded once: the weighted sum with weights 1 (oldest) .. n (newest). */
  weightedSum(): number {
    return this.fast ? this.tHi + this.tLo : this.exactT.round();
  }

  /** S rounded once. */
  sum(): number {
    return this.fast ? this.sHi + this.sLo : this.exactS.round();
  }

  /**
   * 2T - (n + 1) S rounded once: twice the sum of (j - mean of j) * y_j, the numerator of the least
   * squares slope. Exactly 0 for a window of equal values.
   */
  centeredMoment(): number {
    const k = this.size + 1;
    if (this.fast) return 2 * this.tHi - k * this.sHi + (2 * this.tLo - k * this.sLo);
    const moment = this.scratch;
    moment.reset();
    moment.addScaled(this.exactT, 2);
    moment.addScaled(this.exactS, -k);
    return moment.round();
  }

  reset(): void {
    this.next = 0;
    this.size = 0;
    this.nonFinite = 0;
    this.run = 0;
    this.last = Number.NaN;
    this.fast = true;
    this.sHi = this.sLo = this.tHi = this.tLo = 0;
    this.grid = { hiMagic: 0, loMagic: 0, bound: -1, floor: 0 };
    this.exactS.reset();
    this.exactT.reset();
    this.exactBars = 0;
  }

  /** Recomputes S and T from the window on a new grid, or exactly when the window does not fit. */
  private rebuild(): void {
    const values: number[] = [];
    const start = this.size === this.period ? this.next : 0;
    for (let j = 0; j < this.size; j++) {
      const slot = start + j;
      const v = this.window[slot < this.period ? slot : slot - this.period] ?? 0;
      values.push(v - v === 0 ? v : 0);
    }
    const maxAbs = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const grid = gridFor(maxAbs, this.growth);
    this.exactBars = 0;
    if (values.every((v) => fitsGrid(v, grid))) {
      let sHi = 0;
      let sLo = 0;
      let tHi = 0;
      let tLo = 0;
      values.forEach((v, j) => {
        const vHi = v + grid.hiMagic - grid.hiMagic;
        sHi += vHi;
        sLo += v - vHi;
        tHi += (j + 1) * vHi;
        tLo += (j + 1) * (v - vHi);
      });
      this.fast = true;
      this.grid = grid;
      this.sHi = sHi;
      this.sLo = sLo;
      this.tHi = tHi;
      this.tLo = tLo;
      return;
    }
    this.fast = false;
    this.exactS.reset();
    this.exactT.reset();
    values.forEach((v, j) => {
      this.exactS.add(v);
      this.exactT.addProduct(j + 1, v);
    });
  }
}
