import type { InstrumentId } from '../../domain/instruments/instrument-id.js';
import type { Decimal } from '../../domain/values/decimal.js';
import type { Money } from '../../domain/values/money.js';
import type { TsRange } from './market-data-repository.js';

/**
 * What is stored of a netting position: the fields of the domain's Position that carry its accounting
 * (a Position is one, structurally), all exact.
 */
export interface PositionState {
  readonly instrumentId: InstrumentId;
  /** Signed: positive long, negative short. */
  readonly netQuantity: Decimal;
  /** Signed cost of the open quantity at entry prices. */
  readonly costBasis: Decimal;
  /** Cumulative realized P&L in the quote currency, gross of fees. */
  readonly realizedPnl: Decimal;
  /** Fees per currency, cumulative, at most one entry per currency. */
  readonly feesPaid: readonly Money[];
  readonly lastFillTsMs: number | undefined;
}

export interface StoredPosition extends PositionState {
  readonly accountId: string;
  /** When this state was saved, epoch ms. */
  readonly updatedTsMs: number;
}

export interface PositionSnapshot extends PositionState {
  readonly accountId: string;
  readonly tsMs: number;
}

/**
 * Positions per account: the current one per instrument (replaced as fills arrive, in the same unit of
 * work as the fill) and snapshots over time (insert-only). Read back exactly.
 *
 * @example
 * const { position } = current.apply(fill);
 * await positions.saveCurrent('main', position, fill.tsMs);
 */
export interface PositionRepository {
  /** Stores the position as the account's current one for its instrument (insert or replace). */
  saveCurrent(accountId: string, position: PositionState, tsMs: number): Promise<void>;
  findCurrent(accountId: string, instrumentId: InstrumentId): Promise<StoredPosition | undefined>;
  /** Every current position of the account (flat ones included), by instrument. */
  listCurrent(accountId: string): Promise<readonly StoredPosition[]>;
  appendSnapshot(accountId: string, position: PositionState, tsMs: number): Promise<void>;
  /** Snapshots in the inclusive time range, oldest first (in insertion order within a millisecond). */
  findSnapshots(accountId: string, instrumentId: InstrumentId, range?: TsRange): Promise<readonly PositionSnapshot[]>;
}
