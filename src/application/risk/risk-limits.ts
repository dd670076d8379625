import type { Decimal } from '../../domain/index.js';

/** Pre-trade limits and kill-switch triggers. Absent limits are not checked. */
export interface RiskLimits {
  /** Largest price × quantity of one order, in the quote currency. */
  readonly maxOrderNotional?: Decimal;
  /** Largest absolute position value per instrument after the order fills, in the quote currency. */
  readonly maxPositionNotional?: Decimal;
  /** Largest number of open orders across the account. */
  readonly maxOpenOrders?: number;
  /** Drawdown from peak equity, in percent, that halts trading (the kill switch). */
  readonly maxDrawdownPct?: number;
  /** Loss since the start of the UTC day, in percent of that day's opening equity, that limits trading to reducing orders until the next UTC day. */
  readonly maxDailyLossPct?: number;
  /**
   * Extra fraction a market buy reserves over the reference price, for slippage and gaps up to the fill.
   * 0.02 (the default) reserves 2 % more cash than the last price suggests. A fill that still costs more
   * than the account can pay is refused by the venue, never booked into a negative balance.
   */
  readonly marketBuyBuffer?: Decimal;
}
