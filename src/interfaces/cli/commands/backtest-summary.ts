import type { BacktestRunResult } from '../../../application/backtest/backtest-request.js';
import { groupDigits } from '../../../shared/group-digits.js';

const pct = (v: number | null): string => (v === null ? 'n/a' : `${v.toFixed(2)}%`);
const num = (v: number | null, digits = 2): string => (v === null ? 'n/a' : v.toFixed(digits));
const days = (ms: number | null): string => (ms === null ? 'n/a' : `${(ms / 86_400_000).toFixed(1)} d`);

/** The human summary of a backtest: what ran, the money, the key metrics, what needs a look. */
export function renderBacktestSummary(result: BacktestRunResult): string {
  const { report: r, data } = result;
  const m = r.metrics;
  const lines = [
    `${r.strategy.name} ${formatParams(r.strategy.params)} on ${r.instrumentId} ${r.timeframe}, ${r.period.from ?? '?'} to ${r.period.to ?? '?'}`,
    `data: ${data.source}${data.synthetic && !/synthetic/i.test(data.source) ? ' (SYNTHETIC, not market data)' : ''}, ${data.barsLoaded} bars` +
      (data.skippedBadRows > 0 ? `, ${data.skippedBadRows} bad rows skipped` : '') +
      (data.gaps > 0 ? `, ${data.gaps} gaps` : ''),
    '',
    `final equity   ${r.finalEquity} ${r.currency}  (start ${r.startingEquity}, total return ${pct(m.totalReturnPct)})`,
    `trades         ${r.closedTrades} closed, ${r.openTrades} open; win rate ${pct(m.winRatePct)}, profit factor ${num(m.profitFactor)}, expectancy ${num(m.expectancy)} ${r.currency}`,
    `risk           max drawdown ${pct(m.maxDrawdownPct)} lasting ${days(m.maxDrawdownDurationMs)}, volatility ${pct(m.annualVolatilityPct)}, VaR95 ${pct(m.var95Pct)}, CVaR95 ${pct(m.cvar95Pct)}`,
    `ratios         Sharpe ${num(m.sharpe)}, Sortino ${num(m.sortino)}, Calmar ${num(m.calmar)}, CAGR ${pct(m.cagrPct)}`,
    `costs          fees ${m.feesPaid} ${r.currency}, exposure ${pct(m.exposurePct)}`,
    `orders         ${r.orders.submitted} submitted, ${r.orders.filled} filled, ${r.orders.canceled} canceled, ${r.orders.rejected} rejected, ${r.orders.expired} expired`,
  ];
  const unavailable = Object.entries(r.metricNotes);
  if (unavailable.length > 0) lines.push(`n/a            ${unavailable.map(([k, why]) => `${k}: ${why}`).join('; ')}`);
  if (r.rejections.length > 0) {
    const first = r.rejections[0];
    lines.push(`rejections     ${r.rejections.length}${first === undefined ? '' : `, first: ${first.code} ${first.reason}`}`);
  }
  for (const change of r.tradingState.changes) lines.push(`TRADING STATE  ${change.time}: ${change.from} -> ${change.to} (${change.reason})`);
  for (const warning of data.warnings) lines.push(`warning        ${warning}`);
  const barsPerSecond = result.elapsedMs > 0 ? Math.round((r.bars / result.elapsedMs) * 1000) : 0;
  lines.push('', `engine ${result.elapsedMs.toFixed(0)} ms (${groupDigits(String(barsPerSecond))} bars/s), load ${result.loadMs.toFixed(0)} ms`);
  for (const file of result.written) lines.push(`wrote ${file}`);
  if (!result.written.some((f) => f.endsWith('.html'))) lines.push('(add --report report.html for charts of candles, trades, equity and drawdown)');
  return `${lines.join('\n')}\n`;
}

function formatParams(params: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(params);
  return entries.length === 0 ? '' : `(${entries.map(([k, v]) => `${k}=${String(v)}`).join(', ')})`;
}
