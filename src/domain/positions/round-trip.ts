import type { InstrumentId } from '../instruments/instrument-id.js';
import type { Decimal } from '../values/decimal.js';
import type { Currency } from '../values/money.js';
import type { Price } from '../values/price.js';
import type { Quantity } from '../values/quantity.js';

/**
 * A closed trade for reports: from the fill that opened a position from flat to the fill that brought it
 * back to flat (or through it). Additions and partial reductions in between belong to the same round trip.
 */
export interface RoundTrip {
  readonly instrumentId: InstrumentId;
  readonly side: 'LONG' | 'SHORT';
  /** Total quantity opened, which equals the total closed. */
  readonly quantity: Quantity;
  readonly avgEntryPrice: Price;
  readonly avgExitPrice: Price;
  readonly entryTsMs: number;
  readonly exitTsMs: number;
  readonly durationMs: number;
  /** Exit notional − entry notional (reversed for a short), exact, gross of fees, in `quote`. */
  readonly realizedPnl: Decimal;
  /** Fees of the trip's fills in `quote` (a flip's fee is split pro rata between the two trips). */
  readonly fees: Decimal;
  readonly netPnl: Decimal;
  readonly quote: Currency;
  readonly fillCount: number;
}
