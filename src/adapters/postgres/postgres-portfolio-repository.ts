import type { TsRange } from '../../application/ports/market-data-repository.js';
import type { PortfolioRepository, TimedEquityPoint } from '../../application/ports/portfolio-repository.js';
import type { Balance } from '../../domain/portfolio/balance.js';
import { type Currency, Money } from '../../domain/values/money.js';
import { decimalColumn, msColumn } from './sql-columns.js';
import type { SqlExecutor } from './sql-executor.js';
import { checkAccountId, checkCurrency, checkTsMs, invalidInput } from './storage-checks.js';

interface BalanceRow {
  readonly currency: string;
  readonly free: string;
  readonly locked: string;
}

interface EquityRow {
  readonly ts_ms: string;
  readonly currency: string;
  readonly equity: string;
  readonly peak: string;
  readonly drawdown: string;
}

/** Balances and the equity curve on PostgreSQL and PGlite (`balances`, `equity_points`). */
export class PostgresPortfolioRepository implements PortfolioRepository {
  constructor(private readonly db: SqlExecutor) {}

  async saveBalances(accountId: string, balances: readonly Balance[], tsMs: number): Promise<void> {
    checkAccountId('balance', accountId);
    checkTsMs('balance', 'tsMs', tsMs);
    if (balances.length === 0) return;
    const currencies = balances.map((balance) => checkCurrency('balance', 'currency', balance.currency));
    if (new Set(currencies).size !== currencies.length) throw invalidInput('balance', 'currency', currencies.join(','), 'each currency once');
    for (const balance of balances) {
      if (balance.locked.isNegative()) throw invalidInput('balance', `${balance.currency}.locked`, balance.locked.toString(), 'a non-negative amount');
    }
    // One statement for every currency: a fill changes two balances, and each round trip costs.
    await this.db.run('portfolio.saveBalances', (session) =>
      session.query(
        `INSERT INTO balances (account_id, currency, free, locked, updated_ms)
         SELECT $1, b.currency, b.free, b.locked, $5 FROM unnest($2::text[], $3::numeric[], $4::numeric[]) AS b (currency, free, locked)
         ON CONFLICT (account_id, currency) DO UPDATE SET free = excluded.free, locked = excluded.locked, updated_ms = excluded.updated_ms`,
        [accountId, currencies, balances.map((b) => b.free.toString()), balances.map((b) => b.locked.toString()), tsMs],
      ),
    );
  }

  async findBalances(accountId: string): Promise<readonly Balance[]> {
    const params = [checkAccountId('balance', accountId)];
    return await this.db.run('portfolio.findBalances', async (session) => {
      const { rows } = await session.query<BalanceRow>('SELECT currency, free, locked FROM balances WHERE account_id = $1 ORDER BY currency COLLATE "C"', params);
      return rows.map(balanceFromRow);
    });
  }

  async findBalance(accountId: string, currency: Currency): Promise<Balance | undefined> {
    const params = [checkAccountId('balance', accountId), checkCurrency('balance', 'currency', currency)];
    return await this.db.run('portfolio.findBalance', async (session) => {
      const { rows } = await session.query<BalanceRow>('SELECT currency, free, locked FROM balances WHERE account_id = $1 AND currency = $2', params);
      return rows[0] === undefined ? undefined : balanceFromRow(rows[0]);
    });
  }

  async saveEquityPoint(accountId: string, point: TimedEquityPoint): Promise<void> {
    checkAccountId('equity point', accountId);
    checkCurrency('equity point', 'equity.currency', point.equity.currency);
    if (point.peakEquity.currency !== point.equity.currency) {
      throw invalidInput('equity point', 'peakEquity.currency', point.peakEquity.currency, `the equity's currency ${point.equity.currency}`);
    }
    const params = [
      accountId,
      checkTsMs('equity point', 'tsMs', point.tsMs),
      point.equity.currency,
      point.equity.amount.toString(),
      point.peakEquity.amount.toString(),
      point.drawdown.toString(),
    ];
    await this.db.run('portfolio.saveEquityPoint', (session) =>
      session.query(
        `INSERT INTO equity_points (account_id, ts_ms, currency, equity, peak, drawdown) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account_id, ts_ms) DO UPDATE SET currency = excluded.currency, equity = excluded.equity, peak = excluded.peak, drawdown = excluded.drawdown`,
        params,
      ),
    );
  }

  async findEquityCurve(accountId: string, range: TsRange = {}): Promise<readonly TimedEquityPoint[]> {
    const params = [
      checkAccountId('equity point', accountId),
      checkTsMs('equity query', 'fromMs', range.fromMs ?? 0),
      checkTsMs('equity query', 'toMs', range.toMs ?? Number.MAX_SAFE_INTEGER),
    ];
    return await this.db.run('portfolio.findEquityCurve', async (session) => {
      const { rows } = await session.query<EquityRow>(
        'SELECT ts_ms, currency, equity, peak, drawdown FROM equity_points WHERE account_id = $1 AND ts_ms BETWEEN $2 AND $3 ORDER BY ts_ms',
        params,
      );
      return rows.map((row) => ({
        tsMs: msColumn(row.ts_ms, 'equity_points.ts_ms'),
        equity: Money.of(decimalColumn(row.equity, 'equity_points.equity'), row.currency),
        peakEquity: Money.of(decimalColumn(row.peak, 'equity_points.peak'), row.currency),
        drawdown: decimalColumn(row.drawdown, 'equity_points.drawdown'),
      }));
    });
  }
}

function balanceFromRow(row: BalanceRow): Balance {
  const free = decimalColumn(row.free, 'balances.free');
  const locked = decimalColumn(row.locked, 'balances.locked');
  return { currency: row.currency as Currency, free, locked, total: free.add(locked) };
}
