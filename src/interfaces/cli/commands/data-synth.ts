import { type Command } from 'commander';
import type { WriteBarsCsv } from '../../../application/market-data/bar-load-report.js';
import { synthesizeBars, syntheticDataLabel, SYNTHETIC_MODEL } from '../../../application/market-data/synthesize-bars.js';
import { formatUtcTimestamp, parseUtcDateTime } from '../../../application/market-data/utc-timestamp.js';
import { instrumentId } from '../../../domain/instruments/instrument-id.js';
import { timeframe } from '../../../domain/market-data/timeframe.js';
import { AtbError } from '../../../shared/errors.js';
import { createSeededRandom } from '../../../shared/random.js';
import { type CliIo } from '../cli-io.js';

/** Beyond this a series no longer fits comfortably in memory (48 bytes a bar). */
const MAX_BARS = 20_000_000;

export interface DataSynthDeps {
  readonly io: CliIo;
  readonly writeBarsCsv: WriteBarsCsv;
}

interface DataSynthOptions {
  readonly bars: string;
  readonly out: string;
  readonly timeframe: string;
  readonly seed: string;
  readonly start: string;
  readonly price: string;
  readonly symbol: string;
}

/**
 * `atb data synth --bars N --out FILE [--timeframe 1m] [--seed S] [--start 2024-01-01] [--price 100]
 * [--symbol SYN/USDT]`: seeded synthetic OHLCV (GBM with volatility regimes) written as canonical CSV whose
 * first line labels it synthetic. The same options always write the same bytes.
 */
export function registerDataSynthCommand(dataCommand: Command, deps: DataSynthDeps): void {
  dataCommand
    .command('synth')
    .description('write seeded synthetic OHLCV bars (GBM with volatility regimes, labelled synthetic) to a CSV file')
    .requiredOption('--bars <n>', 'number of bars')
    .requiredOption('--out <file>', 'CSV file to write')
    .option('--timeframe <tf>', 'bar timeframe, such as 1m, 1h, 1d', '1m')
    .option('--seed <s>', 'random seed (an integer); the same seed writes the same file', '1')
    .option('--start <date>', 'open time of the first bar, UTC', '2024-01-01')
    .option('--price <p>', 'price of the first bar', '100')
    .option('--symbol <symbol>', 'instrument the bars are labelled with', 'SYN/USDT')
    .action(async (options: DataSynthOptions) => {
      if (!/\.(csv|txt)$/i.test(options.out)) throw invalid('--out', options.out, 'a .csv file (synthetic data is written as CSV)');
      const bars = integerOption('--bars', options.bars, 1, MAX_BARS);
      const seed = integerOption('--seed', options.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      const startMs = parseUtcDateTime(options.start, 0, options.start.length);
      if (Number.isNaN(startMs)) throw invalid('--start', options.start, 'a UTC date or date-time such as 2024-01-01');
      const startPrice = Number(options.price);
      if (!(startPrice > 0 && startPrice < 1e12)) throw invalid('--price', options.price, 'a positive number');
      const { series } = synthesizeBars({
        bars,
        timeframe: timeframe(options.timeframe, '--timeframe'),
        instrumentId: instrumentId(options.symbol, '--symbol'),
        random: createSeededRandom(seed),
        startMs,
        startPrice,
      });
      await deps.writeBarsCsv(series, options.out, { comment: syntheticDataLabel(seed) });
      const last = series.tsOpen[series.length - 1] ?? startMs;
      deps.io.out(
        `wrote ${bars} synthetic ${series.timeframe} bars of ${series.instrumentId} ` +
          `(${formatUtcTimestamp(startMs)} to ${formatUtcTimestamp(last)}, seed=${seed}, model=${SYNTHETIC_MODEL}) to ${options.out}\n`,
      );
    });
}

function integerOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(name, text, min === 1 ? `a whole number from 1 to ${max}` : 'a whole number');
  }
  return value;
}

function invalid(option: string, value: string, expected: string): AtbError {
  return new AtbError('INVALID_INPUT', `invalid option '${option}', was ${JSON.stringify(value)}: expected ${expected}`, {
    option,
    value,
  });
}
