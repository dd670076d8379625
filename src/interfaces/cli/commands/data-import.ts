import { type Command } from 'commander';
import type { BarLoadReport, LoadBars } from '../../../application/market-data/bar-load-report.js';
import type { IngestResult } from '../../../application/ports/market-data-repository.js';
import { type CliIo } from '../cli-io.js';
import type { ImportProgress } from '../import-progress.js';
import { type DataInspectOptions, toLoadOptions } from './data-inspect.js';
import { type OpenMarketData, withMarketData } from './market-data-store.js';

export interface DataImportDeps {
  readonly io: CliIo;
  readonly loadBars: LoadBars;
  readonly openMarketData: OpenMarketData;
  readonly progress: (totalRows: number) => ImportProgress;
  /** Monotonic milliseconds (performance.now), for rows per second. */
  readonly stopwatch: () => number;
}

interface DataImportOptions extends DataInspectOptions {
  readonly json?: boolean;
}

/**
 * `atb data import FILE [--symbol S] [--timeframe TF] [--skip-bad-rows] [...]`: loads a bar file as
 * `atb data inspect` does and stores its bars in the configured database, with a progress bar and the
 * rows per second. The whole file is one transaction: it is imported completely or not at all, and
 * importing it again changes nothing.
 */
export function registerDataImportCommand(dataCommand: Command, deps: DataImportDeps): void {
  dataCommand
    .command('import')
    .description('store the bars of a file (CSV, JSON, Arrow/Feather) in the database; all or nothing, re-import changes nothing')
    .argument('<file>', 'bar file')
    .option('--symbol <symbol>', 'instrument, such as BTC/USDT (default: from the file name)')
    .option('--timeframe <tf>', 'bar timeframe (default: inferred from the bar spacing)')
    .option('--skip-bad-rows', 'skip malformed rows (listed with their line) instead of stopping at the first')
    .option('--format <format>', 'csv, json or arrow (default: from the extension)')
    .option('--from <date>', 'first bar to import, UTC date or date-time (inclusive)')
    .option('--to <date>', 'last bar to import, UTC date (the whole day) or date-time (inclusive)')
    .option('--date-order <order>', 'ymd, dmy or mdy, for dates such as 31.01.2024')
    .option('--json', 'print the outcome as one JSON document')
    .action(async (file: string, options: DataImportOptions) => {
      const { series, report } = await deps.loadBars(file, toLoadOptions(options));
      if (options.json !== true) deps.io.err(renderLoaded(report));
      await withMarketData(deps.openMarketData, async (store) => {
        const progress = deps.progress(series.length);
        const startedMs = deps.stopwatch();
        let result: IngestResult;
        try {
          result = await store.marketData.ingest(series, { onProgress: (rows) => progress.update(rows) });
        } finally {
          progress.finish();
        }
        const seconds = (deps.stopwatch() - startedMs) / 1000;
        const rowsPerSecond = Math.round(series.length / Math.max(seconds, 1e-6));
        if (options.json === true) {
          deps.io.out(`${JSON.stringify({ location: store.location, seconds, rowsPerSecond, ...result, load: report }, null, 2)}\n`);
          return;
        }
        deps.io.out(
          `imported ${result.rows} bars of ${series.instrumentId} ${series.timeframe} into ${store.location} ` +
            `in ${seconds.toFixed(2)} s (${rowsPerSecond} rows/s): ${result.inserted} new, ${result.updated} changed, ` +
            `${result.unchanged} already stored\n`,
        );
      });
    });
}

/** What was read from the file, bad rows with their line, on stderr before the import starts. */
function renderLoaded(report: BarLoadReport): string {
  const lines = [`read ${report.barsLoaded} bars of ${report.instrumentId} ${report.timeframe} from ${report.file} (${report.rowsRead} rows)`];
  const position = report.format === 'arrow' ? 'row' : 'line';
  if (report.skippedBadRows.count > 0) {
    lines.push(`skipped ${report.skippedBadRows.count} bad row${report.skippedBadRows.count === 1 ? '' : 's'}:`);
    for (const bad of report.skippedBadRows.first) lines.push(`  ${position} ${bad.line}: ${bad.reason}`);
    if (report.skippedBadRows.count > report.skippedBadRows.first.length) lines.push('  …');
  }
  if (report.duplicates.count > 0) lines.push(`dropped ${report.duplicates.count} duplicate row${report.duplicates.count === 1 ? '' : 's'}`);
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}
