import { rename, unlink, writeFile } from 'node:fs/promises';
import type { BacktestCurves, BacktestReport } from '../../application/backtest/backtest-report.js';
import type { BarSeries } from '../../domain/index.js';
import { AtbError } from '../../shared/errors.js';
import { buildChartData, type ChartData } from './chart-data.js';
import { escapeHtml, jsonForScript } from './html-text.js';
import { lightweightChartsBundle } from './lightweight-charts-bundle.js';
import { metricsTables, formatMetric } from './metrics-table.js';
import { groupDigits } from '../../shared/group-digits.js';
import { fixed, span, utcText } from './report-format.js';
import { REPORT_PAGE_SCRIPT } from './report-page-script.js';
import { REPORT_STYLES } from './report-styles.js';
import { keyValueTable, openPositionsTable, rejectionsTable, stateChangesTable, tradesTable } from './report-tables.js';

export interface HtmlReportInput {
  readonly report: BacktestReport;
  /** The primary bars the backtest ran on. */
  readonly candles: BarSeries;
  readonly curves: BacktestCurves;
  /** Page title; defaults to "<strategy> on <instrument>". */
  readonly title?: string;
}

/** Nothing may be loaded from anywhere: the file is the whole report. */
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * One self-contained HTML page: header, key figures, candles with fill markers, equity and drawdown
 * charts (lightweight-charts, inlined), metrics with the reasons for those that are n/a, trades, open
 * positions, rejections, settings and parameters. Every text from the report is escaped and the chart
 * data travels as JSON in a `<script type="application/json">`, so a hostile strategy parameter stays
 * text. Large backtests are drawn from at most 5,000 buckets (see `buildChartData`) and list at most
 * 2,000 trades, so a million-bar run gives a file of about a megabyte. Deterministic: the same input
 * gives the same bytes.
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const { report, candles, curves } = input;
  const chart = buildChartData(candles, curves, Number(report.startingEquity));
  const title = input.title ?? `${report.strategy.name} on ${report.instrumentId}`;
  const m = report.metrics;
  const cur = report.currency;
  const card = (label: string, value: string, tone = 0): string =>
    `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value${tone > 0 ? ' pos' : tone < 0 ? ' neg' : ''}">${escapeHtml(value)}</div></div>`;
  const tone = (v: number | null): number => (v === null ? 0 : Math.sign(v));

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ATB">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
<main>
<header>
<h1 id="report-title">${escapeHtml(title)}</h1>
<div class="sub">${escapeHtml(`${report.instrumentId} · ${report.timeframe} · ${utcText(report.period.from)} → ${utcText(report.period.to)} · ${fixed(report.bars, 0)} bars`)}</div>
</header>
<div class="cards">
${card('Final equity', `${groupDigits(report.finalEquity)} ${cur}`)}
${card('Total return', formatMetric(m.totalReturnPct, 'pct', cur), tone(m.totalReturnPct))}
${card('CAGR', formatMetric(m.cagrPct, 'pct', cur), tone(m.cagrPct))}
${card('Max drawdown', formatMetric(m.maxDrawdownPct, 'pct', cur))}
${card('Sharpe', formatMetric(m.sharpe, 'ratio', cur), tone(m.sharpe))}
${card('Trades', fixed(m.trades, 0))}
${card('Win rate', formatMetric(m.winRatePct, 'pct', cur))}
${card('Fees paid', formatMetric(m.feesPaid, 'decimal', cur))}
</div>
<section id="charts">
<h2>Price, equity and drawdown</h2>
${chartNotes(chart, curves.length)}
<div id="chart-legend"></div>
<p class="note" id="marker-hint"></p>
<h3>Price</h3><div class="chart" id="chart-candles"></div>
<h3>Equity (${escapeHtml(cur)})</h3><div class="chart" id="chart-equity"></div>
<h3>Drawdown (% below the running peak)</h3><div class="chart" id="chart-drawdown"></div>
</section>
<section id="metrics"><h2>Metrics</h2>${metricsTables(m, report.metricNotes, cur)}</section>
<section><h2>Closed trades (${fixed(report.trades.length, 0)})</h2>${tradesTable(report.trades)}</section>
<section><h2>Open positions at the end (${fixed(report.openPositions.length, 0)})</h2>${openPositionsTable(report.openPositions)}</section>
<section><h2>Orders and trading state</h2>
<p>${escapeHtml(`Submitted ${report.orders.submitted} · filled ${report.orders.filled} · canceled ${report.orders.canceled} · rejected ${report.orders.rejected} · expired ${report.orders.expired} · final trading state ${report.tradingState.final}`)}</p>
<h3>Rejected orders (${fixed(report.rejections.length, 0)})</h3>${rejectionsTable(report.rejections)}
<h3>Trading state changes</h3>${stateChangesTable(report.tradingState.changes)}
</section>
<section><h2>Strategy and settings</h2>
<h3>${escapeHtml(`Strategy ${report.strategy.name}: parameters`)}</h3>${keyValueTable('params', report.strategy.params, 'parameters')}
<h3>Settings</h3>${keyValueTable('settings', { startingEquity: `${report.startingEquity} ${cur}`, ...report.settings }, 'settings')}
</section>
<footer>Generated by ATB. Charts drawn with TradingView Lightweight Charts™ (Apache-2.0), inlined in this file. All times UTC.</footer>
</main>
<script type="application/json" id="atb-chart-data">${jsonForScript(chart)}</script>
<script>${lightweightChartsBundle()}</script>
<script>${REPORT_PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function chartNotes(chart: ChartData, curvePoints: number): string {
  const lines: string[] = [];
  if (chart.time.length === 0) lines.push('No bars to chart.');
  else if (chart.bucketMs !== null) {
    lines.push(
      `${fixed(chart.sourceBars, 0)} ${chart.timeframe} bars are drawn as ${fixed(chart.time.length, 0)} candles of ${span(chart.bucketMs)} ` +
        `(open, highest high, lowest low, close and summed volume of each ${span(chart.bucketMs)} bucket). ` +
        `Equity shows the last value in each bucket${chart.equityLow === null ? '' : ' and, lighter, the lowest'}; drawdown the deepest point in each bucket, ` +
        `taken from all ${fixed(curvePoints, 0)} points, so no drawdown is hidden.`,
    );
  }
  const arrows = 'Blue up arrows (below the bar) are buys, pink down arrows (above the bar) sells';
  lines.push(chart.fills === chart.markers.length ? `${arrows}.` : `${arrows}; several fills of one side in one candle make one arrow${chart.markers.length <= 500 ? ' marked ×count' : ''} (${fixed(chart.fills, 0)} fills, ${fixed(chart.markers.length, 0)} arrows).`);
  return lines.map((line) => `<p class="note">${escapeHtml(line)}</p>`).join('\n');
}

let writes = 0;

/**
 * Renders the report and writes it atomically: to a temporary file beside `path`, then renamed over it,
 * so a reader never sees half a report and an existing file survives a failed write.
 */
export async function writeHtmlReport(path: string, input: HtmlReportInput): Promise<void> {
  const html = renderHtmlReport(input);
  writes += 1;
  const temporary = `${path}.${process.pid}.${writes}.tmp`;
  try {
    await writeFile(temporary, html, 'utf8');
    await rename(temporary, path);
  } catch (cause) {
    // The temporary file may never have been created; the write error is the one to report.
    await unlink(temporary).catch(() => undefined);
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AtbError('INVALID_INPUT', `cannot write the HTML report to '${path}': ${reason}`, { field: 'report', path }, { cause });
  }
}
