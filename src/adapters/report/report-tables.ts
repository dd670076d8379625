import type { BacktestReport, OpenTradeRow, RejectionRow, TradeRow } from '../../application/backtest/backtest-report.js';
import { escapeHtml } from './html-text.js';
import { groupDigits } from '../../shared/group-digits.js';
import { duration, fixed, utcText } from './report-format.js';

/** With more trades than twice this, the page lists the first and the last this many (a file stays a few MB). */
export const TRADE_ROWS_EACH_END = 1_000;
/** The same cap for rejections and trading-state changes. */
const EVENT_ROWS_EACH_END = 250;

interface Column<T> {
  readonly title: string;
  readonly numeric?: boolean;
  /** Long free text (reasons, values): may wrap. */
  readonly wrap?: boolean;
  /** Plain text; escaped when written. */
  readonly text: (row: T, index: number) => string;
  readonly tone?: (row: T) => number;
}

/** A table of every row, or of the first and last `eachEnd` with a row saying how many are left out. */
function htmlTable<T>(id: string, rows: readonly T[], columns: readonly Column<T>[], eachEnd: number, noun: string): string {
  if (rows.length === 0) return `<p class="note" id="${escapeHtml(id)}-none">No ${escapeHtml(noun)}.</p>`;
  const head = columns.map((c) => `<th${c.numeric === true ? ' class="num"' : ''}>${escapeHtml(c.title)}</th>`).join('');
  const line = (row: T, index: number): string =>
    `<tr>${columns
      .map((c) => {
        const tone = c.tone === undefined ? 0 : c.tone(row);
        const cls = [c.numeric === true ? 'num' : '', c.wrap === true ? 'wrap' : '', tone > 0 ? 'pos' : tone < 0 ? 'neg' : ''].filter((x) => x !== '').join(' ');
        return `<td${cls === '' ? '' : ` class="${cls}"`}>${escapeHtml(c.text(row, index))}</td>`;
      })
      .join('')}</tr>`;
  const body: string[] = [];
  if (rows.length <= 2 * eachEnd) {
    rows.forEach((row, i) => body.push(line(row, i)));
  } else {
    for (let i = 0; i < eachEnd; i += 1) body.push(line(rows[i] as T, i));
    const hidden = rows.length - 2 * eachEnd;
    body.push(`<tr class="gap"><td colspan="${columns.length}">… ${fixed(hidden, 0)} ${escapeHtml(noun)} not listed here (rows ${eachEnd + 1} to ${rows.length - eachEnd}); the first and last ${eachEnd} are shown …</td></tr>`);
    for (let i = rows.length - eachEnd; i < rows.length; i += 1) body.push(line(rows[i] as T, i));
  }
  return `<div class="table-wrap"><table id="${escapeHtml(id)}"><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>`;
}

const sign = (decimal: string): number => (decimal.startsWith('-') ? -1 : /[1-9]/.test(decimal) ? 1 : 0);

export function tradesTable(trades: readonly TradeRow[]): string {
  return htmlTable<TradeRow>('trades', trades, [
    { title: '#', numeric: true, text: (_, i) => String(i + 1) },
    { title: 'Side', text: (t) => t.side },
    { title: 'Quantity', numeric: true, text: (t) => groupDigits(t.quantity) },
    { title: 'Entry', text: (t) => utcText(t.entryTime) },
    { title: 'Entry price', numeric: true, text: (t) => groupDigits(t.entryPrice) },
    { title: 'Exit', text: (t) => utcText(t.exitTime) },
    { title: 'Exit price', numeric: true, text: (t) => groupDigits(t.exitPrice) },
    { title: 'Duration', numeric: true, text: (t) => duration(t.durationMs) },
    { title: 'P&L', numeric: true, text: (t) => groupDigits(t.pnl), tone: (t) => sign(t.pnl) },
    { title: 'Fees', numeric: true, text: (t) => groupDigits(t.fees) },
    { title: 'Net P&L', numeric: true, text: (t) => groupDigits(t.netPnl), tone: (t) => sign(t.netPnl) },
    { title: 'Return', numeric: true, text: (t) => `${fixed(t.returnPct, 2)} %`, tone: (t) => Math.sign(t.returnPct) },
  ], TRADE_ROWS_EACH_END, 'closed trades');
}

export function openPositionsTable(rows: readonly OpenTradeRow[]): string {
  return htmlTable<OpenTradeRow>('open-positions', rows, [
    { title: 'Instrument', text: (p) => p.instrumentId },
    { title: 'Side', text: (p) => p.side },
    { title: 'Quantity', numeric: true, text: (p) => groupDigits(p.quantity) },
    { title: 'Entry', text: (p) => utcText(p.entryTime) },
    { title: 'Entry price', numeric: true, text: (p) => groupDigits(p.entryPrice) },
    { title: 'Mark price', numeric: true, text: (p) => groupDigits(p.markPrice) },
    { title: 'Unrealised P&L', numeric: true, text: (p) => groupDigits(p.unrealizedPnl), tone: (p) => sign(p.unrealizedPnl) },
  ], EVENT_ROWS_EACH_END, 'open positions');
}

export function rejectionsTable(rows: readonly RejectionRow[]): string {
  return htmlTable<RejectionRow>('rejections', rows, [
    { title: 'Time', text: (r) => utcText(r.time) },
    { title: 'Order', text: (r) => r.clientOrderId },
    { title: 'By', text: (r) => r.source },
    { title: 'Code', text: (r) => r.code },
    { title: 'Reason', wrap: true, text: (r) => r.reason },
  ], EVENT_ROWS_EACH_END, 'rejected orders');
}

export function stateChangesTable(rows: BacktestReport['tradingState']['changes']): string {
  return htmlTable('state-changes', rows, [
    { title: 'Time', text: (c) => utcText(c.time) },
    { title: 'From', text: (c) => c.from },
    { title: 'To', text: (c) => c.to },
    { title: 'Reason', wrap: true, text: (c) => c.reason },
  ], EVENT_ROWS_EACH_END, 'trading state changes');
}

/** Settings or parameters: one row per key, values that are not text written as JSON. */
export function keyValueTable(id: string, values: Readonly<Record<string, unknown>>, noun: string): string {
  const rows = Object.entries(values);
  return htmlTable(id, rows, [
    { title: 'Name', text: ([key]) => key },
    { title: 'Value', wrap: true, text: ([, value]) => valueText(value) },
  ], Number.MAX_SAFE_INTEGER, noun);
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    // A cyclic object: say so rather than fail the whole report.
    return '(not representable as JSON)';
  }
}
