import type { PerformanceMetrics } from '../../application/analytics/performance-metrics.js';
import type { BacktestReport, TradeRow } from '../../application/backtest/backtest-report.js';
import type { BacktestRunRepository, BacktestRunSummary, StoredBacktestRun } from '../../application/ports/backtest-run-repository.js';
import { isoTimestamp } from '../../application/market-data/utc-timestamp.js';
import { AtbError } from '../../shared/errors.js';
import { msColumn } from './sql-columns.js';
import { IsolationLevel, type SqlExecutor, type SqlSession } from './sql-executor.js';
import { placeholders } from './sql-placeholders.js';
import {
  checkCurrency,
  checkFinite,
  checkInteger,
  checkLimit,
  checkName,
  checkTsMs,
  invalidInput,
  jsonText,
  StorageLimits,
} from './storage-checks.js';

const RUN_COLUMNS =
  'created_ms, strategy_name, params, instrument_id, timeframe, settings, period_from, period_to, bars, closed_trades, open_trades, ' +
  'starting_equity, final_equity, currency, metrics, metric_notes, orders, trading_state, open_positions, rejections';
const TRADES_PER_STATEMENT = 5_000;
const RUN_ID = /^[1-9][0-9]{0,17}$/;
const PLAIN_DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

type RunRow = {
  readonly run_id: string;
  readonly created_ms: string;
  readonly strategy_name: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly instrument_id: string;
  readonly timeframe: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly period_from: string | null;
  readonly period_to: string | null;
  readonly bars: string;
  readonly closed_trades: number;
  readonly open_trades: number;
  readonly starting_equity: string;
  readonly final_equity: string;
  readonly currency: string;
  readonly metrics: PerformanceMetrics;
  readonly metric_notes: BacktestReport['metricNotes'];
  readonly orders: BacktestReport['orders'];
  readonly trading_state: BacktestReport['tradingState'];
  readonly open_positions: BacktestReport['openPositions'];
  readonly rejections: BacktestReport['rejections'];
};

interface TradeDbRow {
  readonly instrument_id: string;
  readonly side: 'LONG' | 'SHORT';
  readonly quantity: string;
  readonly entry_ms: string;
  readonly exit_ms: string;
  readonly entry_price: string;
  readonly exit_price: string;
  readonly pnl: string;
  readonly fees: string;
  readonly net_pnl: string;
  readonly return_pct: number;
}

/**
 * Stored backtests on PostgreSQL and PGlite (`backtest_runs`, `backtest_trades`). Money is kept as the
 * report wrote it (NUMERIC keeps every digit and the scale) and the JSON parts as json text (key order
 * kept), so a run reads back as the same report, serialising to the same JSON; trade times are stored
 * as epoch ms and their ISO forms derived again.
 */
export class PostgresBacktestRunRepository implements BacktestRunRepository {
  constructor(private readonly db: SqlExecutor) {}

  async save(report: BacktestReport, options: { readonly createdTsMs: number }): Promise<string> {
    const runParams = runInsertParams(report, options.createdTsMs);
    const trades = tradeColumns(report.trades);
    return this.db.transaction('backtestRuns.save', (tx) =>
      tx.run('backtestRuns.save.insert', async (session) => {
        const { rows } = await session.query<{ run_id: string }>(
          `INSERT INTO backtest_runs (${RUN_COLUMNS}) VALUES (${placeholders(runParams.length)}) RETURNING run_id`,
          runParams,
        );
        const id = rows[0]?.run_id;
        if (id === undefined) throw new Error('backtestRuns.save: the insert returned no run id');
        await insertTrades(session, id, trades);
        return id;
      }),
    );
  }

  async list(options: { readonly limit?: number } = {}): Promise<readonly BacktestRunSummary[]> {
    const limit = checkLimit('backtest run query', options.limit, 20);
    return await this.db.run('backtestRuns.list', async (session) => {
      const { rows } = await session.query<RunRow & { total_return_pct: number | null }>(
        `SELECT run_id, created_ms, strategy_name, instrument_id, timeframe, period_from, period_to, bars, closed_trades, final_equity, currency,
                (metrics ->> 'totalReturnPct')::double precision AS total_return_pct
         FROM backtest_runs ORDER BY run_id DESC LIMIT $1`,
        [limit],
      );
      return rows.map((row) => ({
        id: row.run_id,
        createdTsMs: msColumn(row.created_ms, 'backtest_runs.created_ms'),
        strategy: row.strategy_name,
        instrumentId: row.instrument_id,
        timeframe: row.timeframe,
        period: { from: row.period_from, to: row.period_to },
        bars: msColumn(row.bars, 'backtest_runs.bars'),
        closedTrades: row.closed_trades,
        finalEquity: row.final_equity,
        currency: row.currency,
        totalReturnPct: row.total_return_pct,
      }));
    });
  }

  async findById(id: string): Promise<StoredBacktestRun | undefined> {
    if (typeof id !== 'string' || !RUN_ID.test(id)) throw invalidInput('backtest run', 'id', id, 'a run id: a positive whole number such as 12 (see atb runs list)');
    return await this.db.transaction(
      'backtestRuns.findById',
      (tx) =>
        tx.run('backtestRuns.findById.read', async (session) => {
          const run = (await session.query<RunRow>(`SELECT run_id, ${RUN_COLUMNS} FROM backtest_runs WHERE run_id = $1`, [id])).rows[0];
          if (run === undefined) return undefined;
          const trades = await session.query<TradeDbRow>(
            `SELECT instrument_id, side, quantity, entry_ms, exit_ms, entry_price, exit_price, pnl, fees, net_pnl, return_pct
             FROM backtest_trades WHERE run_id = $1 ORDER BY seq`,
            [id],
          );
          return { id: run.run_id, createdTsMs: msColumn(run.created_ms, 'backtest_runs.created_ms'), report: reportFromRows(run, trades.rows) };
        }),
      { isolation: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
  }

  async findByIdOrThrow(id: string): Promise<StoredBacktestRun> {
    const run = await this.findById(id);
    if (run === undefined) throw new AtbError('NOT_FOUND', `no backtest run ${id} is stored (see atb runs list)`, { id });
    return run;
  }
}

function runInsertParams(report: BacktestReport, createdTsMs: number): unknown[] {
  const entity = 'backtest run';
  const json = (field: string, value: unknown): string => jsonText(entity, field, value, StorageLimits.REPORT_JSON_BYTES);
  const period = (field: string, value: string | null): string | null => (value === null ? null : checkName(entity, field, value, 64));
  return [
    checkTsMs(entity, 'createdTsMs', createdTsMs),
    checkName(entity, 'strategy.name', report.strategy.name),
    json('strategy.params', report.strategy.params),
    checkName(entity, 'instrumentId', report.instrumentId, 64),
    checkName(entity, 'timeframe', report.timeframe, 16),
    json('settings', report.settings),
    period('period.from', report.period.from),
    period('period.to', report.period.to),
    checkInteger(entity, 'bars', report.bars),
    checkInteger(entity, 'closedTrades', report.closedTrades),
    checkInteger(entity, 'openTrades', report.openTrades),
    decimalText(entity, 'startingEquity', report.startingEquity),
    decimalText(entity, 'finalEquity', report.finalEquity),
    checkCurrency(entity, 'currency', report.currency),
    json('metrics', report.metrics),
    json('metricNotes', report.metricNotes),
    json('orders', report.orders),
    json('tradingState', report.tradingState),
    json('openPositions', report.openPositions),
    json('rejections', report.rejections),
  ];
}

/** The trades as 12 parallel arrays (instrument .. returnPct), each value checked. */
function tradeColumns(trades: readonly TradeRow[]): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 11 }, () => []);
  trades.forEach((trade, i) => {
    const entity = `backtest trade ${i}`;
    if (trade.side !== 'LONG' && trade.side !== 'SHORT') throw invalidInput(entity, 'side', trade.side, 'LONG or SHORT');
    const values = [
      checkName(entity, 'instrumentId', trade.instrumentId, 64),
      trade.side,
      decimalText(entity, 'quantity', trade.quantity),
      checkTsMs(entity, 'entryTsMs', trade.entryTsMs),
      checkTsMs(entity, 'exitTsMs', trade.exitTsMs),
      decimalText(entity, 'entryPrice', trade.entryPrice),
      decimalText(entity, 'exitPrice', trade.exitPrice),
      decimalText(entity, 'pnl', trade.pnl),
      decimalText(entity, 'fees', trade.fees),
      decimalText(entity, 'netPnl', trade.netPnl),
      checkFinite(entity, 'returnPct', trade.returnPct),
    ];
    values.forEach((value, c) => columns[c]?.push(value));
  });
  return columns;
}

async function insertTrades(session: SqlSession, runId: string, columns: readonly unknown[][]): Promise<void> {
  const count = columns[0]?.length ?? 0;
  for (let start = 0; start < count; start += TRADES_PER_STATEMENT) {
    const slice = columns.map((column) => column.slice(start, start + TRADES_PER_STATEMENT));
    await session.query(
      `INSERT INTO backtest_trades (run_id, seq, instrument_id, side, quantity, entry_ms, exit_ms, entry_price, exit_price, pnl, fees, net_pnl, return_pct)
       SELECT $1, $2 + t.n - 1, t.instrument_id, t.side, t.quantity, t.entry_ms, t.exit_ms, t.entry_price, t.exit_price, t.pnl, t.fees, t.net_pnl, t.return_pct
       FROM unnest($3::text[], $4::text[], $5::numeric[], $6::bigint[], $7::bigint[], $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[],
                   $12::numeric[], $13::double precision[])
         WITH ORDINALITY AS t (instrument_id, side, quantity, entry_ms, exit_ms, entry_price, exit_price, pnl, fees, net_pnl, return_pct, n)`,
      [runId, start, ...slice],
    );
  }
}

function reportFromRows(run: RunRow, trades: readonly TradeDbRow[]): BacktestReport {
  return {
    strategy: { name: run.strategy_name, params: run.params },
    instrumentId: run.instrument_id,
    timeframe: run.timeframe,
    // The order runBacktest writes the report in, so that the stored run serialises the same.
    period: { from: run.period_from, to: run.period_to },
    settings: run.settings,
    bars: msColumn(run.bars, 'backtest_runs.bars'),
    closedTrades: run.closed_trades,
    openTrades: run.open_trades,
    startingEquity: run.starting_equity,
    finalEquity: run.final_equity,
    currency: run.currency,
    metrics: run.metrics,
    metricNotes: run.metric_notes,
    orders: run.orders,
    tradingState: run.trading_state,
    trades: trades.map(tradeFromRow),
    openPositions: run.open_positions,
    rejections: run.rejections,
  };
}

function tradeFromRow(row: TradeDbRow): TradeRow {
  const entryTsMs = msColumn(row.entry_ms, 'backtest_trades.entry_ms');
  const exitTsMs = msColumn(row.exit_ms, 'backtest_trades.exit_ms');
  return {
    instrumentId: row.instrument_id,
    side: row.side,
    quantity: row.quantity,
    entryTime: isoTimestamp(entryTsMs),
    exitTime: isoTimestamp(exitTsMs),
    entryTsMs,
    exitTsMs,
    durationMs: exitTsMs - entryTsMs,
    entryPrice: row.entry_price,
    exitPrice: row.exit_price,
    pnl: row.pnl,
    fees: row.fees,
    netPnl: row.net_pnl,
    returnPct: row.return_pct,
  };
}

/**
 * A money string of the report, stored in a NUMERIC column as written: a plain decimal, so that NUMERIC
 * gives back the same text (it would rewrite "1e3" or "007").
 */
function decimalText(entity: string, field: string, value: string): string {
  if (typeof value !== 'string' || value.length > 100 || !PLAIN_DECIMAL.test(value)) {
    throw invalidInput(entity, field, value, 'a plain decimal such as "10166.2553"');
  }
  return value;
}
