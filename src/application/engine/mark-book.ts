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
    (this.slotOf(instrumentId) ?? this.create(instrumentId)).last = price;
  }

  /**
   * The instrument's slot, made (priceless, `last` NaN) if there is none yet: per-bar readers keep it and
   * read `last`, a field, instead of calling a method for the price.
   */
  slot(instrumentId: InstrumentId): Readonly<MarkSlot> {
    return this.slotOf(instrumentId) ?? this.create(instrumentId);
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

  private create(instrumentId: InstrumentId): MarkSlot {
    const slot: MarkSlot = { last: Number.NaN, exactOf: Number.NaN, exact: undefined };
    this.slots.set(instrumentId, slot);
    this.lastId = instrumentId;
    this.lastSlot = slot;
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
