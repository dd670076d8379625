import { type Command } from 'commander';
import { formatUtcTimestamp } from '../../../application/market-data/utc-timestamp.js';
import type { StoredGapReport, StoredSeries } from '../../../application/ports/market-data-repository.js';
import { type CliIo } from '../cli-io.js';
import { type OpenMarketData, withMarketData } from './market-data-store.js';

export interface DataListDeps {
  readonly io: CliIo;
  readonly openMarketData: OpenMarketData;
}

interface DataListOptions {
  readonly gaps?: boolean;
  readonly json?: boolean;
}

/** `atb data list [--gaps] [--json]`: the stored series with their bar counts and ranges (and gaps). */
export function registerDataListCommand(dataCommand: Command, deps: DataListDeps): void {
  dataCommand
    .command('list')
    .description('list the bar series stored in the database: instrument, timeframe, bars, first and last bar')
    .option('--gaps', 'also count the missing bars of each series (reads every bar)')
    .option('--json', 'print the list as one JSON document')
    .action(async (options: DataListOptions) => {
      await withMarketData(deps.openMarketData, async ({ marketData, location }) => {
        const series = await marketData.list();
        const gaps: (StoredGapReport | undefined)[] = [];
        for (const one of series) gaps.push(options.gaps === true ? await marketData.gapReport(one.instrumentId, one.timeframe, 0) : undefined);
        if (options.json === true) {
          const rows = series.map((one, i) => ({ ...one, ...(gaps[i] === undefined ? {} : { gaps: gaps[i]?.count, missingBars: gaps[i]?.missingBars }) }));
          deps.io.out(`${JSON.stringify({ location, series: rows }, null, 2)}\n`);
          return;
        }
        deps.io.out(series.length === 0 ? `no bars stored in ${location} yet: add some with atb data import FILE\n` : renderList(series, gaps));
      });
    });
}

function renderList(series: readonly StoredSeries[], gaps: readonly (StoredGapReport | undefined)[]): string {
  const withGaps = gaps.some((gap) => gap !== undefined);
  const header = ['instrument', 'timeframe', 'bars', 'first', 'last', ...(withGaps ? ['gaps'] : [])];
  const rows = series.map((one, i) => [
    one.instrumentId,
    one.timeframe,
    String(one.bars),
    formatUtcTimestamp(one.firstTsOpen),
    formatUtcTimestamp(one.lastTsOpen),
    ...(withGaps ? [gapText(gaps[i])] : []),
  ]);
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function gapText(report: StoredGapReport | undefined): string {
  const missing = report?.missingBars ?? 0;
  return `${report?.count ?? 0} (${missing} missing bar${missing === 1 ? '' : 's'})`;
}
