import type { InstrumentId } from '../instruments/instrument-id.js';
import { Decimal } from '../values/decimal.js';
import type { Currency } from '../values/money.js';
import { Price } from '../values/price.js';
import { Quantity } from '../values/quantity.js';
import type { RoundTrip } from './round-trip.js';

const FIRST_CAPACITY = 16;

/**
 * Exact decimals held in columns: a compact value as its mantissa and scale (scale -1 marks a value held
 * as an object in `others`, one too large for the compact form).
 */
class DecimalColumn {
  mantissas = new Float64Array(0);
  scales = new Int8Array(0);
  private others: Map<number, Decimal> | undefined;

  set(i: number, value: Decimal): void {
    if (Decimal.storeCompact(value, this.mantissas, this.scales, i)) return;
    this.scales[i] = -1;
    (this.others ??= new Map()).set(i, value);
  }

  get(i: number): Decimal {
    const scale = this.scales[i] ?? -1;
    if (scale >= 0) return Decimal.fromCompact(this.mantissas[i] ?? 0, scale);
    return this.others?.get(i) ?? Decimal.ZERO;
  }

  resize(capacity: number, length: number): void {
    this.mantissas = grown(this.mantissas, new Float64Array(capacity), length);
    this.scales = grown(this.scales, new Int8Array(capacity), length);
  }

  /** The first `count` entries. */
  copy(count: number, capacity: number): DecimalColumn {
    const column = new DecimalColumn();
    column.mantissas = grown(this.mantissas, new Float64Array(capacity), count);
    column.scales = grown(this.scales, new Int8Array(capacity), count);
    if (this.others !== undefined) for (const [i, value] of this.others) if (i < count) (column.others ??= new Map()).set(i, value);
    return column;
  }
}

/** `to` holding the first `length` values of `from`. */
function grown<T extends { set(values: ArrayLike<number>): void; subarray(begin: number, end: number): ArrayLike<number> }>(from: T, to: T, length: number): T {
  to.set(from.subarray(0, length));
  return to;
}

/**
 * Closed round trips, append-only, held in columns of numbers rather than as objects: a backtest keeps
 * every trip for its report, and tens of thousands of trip objects (each with its exact amounts, about
 * fifteen small objects) were most of what each young-generation collection had to copy, and then
 * promote, during a trade-heavy run. `at` and `toArray` make the RoundTrip objects when they are read.
 */
export class RoundTripLog {
  private size = 0;
  private capacity = 0;
  private instrumentIds: InstrumentId[] = [];
  private quotes: Currency[] = [];
  /** 1 LONG, 0 SHORT. */
  private longs = new Uint8Array(0);
  private fillCounts = new Float64Array(0);
  private entryTs = new Float64Array(0);
  private exitTs = new Float64Array(0);
  private quantity = new DecimalColumn();
  private avgEntryPrice = new DecimalColumn();
  private avgExitPrice = new DecimalColumn();
  private realizedPnl = new DecimalColumn();
  private fees = new DecimalColumn();
  private netPnl = new DecimalColumn();

  get length(): number {
    return this.size;
  }

  push(trip: RoundTrip): void {
    const i = this.size;
    if (i === this.capacity) this.grow();
    this.instrumentIds.push(trip.instrumentId);
    this.quotes.push(trip.quote);
    this.longs[i] = trip.side === 'LONG' ? 1 : 0;
    this.fillCounts[i] = trip.fillCount;
    this.entryTs[i] = trip.entryTsMs;
    this.exitTs[i] = trip.exitTsMs;
    this.quantity.set(i, trip.quantity);
    this.avgEntryPrice.set(i, trip.avgEntryPrice);
    this.avgExitPrice.set(i, trip.avgExitPrice);
    this.realizedPnl.set(i, trip.realizedPnl);
    this.fees.set(i, trip.fees);
    this.netPnl.set(i, trip.netPnl);
    this.size = i + 1;
  }

  /** The i-th trip (oldest first), made anew on each call. */
  at(i: number): RoundTrip {
    const entryTsMs = this.entryTs[i] ?? 0;
    const exitTsMs = this.exitTs[i] ?? 0;
    return {
      instrumentId: this.instrumentIds[i] as InstrumentId,
      side: this.longs[i] === 1 ? 'LONG' : 'SHORT',
      quantity: Quantity.of(this.quantity.get(i)),
      avgEntryPrice: Price.of(this.avgEntryPrice.get(i)),
      avgExitPrice: Price.of(this.avgExitPrice.get(i)),
      entryTsMs,
      exitTsMs,
      durationMs: exitTsMs - entryTsMs,
      realizedPnl: this.realizedPnl.get(i),
      fees: this.fees.get(i),
      netPnl: this.netPnl.get(i),
      quote: this.quotes[i] as Currency,
      fillCount: this.fillCounts[i] ?? 0,
    };
  }

  /** The first `count` trips (all by default) as objects. */
  toArray(count = this.size): RoundTrip[] {
    return this.map((trip) => trip, count);
  }

  /** `fn` of each of the first `count` trips, oldest first; each trip object is made for that call only. */
  map<T>(fn: (trip: RoundTrip) => T, count = this.size): T[] {
    const out: T[] = [];
    for (let i = 0; i < count; i += 1) out.push(fn(this.at(i)));
    return out;
  }

  /** A new log holding the first `count` trips of this one. */
  copy(count: number): RoundTripLog {
    const log = new RoundTripLog();
    const capacity = Math.max(FIRST_CAPACITY, count);
    log.capacity = capacity;
    log.size = count;
    log.instrumentIds = this.instrumentIds.slice(0, count);
    log.quotes = this.quotes.slice(0, count);
    log.longs = grown(this.longs, new Uint8Array(capacity), count);
    log.fillCounts = grown(this.fillCounts, new Float64Array(capacity), count);
    log.entryTs = grown(this.entryTs, new Float64Array(capacity), count);
    log.exitTs = grown(this.exitTs, new Float64Array(capacity), count);
    log.quantity = this.quantity.copy(count, capacity);
    log.avgEntryPrice = this.avgEntryPrice.copy(count, capacity);
    log.avgExitPrice = this.avgExitPrice.copy(count, capacity);
    log.realizedPnl = this.realizedPnl.copy(count, capacity);
    log.fees = this.fees.copy(count, capacity);
    log.netPnl = this.netPnl.copy(count, capacity);
    return log;
  }

  private grow(): void {
    const capacity = this.capacity === 0 ? FIRST_CAPACITY : this.capacity * 2;
    const length = this.size;
    this.longs = grown(this.longs, new Uint8Array(capacity), length);
    this.fillCounts = grown(this.fillCounts, new Float64Array(capacity), length);
    this.entryTs = grown(this.entryTs, new Float64Array(capacity), length);
    this.exitTs = grown(this.exitTs, new Float64Array(capacity), length);
    for (const column of [this.quantity, this.avgEntryPrice, this.avgExitPrice, this.realizedPnl, this.fees, this.netPnl]) column.resize(capacity, length);
    this.capacity = capacity;
  }
}
