import type { Decimal } from '../values/decimal.js';
import type { Currency } from '../values/money.js';

/** Funds of one currency: free to use, and locked by open orders. */
export interface Balance {
  readonly currency: Currency;
  readonly free: Decimal;
  readonly locked: Decimal;
  readonly total: Decimal;
}

/**
 * CASH: a spot account; no balance may go below zero, so shorting is impossible.
 * MARGIN: balances may go negative (borrowed funds). Interest, leverage limits and liquidation are not
 * modelled yet; leverage limits belong to the risk engine.
 */
export const AccountType = { CASH: 'CASH', MARGIN: 'MARGIN' } as const;
export type AccountType = (typeof AccountType)[keyof typeof AccountType];
