import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadBars } from '../../adapters/files/load-bars.js';
import { SimulatedVenue } from '../../adapters/simulated/simulated-venue.js';
import type { BacktestDataSummary, BacktestRequest, BacktestRunResult, ProgressSink } from '../../application/backtest/backtest-request.js';
import { runBacktest } from '../../application/backtest/run-backtest.js';
import { synthesizeBars, syntheticDataLabel } from '../../application/market-data/synthesize-bars.js';
import type { Logger } from '../../application/ports/logger.js';
import type { RiskLimits } from '../../application/risk/risk-limits.js';
import { Decimal, Instrument, instrumentId, type BarSeries } from '../../domain/index.js';
import { AtbError } from '../../shared/errors.js';
import { createSeededRandom } from '../../shared/random.js';
import { builtInStrategies, findStrategy } from '../../strategies/built-in-strategies.js';
import type { AtbConfig } from '../config/schema.js';

export interface BacktestRunDeps {
  readonly config: AtbConfig;
  /** The embedded database folder is relative to this. */
  readonly cwd: string;
  readonly logger: Logger;
  /** Monotonic milliseconds (performance.now), for the timings. */
  readonly stopwatch: () => number;
  readonly progress?: ProgressSink;
}

/** Default grid for instruments read from files, which carry no venue rules: 8 decimals, like most crypto venues. */
const DEFAULT_STEP = Decimal.of('0.00000001');
const SYNTHETIC_START_MS = Date.UTC(2024, 0, 1);
const BPS = Decimal.of('0.0001');

/**
 * The backtest use case: resolve the strategy and its parameters, load (or generate) the bars, build the
 * instrument and the simulated venue, run the engine, write the reports asked for.
 */
export async function runBacktestRequest(request: BacktestRequest, deps: BacktestRunDeps): Promise<BacktestRunResult> {
  const { config } = deps;
  const entry = findStrategy(request.strategy);
  if (entry === undefined) {
    const names = builtInStrategies.map((s) => s.name).join(', ');
    throw new AtbError('INVALID_INPUT', `invalid option '--strategy', was ${JSON.stringify(request.strategy)}: expected one of ${names}`);
  }
  const created = entry.create(request.params);
  if (!created.ok) throw new AtbError('INVALID_INPUT', created.error.map((issue) => issue.message).join('\n'), { issues: created.error });

  const loadStarted = deps.stopwatch();
  const { series, data } = await loadSeries(request, deps);
  const loadMs = deps.stopwatch() - loadStarted;

  const cash = request.cash ?? config.backtest.cash;
  const feeBps = request.feeBps ?? config.backtest.feeBps;
  const slippageBps = request.slippageBps ?? config.backtest.slippageBps;
  const fill = request.fill ?? config.backtest.fill;
  const feeRate = Decimal.fromNumber(feeBps).mul(BPS);
  const tickSize = request.tickSize ?? DEFAULT_STEP;
  const lotSize = request.lotSize ?? DEFAULT_STEP;
  const instrument = Instrument.create({ symbol: series.instrumentId, tickSize, lotSize, makerFeeRate: feeRate, takerFeeRate: feeRate });
  const venue = new SimulatedVenue({
    instruments: [instrument],
    fillMode: fill,
    slippage: slippageBps > 0 ? { kind: 'fixed', bps: slippageBps } : { kind: 'none' },
    ...(request.maxVolumeFraction === undefined ? {} : { maxVolumeFraction: request.maxVolumeFraction }),
  });
  const risk = riskLimits(config);
  const settings = {
    cash: cash.toString(),
    feeBps,
    slippageBps,
    fill,
    maxVolumeFraction: request.maxVolumeFraction ?? null,
    tickSize: tickSize.toString(),
    lotSize: lotSize.toString(),
    risk: {
      maxOrderNotional: risk.maxOrderNotional?.toString() ?? null,
      maxPositionNotional: risk.maxPositionNotional?.toString() ?? null,
      maxOpenOrders: risk.maxOpenOrders ?? null,
      maxDrawdownPct: risk.maxDrawdownPct ?? null,
      maxDailyLossPct: risk.maxDailyLossPct ?? null,
    },
    data: data.source,
  };
  const outcome = runBacktest({
    strategyName: entry.name,
    strategy: created.value.strategy,
    rawParams: request.params,
    instrument,
    series,
    cash,
    venue,
    risk,
    settings,
    logger: deps.logger,
    stopwatch: deps.stopwatch,
    ...(deps.progress === undefined ? {} : { onProgress: (done: number, total: number) => deps.progress?.update(done, total) }),
  });
  deps.progress?.finish();

  const written: string[] = [];
  if (request.jsonReportPath !== undefined) {
    await writeAtomically(resolve(deps.cwd, request.jsonReportPath), `${JSON.stringify(outcome.report, null, 2)}\n`);
    written.push(request.jsonReportPath);
  }
  if (request.htmlReportPath !== undefined) {
    // Loaded only when asked for: the report inlines the charting library.
    const { writeHtmlReport } = await import('../../adapters/report/html-report.js');
    await writeHtmlReport(resolve(deps.cwd, request.htmlReportPath), { report: outcome.report, candles: series, curves: outcome.curves });
    written.push(request.htmlReportPath);
  }
  return { report: outcome.report, data, elapsedMs: outcome.elapsedMs, loadMs, written };
}

async function loadSeries(request: BacktestRequest, deps: BacktestRunDeps): Promise<{ series: BarSeries; data: BacktestDataSummary }> {
  const source = request.data;
  if (source.kind === 'database') {
    // Imported here: loading the database modules (pg, PGlite, Drizzle, prom-client) added ~0.2 s to every
    // `atb` start, which a backtest from a file or synthetic data must not pay.
    const { openMarketDataStore } = await import('../persistence/open-market-data-store.js');
    const store = await openMarketDataStore(deps.config.database, { logger: deps.logger, cwd: deps.cwd });
    try {
      const series = await store.marketData.readSeries(source.instrumentId, source.timeframe, request.fromMs, request.toMs);
      if (series.length === 0) {
        throw new AtbError('INVALID_INPUT', `no ${source.instrumentId} ${source.timeframe} bars${request.fromMs === undefined && request.toMs === undefined ? '' : ' in that period'} in ${store.location}: import them with atb data import FILE --symbol ${source.instrumentId} --timeframe ${source.timeframe}`);
      }
      const description = `${store.location}: ${source.instrumentId} ${source.timeframe}`;
      return { series, data: { source: description, synthetic: false, layout: 'database', barsLoaded: series.length, skippedBadRows: 0, duplicates: 0, gaps: 0, warnings: [] } };
    } finally {
      await store.close();
    }
  }
  if (source.kind === 'synthetic') {
    const { series } = synthesizeBars({
      bars: source.bars,
      timeframe: source.timeframe,
      instrumentId: request.symbol ?? instrumentId('SYN/USDT'),
      random: createSeededRandom(source.seed),
      startMs: SYNTHETIC_START_MS,
      startPrice: 100,
    });
    const label = syntheticDataLabel(source.seed);
    return { series, data: { source: label, synthetic: true, layout: 'generated in memory', barsLoaded: series.length, skippedBadRows: 0, duplicates: 0, gaps: 0, warnings: [] } };
  }
  const { series, report } = await loadBars(resolve(deps.cwd, source.path), {
    skipBadRows: source.skipBadRows,
    ...(request.symbol === undefined ? {} : { instrumentId: request.symbol }),
    ...(request.timeframe === undefined ? {} : { timeframe: request.timeframe }),
    ...(request.fromMs === undefined ? {} : { fromMs: request.fromMs }),
    ...(request.toMs === undefined ? {} : { toMs: request.toMs }),
  });
  const synthetic = report.comments.some((c) => /synthetic/i.test(c));
  return {
    series,
    data: {
      source: source.path,
      synthetic,
      layout: report.layout,
      barsLoaded: report.barsLoaded,
      skippedBadRows: report.skippedBadRows.count,
      duplicates: report.duplicates.count,
      gaps: report.gaps.count,
      warnings: report.warnings,
    },
  };
}

function riskLimits(config: AtbConfig): RiskLimits {
  const r = config.risk;
  return {
    ...(r.maxOrderNotional === undefined ? {} : { maxOrderNotional: r.maxOrderNotional }),
    ...(r.maxPositionNotional === undefined ? {} : { maxPositionNotional: r.maxPositionNotional }),
    maxOpenOrders: r.maxOpenOrders,
    maxDrawdownPct: r.maxDrawdownPct,
    ...(r.maxDailyLossPct === undefined ? {} : { maxDailyLossPct: r.maxDailyLossPct }),
  };
}

/** Writes through a temporary file and a rename, so a crash never leaves half a report. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    throw new AtbError('INVALID_INPUT', `cannot write the report to ${path}: ${(error as Error).message}`, { path }, { cause: error });
  }
}

