import type { PerformanceMetrics } from '../../application/analytics/performance-metrics.js';
import { escapeHtml } from './html-text.js';
import { groupDigits } from '../../shared/group-digits.js';
import { amount, duration, fixed } from './report-format.js';

type Kind = 'pct' | 'ratio' | 'money' | 'duration' | 'count' | 'decimal';
/** key, label, unit, and whether its sign is good or bad news (coloured green / red). */
type Row<K extends string = string> = readonly [K, string, Kind, boolean?];

const RETURNS: readonly Row<keyof PerformanceMetrics>[] = [
  ['totalReturnPct', 'Total return', 'pct', true],
  ['cagrPct', 'CAGR', 'pct', true],
  ['annualVolatilityPct', 'Annualised volatility', 'pct'],
  ['sharpe', 'Sharpe ratio', 'ratio', true],
  ['sortino', 'Sortino ratio', 'ratio', true],
  ['calmar', 'Calmar ratio', 'ratio', true],
  ['maxDrawdownPct', 'Max drawdown', 'pct'],
  ['maxDrawdownDurationMs', 'Max drawdown duration', 'duration'],
  ['var95Pct', 'VaR 95 % (daily)', 'pct'],
  ['cvar95Pct', 'CVaR 95 % (daily)', 'pct'],
  ['dailyReturns', 'Daily returns', 'count'],
  ['exposurePct', 'Exposure time', 'pct'],
];

const TRADES: readonly Row<keyof PerformanceMetrics>[] = [
  ['trades', 'Closed trades', 'count'],
  ['winRatePct', 'Win rate', 'pct'],
  ['profitFactor', 'Profit factor', 'ratio'],
  ['expectancy', 'Expectancy (net per trade)', 'money', true],
  ['avgWin', 'Average win', 'money'],
  ['avgLoss', 'Average loss', 'money'],
  ['bestTradePct', 'Best trade', 'pct', true],
  ['worstTradePct', 'Worst trade', 'pct', true],
  ['avgTradeDurationMs', 'Average trade duration', 'duration'],
  ['feesPaid', 'Fees paid', 'decimal'],
];

/** A metric as the page shows it, with its unit; `null` stays visible as "n/a". */
export function formatMetric(value: unknown, kind: Kind, currency: string): string {
  if (value === null || value === undefined) return 'n/a';
  if (typeof value === 'string') return `${groupDigits(value)} ${currency}`;
  if (typeof value !== 'number') return JSON.stringify(value);
  switch (kind) {
    case 'pct':
      return `${fixed(value, 2)} %`;
    case 'ratio':
      return fixed(value, 2);
    case 'money':
      return `${amount(value)} ${currency}`;
    case 'duration':
      return duration(value);
    case 'count':
      return fixed(value, 0);
    case 'decimal':
      return `${String(value)} ${currency}`;
  }
}

/** The metrics as two tables (returns and risk; trades), each null metric with its reason. */
export function metricsTables(metrics: PerformanceMetrics, notes: Readonly<Record<string, string>>, currency: string): string {
  const known = new Set<string>([...RETURNS, ...TRADES].map(([key]) => key));
  // Metrics added later still show, unformatted, rather than silently missing from the page.
  const extra = Object.keys(metrics)
    .filter((key) => !known.has(key))
    .map((key): Row => [key, key, 'ratio']);
  const table = (title: string, rows: readonly Row[]): string => {
    const body = rows
      .map(([key, label, kind, signed]) => {
        const value = (metrics as unknown as Record<string, unknown>)[key];
        const note = value === null ? (notes[key] ?? 'not computed') : '';
        const tone = signed === true && typeof value === 'number' ? (value > 0 ? ' pos' : value < 0 ? ' neg' : '') : '';
        return `<tr data-metric="${escapeHtml(key)}"><td>${escapeHtml(label)}</td><td class="num${value === null ? ' null' : tone}">${escapeHtml(formatMetric(value, kind, currency))}</td><td class="note wrap">${escapeHtml(note)}</td></tr>`;
      })
      .join('\n');
    return `<div><h3>${escapeHtml(title)}</h3><table class="metrics-table"><thead><tr><th>Metric</th><th class="num">Value</th><th>Why n/a</th></tr></thead><tbody>\n${body}\n</tbody></table></div>`;
  };
  return `<div class="metrics">${table('Returns and risk', RETURNS)}${table('Trades', [...TRADES, ...extra])}</div>`;
}
