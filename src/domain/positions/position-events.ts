import type { InstrumentId } from '../instruments/instrument-id.js';
import type { Decimal } from '../values/decimal.js';
import type { Price } from '../values/price.js';
import type { Quantity } from '../values/quantity.js';
import type { PositionSide } from './position.js';
import type { RoundTrip } from './round-trip.js';

export interface PositionOpened {
  readonly type: 'PositionOpened';
  readonly instrumentId: InstrumentId;
  readonly side: PositionSide;
  readonly quantity: Quantity;
  readonly avgEntryPrice: Price | undefined;
  readonly tsMs: number;
}

export interface PositionChanged {
  readonly type: 'PositionChanged';
  readonly instrumentId: InstrumentId;
  readonly side: PositionSide;
  readonly quantity: Quantity;
  readonly avgEntryPrice: Price | undefined;
  readonly realizedPnlDelta: Decimal;
  readonly realizedPnl: Decimal;
  readonly tsMs: number;
}

export interface PositionClosed {
  readonly type: 'PositionClosed';
  readonly instrumentId: InstrumentId;
  readonly roundTrip: RoundTrip;
  readonly realizedPnl: Decimal;
  readonly tsMs: number;
}

export type PositionEvent = PositionOpened | PositionChanged | PositionClosed;
