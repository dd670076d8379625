/**
 * ACTIVE: all orders pass the other checks. REDUCING: only orders that shrink a position pass.
 * HALTED: no new orders at all (the kill switch); cancels still go through.
 */
export const TradingState = { ACTIVE: 'ACTIVE', REDUCING: 'REDUCING', HALTED: 'HALTED' } as const;
export type TradingState = (typeof TradingState)[keyof typeof TradingState];

export interface TradingStateChange {
  readonly from: TradingState;
  readonly to: TradingState;
  readonly reason: string;
  readonly tsMs: number;
}
