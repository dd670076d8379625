import { AtbError } from '../../shared/errors.js';
import type { TradeRow } from '../backtest/backtest-report.js';
import { estimate, unsupported, type Estimate } from './estimate.js';

export interface TradeStatistics {
  readonly winRatePct: Estimate;
  readonly profitFactor: Estimate;
  readonly expectancy: Estimate;
  readonly avgWin: Estimate;
  readonly avgLoss: Estimate;
  readonly bestTradePct: Estimate;
  readonly worstTradePct: Estimate;
  readonly avgTradeDurationMs: Estimate;
}

/**
 * Statistics of closed round trips by net P&L (after fees). A win has net P&L > 0, a loss < 0; a trade
 * that broke even exactly is neither but counts in the win rate's denominator. Money figures are
 * floats in the quote currency: statistics, not balances.
 */
export function tradeStatistics(trades: readonly TradeRow[]): TradeStatistics {
  const n = trades.length;
  if (n === 0) {
    const none = unsupported('no closed trades');
    return { winRatePct: none, profitFactor: none, expectancy: none, avgWin: none, avgLoss: none, bestTradePct: none, worstTradePct: none, avgTradeDurationMs: none };
  }
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let durationSum = 0;
  let best = -Infinity;
  let worst = Infinity;
  trades.forEach((trade, i) => {
    const pnl = parseNetPnl(trade.netPnl, i);
    if (pnl > 0) {
      wins += 1;
      grossProfit += pnl;
    } else if (pnl < 0) {
      losses += 1;
      grossLoss += pnl;
    }
    durationSum += trade.durationMs;
    best = Math.max(best, trade.returnPct);
    worst = Math.min(worst, trade.returnPct);
  });
  return {
    winRatePct: estimate((wins / n) * 100),
    profitFactor:
      losses === 0
        ? unsupported(wins === 0 ? 'every trade broke even: profit factor is 0/0' : 'no losing trades: profit factor (gross profit / gross loss) is unbounded')
        : estimate(grossProfit / -grossLoss),
    expectancy: estimate((grossProfit + grossLoss) / n),
    avgWin: wins === 0 ? unsupported('no winning trades') : estimate(grossProfit / wins),
    avgLoss: losses === 0 ? unsupported('no losing trades') : estimate(grossLoss / losses),
    bestTradePct: estimate(best),
    worstTradePct: estimate(worst),
    avgTradeDurationMs: estimate(Math.round(durationSum / n)),
  };
}

function parseNetPnl(text: string, index: number): number {
  const value = Number(text);
  if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(value)) {
    throw new AtbError('INVALID_INPUT', `invalid trade net P&L 'trades[${index}].netPnl', was ${JSON.stringify(text)}: expected a decimal string`, { field: `trades[${index}].netPnl`, value: text });
  }
  return value;
}
