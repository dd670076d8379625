import { strategyEntry, type StrategyEntry } from '../application/strategy/strategy-entry.js';
import { BollingerBreakout } from './bollinger-breakout.js';
import { BuyAndHold } from './buy-and-hold.js';
import { RsiReversion } from './rsi-reversion.js';
import { SmaCross } from './sma-cross.js';

/** The strategies that ship with ATB. */
export const builtInStrategies: readonly StrategyEntry[] = [BuyAndHold, SmaCross, RsiReversion, BollingerBreakout].map((cls) => strategyEntry(cls as never));

export function findStrategy(name: string): StrategyEntry | undefined {
  return builtInStrategies.find((s) => s.name === name);
}
