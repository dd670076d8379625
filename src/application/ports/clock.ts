/**
 * The engine's only source of time. A backtest drives a simulated clock from the data; paper and live
 * modes plug in the system clock. Nothing in the core calls Date.now().
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}
