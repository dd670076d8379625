import type { TsRange } from '../../application/ports/market-data-repository.js';
import type { PositionRepository, PositionSnapshot, PositionState, StoredPosition } from '../../application/ports/position-repository.js';
import type { InstrumentId } from '../../domain/instruments/instrument-id.js';
import { Money } from '../../domain/values/money.js';
import { decimalColumn, msColumn, numericArrayAsText, optionalMsColumn, textArrayColumn } from './sql-columns.js';
import type { SqlExecutor } from './sql-executor.js';
import { checkAccountId, checkCurrency, checkInstrumentId, checkTsMs, invalidInput } from './storage-checks.js';

const STATE_COLUMNS = 'net_quantity, cost_basis, realized_pnl, fee_currencies, fee_amounts, last_fill_ms';
const READ_STATE = `net_quantity, cost_basis, realized_pnl, fee_currencies, ${numericArrayAsText('fee_amounts')}, last_fill_ms`;

interface StateRow {
  readonly account_id: string;
  readonly instrument_id: string;
  readonly net_quantity: string;
  readonly cost_basis: string;
  readonly realized_pnl: string;
  readonly fee_currencies: unknown;
  readonly fee_amounts: unknown;
  readonly last_fill_ms: string | null;
}

/** Positions on PostgreSQL and PGlite (`positions`, `position_snapshots`); fees as parallel arrays. */
export class PostgresPositionRepository implements PositionRepository {
  constructor(private readonly db: SqlExecutor) {}

  async saveCurrent(accountId: string, position: PositionState, tsMs: number): Promise<void> {
    const params = [checkAccountId('position', accountId), ...stateParams(position), checkTsMs('position', 'tsMs', tsMs)];
    await this.db.run('positions.saveCurrent', (session) =>
      session.query(
        `INSERT INTO positions (account_id, instrument_id, ${STATE_COLUMNS}, updated_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (account_id, instrument_id) DO UPDATE SET net_quantity = excluded.net_quantity, cost_basis = excluded.cost_basis,
           realized_pnl = excluded.realized_pnl, fee_currencies = excluded.fee_currencies, fee_amounts = excluded.fee_amounts,
           last_fill_ms = excluded.last_fill_ms, updated_ms = excluded.updated_ms`,
        params,
      ),
    );
  }

  async findCurrent(accountId: string, instrumentId: InstrumentId): Promise<StoredPosition | undefined> {
    const params = [checkAccountId('position', accountId), checkInstrumentId('position', 'instrumentId', instrumentId)];
    return await this.db.run('positions.findCurrent', async (session) => {
      const { rows } = await session.query<StateRow & { updated_ms: string }>(
        `SELECT account_id, instrument_id, ${READ_STATE}, updated_ms FROM positions WHERE account_id = $1 AND instrument_id = $2`,
        params,
      );
      return rows[0] === undefined ? undefined : storedFromRow(rows[0]);
    });
  }

  async listCurrent(accountId: string): Promise<readonly StoredPosition[]> {
    const params = [checkAccountId('position', accountId)];
    return await this.db.run('positions.listCurrent', async (session) => {
      const { rows } = await session.query<StateRow & { updated_ms: string }>(
        `SELECT account_id, instrument_id, ${READ_STATE}, updated_ms FROM positions WHERE account_id = $1 ORDER BY instrument_id COLLATE "C"`,
        params,
      );
      return rows.map(storedFromRow);
    });
  }

  async appendSnapshot(accountId: string, position: PositionState, tsMs: number): Promise<void> {
    const params = [checkAccountId('position', accountId), ...stateParams(position), checkTsMs('position', 'tsMs', tsMs)];
    await this.db.run('positions.appendSnapshot', (session) =>
      session.query(`INSERT INTO position_snapshots (account_id, instrument_id, ${STATE_COLUMNS}, ts_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, params),
    );
  }

  async findSnapshots(accountId: string, instrumentId: InstrumentId, range: TsRange = {}): Promise<readonly PositionSnapshot[]> {
    const params = [
      checkAccountId('position', accountId),
      checkInstrumentId('position', 'instrumentId', instrumentId),
      checkTsMs('position query', 'fromMs', range.fromMs ?? 0),
      checkTsMs('position query', 'toMs', range.toMs ?? Number.MAX_SAFE_INTEGER),
    ];
    return await this.db.run('positions.findSnapshots', async (session) => {
      const { rows } = await session.query<StateRow & { ts_ms: string }>(
        `SELECT account_id, instrument_id, ${READ_STATE}, ts_ms FROM position_snapshots
         WHERE account_id = $1 AND instrument_id = $2 AND ts_ms BETWEEN $3 AND $4 ORDER BY ts_ms, id`,
        params,
      );
      return rows.map((row) => ({ ...stateFromRow(row), accountId: row.account_id, tsMs: msColumn(row.ts_ms, 'position_snapshots.ts_ms') }));
    });
  }
}

/** instrument_id, then the STATE_COLUMNS, as parameters. */
function stateParams(position: PositionState): unknown[] {
  const currencies = position.feesPaid.map((fee) => checkCurrency('position', 'feesPaid.currency', fee.currency));
  if (new Set(currencies).size !== currencies.length) {
    throw invalidInput('position', 'feesPaid', currencies.join(','), 'at most one fee entry per currency');
  }
  return [
    checkInstrumentId('position', 'instrumentId', position.instrumentId),
    position.netQuantity.toString(),
    position.costBasis.toString(),
    position.realizedPnl.toString(),
    currencies,
    position.feesPaid.map((fee) => fee.amount.toString()),
    position.lastFillTsMs === undefined ? null : checkTsMs('position', 'lastFillTsMs', position.lastFillTsMs),
  ];
}

function stateFromRow(row: StateRow): PositionState {
  const currencies = textArrayColumn(row.fee_currencies, 'positions.fee_currencies');
  const amounts = textArrayColumn(row.fee_amounts, 'positions.fee_amounts');
  return {
    instrumentId: row.instrument_id as InstrumentId,
    netQuantity: decimalColumn(row.net_quantity, 'positions.net_quantity'),
    costBasis: decimalColumn(row.cost_basis, 'positions.cost_basis'),
    realizedPnl: decimalColumn(row.realized_pnl, 'positions.realized_pnl'),
    feesPaid: currencies.map((code, i) => Money.of(decimalColumn(amounts[i], 'positions.fee_amounts'), code)),
    lastFillTsMs: optionalMsColumn(row.last_fill_ms, 'positions.last_fill_ms'),
  };
}

function storedFromRow(row: StateRow & { updated_ms: string }): StoredPosition {
  return { ...stateFromRow(row), accountId: row.account_id, updatedTsMs: msColumn(row.updated_ms, 'positions.updated_ms') };
}
