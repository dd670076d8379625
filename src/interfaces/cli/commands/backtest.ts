import { type Command } from 'commander';
import type { BacktestRequest, BacktestRunResult, ProgressSink } from '../../../application/backtest/backtest-request.js';
import { parseUtcDate } from '../../../application/market-data/utc-timestamp.js';
import { Decimal, instrumentId, timeframe } from '../../../domain/index.js';
import { AtbError } from '../../../shared/errors.js';
import { groupDigits } from '../../../shared/group-digits.js';
import { type CliIo } from '../cli-io.js';
import { renderBacktestSummary } from './backtest-summary.js';

export interface BacktestCommandDeps {
  readonly io: CliIo;
  readonly run: (request: BacktestRequest, progress: ProgressSink | undefined) => Promise<BacktestRunResult>;
  /** A progress display for `total` events: a bar on a terminal, plain lines otherwise. */
  readonly progress: (total: number) => ProgressSink;
  /** Names and descriptions of the strategies, for the help text. */
  readonly strategies: readonly { readonly name: string; readonly description: string }[];
  /** Stores a finished run in the configured database (`--save`); resolves to its run id and where it went. */
  readonly save: (report: BacktestRunResult['report']) => Promise<{ readonly id: string; readonly location: string }>;
}

interface BacktestOptions {
  readonly strategy?: string;
  readonly param: readonly string[];
  readonly data?: string;
  readonly demo?: boolean;
  readonly symbol?: string;
  readonly timeframe?: string;
  readonly from?: string;
  readonly to?: string;
  readonly cash?: string;
  readonly feeBps?: string;
  readonly slippageBps?: string;
  readonly fill?: string;
  readonly volumeCap?: string;
  readonly tickSize?: string;
  readonly lotSize?: string;
  readonly skipBadRows?: boolean;
  readonly json?: boolean;
  readonly report?: string;
  readonly out?: string;
  readonly progress: boolean;
  readonly save?: boolean;
}

/** The demo: sma-cross on a seeded synthetic series, so `atb backtest --demo` needs nothing else. */
const DEMO = { strategy: 'sma-cross', params: { fast: '120', slow: '480', size: '10' }, bars: 200_000, seed: 42, timeframe: '1m' } as const;
const PROGRESS_FROM_BARS = 250_000;
const DAY_MS = 86_400_000;

/**
 * `atb backtest --strategy NAME --param k=v ... --data FILE [...]` and `atb backtest --demo`. Prints a
 * summary, or with --json exactly one JSON object on stdout (the report plus elapsedMs and loadMs).
 */
export function registerBacktestCommand(program: Command, deps: BacktestCommandDeps): void {
  program
    .command('backtest')
    .description('run a strategy over historical bars on the same engine as paper and live trading')
    .option('--strategy <name>', `strategy to run: ${deps.strategies.map((s) => s.name).join(', ')}`)
    .option('--param <name=value>', 'a strategy parameter (repeatable), e.g. --param fast=10', collect, [])
    .option('--data <file>', 'bar file: CSV (layout detected), JSON [[ts,o,h,l,c,v],...] or Arrow/Feather; without it, bars of --symbol and --timeframe come from the database (atb data import)')
    .option('--demo', `run ${DEMO.strategy} on ${groupDigits(String(DEMO.bars))} seeded synthetic ${DEMO.timeframe} bars`)
    .option('--symbol <BASE/QUOTE>', 'instrument of the bars (default: from the file name)')
    .option('--timeframe <tf>', 'bar timeframe such as 1m, 1h, 1d (default: inferred from the data)')
    .option('--from <YYYY-MM-DD>', 'first day to include (UTC, inclusive)')
    .option('--to <YYYY-MM-DD>', 'last day to include (UTC, inclusive)')
    .option('--cash <amount>', 'starting cash in the quote currency (default: backtest.cash)')
    .option('--fee-bps <bps>', 'maker and taker fee in basis points (default: backtest.feeBps)')
    .option('--slippage-bps <bps>', 'slippage of taker fills in basis points (default: backtest.slippageBps)')
    .option('--fill <mode>', 'when market orders fill: next-open (default) or close (the signal bar\'s close)')
    .option('--volume-cap <fraction>', 'fill at most this fraction of each bar\'s volume (partial fills)')
    .option('--tick-size <price>', 'price increment of the instrument', '0.00000001')
    .option('--lot-size <quantity>', 'quantity increment of the instrument', '0.00000001')
    .option('--skip-bad-rows', 'skip malformed rows of the data file (and report how many) instead of stopping')
    .option('--json', 'print exactly one JSON object: the report with elapsedMs and loadMs')
    .option('--report <file.html>', 'write a self-contained HTML report (charts, metrics, trades)')
    .option('--out <file.json>', 'write the JSON report without timings (byte-identical for the same inputs)')
    .option('--no-progress', 'no progress display')
    .option('--save', 'store the run in the database (DATABASE_URL, else the embedded one) and print its id; see atb runs list|show')
    .addHelpText('after', `\nStrategies:\n${deps.strategies.map((s) => `  ${s.name.padEnd(20)} ${s.description}`).join('\n')}\n`)
    .action(async (options: BacktestOptions) => {
      const request = toRequest(options);
      const total = request.data.kind === 'synthetic' ? request.data.bars : 0;
      // A file's size is known only once loaded; the engine reports its total with the first update.
      const progress = options.progress && (total === 0 || total >= PROGRESS_FROM_BARS) ? lazyProgress(deps.progress) : undefined;
      const result = await deps.run(request, progress);
      if (options.json === true) {
        // --json prints one object, so the run id goes into it, and the run is stored first.
        const saved = options.save === true ? await deps.save(result.report) : undefined;
        const runId = saved === undefined ? {} : { runId: saved.id };
        deps.io.out(`${JSON.stringify({ ...result.report, data: result.data, elapsedMs: round(result.elapsedMs), loadMs: round(result.loadMs), ...runId })}\n`);
      } else {
        deps.io.out(renderBacktestSummary(result));
        if (options.save === true) {
          const saved = await deps.save(result.report);
          deps.io.out(`saved as run ${saved.id} in ${saved.location} (atb runs show ${saved.id})\n`);
        }
      }
    });
}

function toRequest(o: BacktestOptions): BacktestRequest {
  if (o.demo === true && o.data !== undefined) throw invalid('--demo', 'with --data', 'either --demo or --data, not both');
  const fromDatabase = o.demo !== true && o.data === undefined;
  if (fromDatabase && (o.symbol === undefined || o.timeframe === undefined)) {
    throw invalid('--data', undefined, 'a bar file, or --symbol and --timeframe of bars imported into the database (atb data import), or --demo');
  }
  const strategy = o.strategy ?? (o.demo === true ? DEMO.strategy : undefined);
  if (strategy === undefined) throw invalid('--strategy', undefined, 'a strategy name (see atb backtest --help)');
  const params = o.param.length === 0 && o.demo === true && o.strategy === undefined ? { ...DEMO.params } : parseParams(o.param);
  const fromMs = o.from === undefined ? undefined : date('--from', o.from);
  const toMs = o.to === undefined ? undefined : date('--to', o.to) + DAY_MS - 1;
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) throw invalid('--to', o.to, `a day on or after --from ${o.from ?? ''}`);
  const fill = o.fill;
  if (fill !== undefined && fill !== 'next-open' && fill !== 'close') throw invalid('--fill', fill, 'next-open or close');
  return {
    strategy,
    params,
    data: dataSource(o, fromDatabase),
    ...(o.symbol === undefined ? {} : { symbol: instrumentId(o.symbol, '--symbol') }),
    ...(o.timeframe === undefined ? {} : { timeframe: timeframe(o.timeframe, '--timeframe') }),
    ...(fromMs === undefined ? {} : { fromMs }),
    ...(toMs === undefined ? {} : { toMs }),
    ...(o.cash === undefined ? {} : { cash: positiveDecimal('--cash', o.cash) }),
    ...(o.feeBps === undefined ? {} : { feeBps: number('--fee-bps', o.feeBps, 0, 10_000) }),
    ...(o.slippageBps === undefined ? {} : { slippageBps: number('--slippage-bps', o.slippageBps, 0, 10_000) }),
    ...(fill === undefined ? {} : { fill }),
    ...(o.volumeCap === undefined ? {} : { maxVolumeFraction: fraction('--volume-cap', o.volumeCap) }),
    ...(o.tickSize === undefined ? {} : { tickSize: positiveDecimal('--tick-size', o.tickSize) }),
    ...(o.lotSize === undefined ? {} : { lotSize: positiveDecimal('--lot-size', o.lotSize) }),
    ...(o.report === undefined ? {} : { htmlReportPath: o.report }),
    ...(o.out === undefined ? {} : { jsonReportPath: o.out }),
  };
}

function dataSource(o: BacktestOptions, fromDatabase: boolean): BacktestRequest['data'] {
  if (o.demo === true) return { kind: 'synthetic', bars: DEMO.bars, seed: DEMO.seed, timeframe: timeframe(DEMO.timeframe) };
  if (fromDatabase) return { kind: 'database', instrumentId: instrumentId(o.symbol ?? '', '--symbol'), timeframe: timeframe(o.timeframe ?? '', '--timeframe') };
  return { kind: 'file', path: o.data ?? '', skipBadRows: o.skipBadRows === true };
}

function parseParams(pairs: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw invalid('--param', pair, 'name=value, such as fast=10');
    const name = pair.slice(0, eq).trim();
    if (Object.hasOwn(params, name)) throw invalid('--param', pair, `${name} given once`);
    params[name] = pair.slice(eq + 1).trim();
  }
  return params;
}

function date(option: string, text: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseUtcDate(text, 0, text.length) : Number.NaN;
  if (Number.isNaN(ms)) throw invalid(option, text, 'a UTC date YYYY-MM-DD');
  return ms;
}

function positiveDecimal(option: string, text: string): Decimal {
  let value: Decimal | undefined;
  try {
    value = Decimal.of(text, option);
  } catch {
    value = undefined;
  }
  if (value === undefined || !value.isPositive()) throw invalid(option, text, 'a positive decimal number such as 10000');
  return value;
}

function number(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) throw invalid(option, text, `a number from ${min} to ${max}`);
  return value;
}

function fraction(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value > 0 && value <= 1)) throw invalid(option, text, 'a fraction above 0 and at most 1, such as 0.1');
  return value;
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

function invalid(option: string, value: string | undefined, expected: string): AtbError {
  const found = value === undefined ? 'missing' : JSON.stringify(value);
  return new AtbError('INVALID_INPUT', `invalid option '${option}', was ${found}: expected ${expected}`, { option, value });
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Creates the display on the first update, once the total is known. */
function lazyProgress(create: (total: number) => ProgressSink): ProgressSink {
  let sink: ProgressSink | undefined;
  return {
    update(done, total) {
      if (sink === undefined) {
        if (total < PROGRESS_FROM_BARS) return;
        sink = create(total);
      }
      sink.update(done, total);
    },
    finish() {
      sink?.finish();
    },
  };
}
