import { Price, type InstrumentId } from '../../domain/index.js';

/** One instrument's latest price: a mutable slot, so a new price per bar allocates nothing. */
export interface MarkSlot {
  last: number;
  exactOf: number;
  exact: Price | undefined;
}

/**
 * The latest price of each instrument. Kept as a float per bar (cheap); an exact Price is made only when
 * asked for (risk checks, valuations) and cached until the float changes.
 */
export class MarkBook {
  private readonly slots = new Map<InstrumentId, MarkSlot>();
  /** The slot set last: every bar sets one and the equity estimate reads it back (ids compare by pointer). */
  private lastId: InstrumentId | undefined;
  private lastSlot: MarkSlot | undefined;

  set(instrumentId: InstrumentId, price: number): void {
    const slot = this.slotOf(instrumentId);
    if (slot !== undefined) {
      slot.last = price;
      return;
    }
    const created: MarkSlot = { last: price, exactOf: Number.NaN, exact: undefined };
    this.slots.set(instrumentId, created);
    this.lastId = instrumentId;
    this.lastSlot = created;
  }

  /**
   * The instrument's slot, made (priceless, `last` NaN) if there is none yet: per-bar readers keep it and
   * read `last`, a field, instead of calling lastPrice.
   */
  slot(instrumentId: InstrumentId): Readonly<MarkSlot> {
    const existing = this.slotOf(instrumentId);
    if (existing !== undefined) return existing;
    const created: MarkSlot = { last: Number.NaN, exactOf: Number.NaN, exact: undefined };
    this.slots.set(instrumentId, created);
    return created;
  }

  /** The latest float price, NaN if none yet. */
  lastPrice(instrumentId: InstrumentId): number {
    return this.slotOf(instrumentId)?.last ?? Number.NaN;
  }

  private slotOf(instrumentId: InstrumentId): MarkSlot | undefined {
    if (instrumentId === this.lastId) return this.lastSlot;
    const slot = this.slots.get(instrumentId);
    if (slot !== undefined) {
      this.lastId = instrumentId;
      this.lastSlot = slot;
    }
    return slot;
  }

  price(instrumentId: InstrumentId): Price | undefined {
    const slot = this.slotOf(instrumentId);
    if (slot === undefined || !(slot.last > 0)) return undefined;
    if (slot.exactOf !== slot.last || slot.exact === undefined) {
      slot.exact = Price.fromNumber(slot.last);
      slot.exactOf = slot.last;
    }
    return slot.exact;
  }

  /** Exact marks of every instrument priced so far, for valuations. */
  all(): ReadonlyMap<InstrumentId, Price> {
    const marks = new Map<InstrumentId, Price>();
    for (const id of this.slots.keys()) {
      const price = this.price(id);
      if (price !== undefined) marks.set(id, price);
    }
    return marks;
  }
}
