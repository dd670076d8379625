import { checkFactor, checkSameLength, toFloat64, type IndicatorInput } from './arguments.js';
import { InvalidValueError } from '../errors.js';
import type { StreamingIndicator } from './indicator.js';
import { ExactSum } from './rolling/exact-sum.js';
import { uninitializedOutput } from './output.js';

const DAY_MS = 86_400_000;

/**
 * VWAP per session: sum(tp * volume) / sum(volume) since the session's first bar, tp the typical
 * price (high + low + close) / 3; warm-up 0. Sessions are consecutive intervals of `sessionMs`
 * milliseconds (default one UTC day) starting at `offsetMs` past the epoch (e.g. 14.5 h for a session
 * opening at 14:30 UTC); a bar belongs to the session containing its open time, and the sums restart
 * on the first bar of each new session.
 *
 * The session sums are exact (no accumulated rounding however long the session), and a session whose
 * bars all have one typical price returns that price. Undefined until the session has traded volume.
 * A bar with a non-finite input (or open time) is a missing bar: undefined, sums carried over.
 */
export class SessionVwap implements StreamingIndicator<number> {
  readonly sessionMs: number;
  readonly offsetMs: number;
  readonly warmupPeriod = 0;
  private readonly turnover = new ExactSum();
  private readonly volume = new ExactSum();
  private session = Number.NaN;
  private sessionPrice = Number.NaN;
  private uniform = true;
  private current: number | undefined;

  constructor(sessionMs = DAY_MS, offsetMs = 0) {
    if (!Number.isInteger(sessionMs) || sessionMs <= 0) {
      throw new InvalidValueError('argument', 'sessionMs', sessionMs, 'a positive integer (milliseconds)');
    }
    this.sessionMs = sessionMs;
    this.offsetMs = checkFactor('offsetMs', offsetMs);
  }

  get value(): number | undefined {
    return this.current;
  }

  get isReady(): boolean {
    return this.current !== undefined;
  }

  update(high: number, low: number, close: number, volume: number, tsOpen: number): number | undefined {
    const tp = (high + low + close) / 3;
    if (tp - tp !== 0 || volume - volume !== 0 || tsOpen - tsOpen !== 0) return (this.current = undefined);
    const session = Math.floor((tsOpen - this.offsetMs) / this.sessionMs);
    if (session !== this.session) {
      this.session = session;
      this.turnover.reset();
      this.volume.reset();
      this.sessionPrice = tp;
      this.uniform = true;
    } else if (tp !== this.sessionPrice) {
      this.uniform = false;
    }
    this.turnover.addProduct(tp, volume);
    this.volume.add(volume);
    const traded = this.volume.round();
    if (traded === 0) return (this.current = undefined);
    return (this.current = this.uniform ? tp : this.turnover.round() / traded);
  }

  reset(): void {
    this.turnover.reset();
    this.volume.reset();
    this.session = Number.NaN;
    this.sessionPrice = Number.NaN;
    this.uniform = true;
    this.current = undefined;
  }
}

/** Batch session VWAP, bit-identical to `SessionVwap`; `tsOpen` holds epoch milliseconds. */
export function sessionVwap(
  high: IndicatorInput,
  low: IndicatorInput,
  close: IndicatorInput,
  volume: IndicatorInput,
  tsOpen: IndicatorInput,
  sessionMs = DAY_MS,
  offsetMs = 0,
): Float64Array {
  const indicator = new SessionVwap(sessionMs, offsetMs);
  const h = toFloat64(high, 'high');
  const l = toFloat64(low, 'low');
  const c = toFloat64(close, 'close');
  const v = toFloat64(volume, 'volume');
  const t = toFloat64(tsOpen, 'tsOpen');
  const n = checkSameLength(h, 'high', [l, 'low'], [c, 'close'], [v, 'volume'], [t, 'tsOpen']);
  const out = uninitializedOutput(n);
  for (let i = 0; i < n; i++) {
    out[i] = indicator.update(h[i] ?? 0, l[i] ?? 0, c[i] ?? 0, v[i] ?? 0, t[i] ?? 0) ?? Number.NaN;
  }
  return out;
}
