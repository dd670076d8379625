import { type Command } from 'commander';
import {
  BarFileFormat,
  type BarLoadReport,
  type LoadBars,
  type LoadBarsOptions,
} from '../../../application/market-data/bar-load-report.js';
import { formatUtcTimestamp, parseUtcDateTime, type DateOrder } from '../../../application/market-data/utc-timestamp.js';
import { instrumentId } from '../../../domain/instruments/instrument-id.js';
import { timeframe } from '../../../domain/market-data/timeframe.js';
import { AtbError } from '../../../shared/errors.js';
import { type CliIo } from '../cli-io.js';

const MS_PER_DAY = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface DataInspectDeps {
  readonly io: CliIo;
  readonly loadBars: LoadBars;
}

export interface DataInspectOptions {
  readonly skipBadRows?: boolean;
  readonly symbol?: string;
  readonly timeframe?: string;
  readonly format?: string;
  readonly from?: string;
  readonly to?: string;
  readonly dateOrder?: string;
  readonly json?: boolean;
}

/**
 * `atb data inspect FILE [--skip-bad-rows] [--symbol S] [--timeframe TF] [--from D] [--to D] [--json]`:
 * loads a bar file as a backtest would and prints what was read: layout, rows, bars, range, bad rows,
 * duplicates, gaps. A bad row stops it with `file:line: reason` unless --skip-bad-rows.
 */
export function registerDataInspectCommand(dataCommand: Command, deps: DataInspectDeps): void {
  dataCommand
    .command('inspect')
    .description('load a bar file (CSV, JSON, Arrow/Feather) and report its layout, bars, bad rows, duplicates and gaps')
    .argument('<file>', 'bar file')
    .option('--skip-bad-rows', 'skip malformed rows (counted and listed) instead of stopping at the first')
    .option('--symbol <symbol>', 'instrument, such as BTC/USDT (default: from the file name)')
    .option('--timeframe <tf>', 'bar timeframe (default: inferred from the bar spacing)')
    .option('--format <format>', 'csv, json or arrow (default: from the extension)')
    .option('--from <date>', 'first bar to keep, UTC date or date-time (inclusive)')
    .option('--to <date>', 'last bar to keep, UTC date (the whole day) or date-time (inclusive)')
    .option('--date-order <order>', 'ymd, dmy or mdy, for dates such as 31.01.2024')
    .option('--json', 'print the report as one JSON document')
    .action(async (file: string, options: DataInspectOptions) => {
      const { report } = await deps.loadBars(file, toLoadOptions(options));
      deps.io.out(options.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderLoadReport(report));
    });
}

/** The file-loading options (--symbol, --timeframe, --format, --from, --to, --date-order, --skip-bad-rows), checked; `atb data import` reads files the same way. */
export function toLoadOptions(options: DataInspectOptions): LoadBarsOptions {
  const formats: readonly string[] = Object.values(BarFileFormat);
  if (options.format !== undefined && !formats.includes(options.format)) {
    throw invalid('--format', options.format, `one of ${formats.join(', ')}`);
  }
  const orders: readonly string[] = ['ymd', 'dmy', 'mdy'];
  if (options.dateOrder !== undefined && !orders.includes(options.dateOrder)) {
    throw invalid('--date-order', options.dateOrder, 'ymd, dmy or mdy');
  }
  return {
    skipBadRows: options.skipBadRows === true,
    ...(options.symbol === undefined ? {} : { instrumentId: instrumentId(options.symbol, '--symbol') }),
    ...(options.timeframe === undefined ? {} : { timeframe: timeframe(options.timeframe, '--timeframe') }),
    ...(options.format === undefined ? {} : { format: options.format as BarFileFormat }),
    ...(options.from === undefined ? {} : { fromMs: dateOption('--from', options.from) }),
    // A date alone as --to means the whole of that day.
    ...(options.to === undefined
      ? {}
      : { toMs: dateOption('--to', options.to) + (DATE_ONLY.test(options.to.trim()) ? MS_PER_DAY - 1 : 0) }),
    ...(options.dateOrder === undefined ? {} : { layout: { dateOrder: options.dateOrder as DateOrder } }),
  };
}

/** The report as aligned lines for people. */
export function renderLoadReport(report: BarLoadReport): string {
  const lines: string[] = [];
  const row = (label: string, text: string): void => {
    lines.push(`${label.padEnd(11)} ${text}`);
  };
  row('file', `${report.file} (${report.format})`);
  row('layout', report.layout);
  row('instrument', `${report.instrumentId} (${report.instrumentSource})`);
  row('timeframe', `${report.timeframe} (${report.timeframeSource})`);
  const range =
    report.firstTsOpen === undefined || report.lastTsOpen === undefined
      ? 'no bars'
      : `${formatUtcTimestamp(report.firstTsOpen)} to ${formatUtcTimestamp(report.lastTsOpen)}`;
  row('bars', `${report.barsLoaded} loaded from ${report.rowsRead} rows; ${range}`);
  if (report.filteredOut > 0) row('filtered', `${report.filteredOut} bars outside --from/--to`);
  row('bad rows', `${report.skippedBadRows.count} skipped`);
  const position = report.format === 'arrow' ? 'row' : 'line';
  for (const bad of report.skippedBadRows.first) lines.push(`              ${position} ${bad.line}: ${bad.reason}`);
  const { count, firstLines } = report.duplicates;
  const more = count > firstLines.length ? ', …' : '';
  const where = firstLines.length === 0 ? '' : ` (line${count > 1 ? 's' : ''} ${firstLines.join(', ')}${more})`;
  row('duplicates', `${count} dropped${where}`);
  row('gaps', `${report.gaps.count} (${report.gaps.missingBars} missing bars; weekends and holidays count)`);
  for (const gap of report.gaps.first) {
    lines.push(`              ${gap.missingBars} missing after ${formatUtcTimestamp(gap.afterTsOpen)} (next ${formatUtcTimestamp(gap.nextTsOpen)})`);
  }
  for (const comment of report.comments) row('comment', comment);
  for (const warning of report.warnings) row('warning', warning);
  return `${lines.join('\n')}\n`;
}

function dateOption(option: string, text: string): number {
  const value = text.trim();
  const ms = parseUtcDateTime(value, 0, value.length);
  if (Number.isNaN(ms)) throw invalid(option, text, 'a UTC date or date-time such as 2024-01-31 or 2024-01-31T12:00:00Z');
  return ms;
}

function invalid(option: string, value: string, expected: string): AtbError {
  return new AtbError('INVALID_INPUT', `invalid option '${option}', was ${JSON.stringify(value)}: expected ${expected}`, {
    option,
    value,
  });
}
