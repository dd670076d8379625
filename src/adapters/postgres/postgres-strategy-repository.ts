import type { JsonObject } from '../../application/ports/json-object.js';
import { type CacheAside, noCacheAside } from '../../application/persistence/cache-aside.js';
import type {
  NewStrategyRun,
  StrategyDefinition,
  StrategyParameterSet,
  StrategyRepository,
  StrategyRun,
  StrategyRunEnd,
  StrategyState,
} from '../../application/ports/strategy-repository.js';
import { AtbError } from '../../shared/errors.js';
import { msColumn } from './sql-columns.js';
import { definitionFromRow, type DefinitionRow, paramsFromRow, type ParamsRow, stateFromRow, type StateRow } from './strategy-rows.js';
import type { SqlExecutor, SqlSession } from './sql-executor.js';
import { checkInteger, checkLimit, checkName, checkText, checkTsMs, invalidInput, jsonText } from './storage-checks.js';
import { strategyRunFromRow, type StrategyRunRow, checkRunEnd, checkNewRun, RUN_COLUMNS } from './strategy-run-rows.js';
import { sqlState } from './transient-error.js';

export interface StrategyRepositoryOptions {
  /** Cache-aside for definitions; invalidated by saveDefinition. */
  readonly definitionCache?: CacheAside<StrategyDefinition>;
  /** Cache-aside for parameter sets (latest and by version); the latest is invalidated by addParameterSet. */
  readonly parameterCache?: CacheAside<StrategyParameterSet>;
}

/**
 * Strategies on PostgreSQL and PGlite (`strategies`, `strategy_params`, `strategy_state`,
 * `strategy_runs`), with the cache-aside hook on definition and parameter reads. Caches are
 * invalidated once the write's statement ran (inside a caller's unit of work that is before its
 * commit: the caches' TTL bounds how long a concurrent reader may then cache the older value).
 */
export class PostgresStrategyRepository implements StrategyRepository {
  readonly #definitions: CacheAside<StrategyDefinition>;
  readonly #parameters: CacheAside<StrategyParameterSet>;

  constructor(
    private readonly db: SqlExecutor,
    options: StrategyRepositoryOptions = {},
  ) {
    this.#definitions = options.definitionCache ?? noCacheAside();
    this.#parameters = options.parameterCache ?? noCacheAside();
  }

  async saveDefinition(definition: { readonly name: string; readonly kind: string; readonly description: string }, tsMs: number): Promise<StrategyDefinition> {
    const params = [
      checkName('strategy', 'name', definition.name),
      checkName('strategy', 'kind', definition.kind),
      checkText('strategy', 'description', definition.description),
      checkTsMs('strategy', 'tsMs', tsMs),
    ];
    const saved = await this.db.run('strategies.saveDefinition', async (session) => {
      const { rows } = await session.query<DefinitionRow>(
        `INSERT INTO strategies (name, kind, description, created_ms, updated_ms) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, description = excluded.description,
           updated_ms = greatest(strategies.updated_ms, excluded.updated_ms)
         RETURNING name, kind, description, created_ms, updated_ms`,
        params,
      );
      return definitionFromRow(one(rows, 'strategies.saveDefinition'));
    });
    await this.#definitions.invalidate(definitionKey(definition.name));
    return saved;
  }

  async findDefinition(name: string): Promise<StrategyDefinition | undefined> {
    checkName('strategy', 'name', name);
    return await this.#definitions.read(definitionKey(name), () =>
      this.db.run('strategies.findDefinition', async (session) => {
        const { rows } = await session.query<DefinitionRow>('SELECT name, kind, description, created_ms, updated_ms FROM strategies WHERE name = $1', [name]);
        return rows[0] === undefined ? undefined : definitionFromRow(rows[0]);
      }),
    );
  }

  async findDefinitionOrThrow(name: string): Promise<StrategyDefinition> {
    const found = await this.findDefinition(name);
    if (found === undefined) throw notDefined(name);
    return found;
  }

  async listDefinitions(): Promise<readonly StrategyDefinition[]> {
    return await this.db.run('strategies.listDefinitions', async (session) => {
      const { rows } = await session.query<DefinitionRow>('SELECT name, kind, description, created_ms, updated_ms FROM strategies ORDER BY name COLLATE "C"');
      return rows.map(definitionFromRow);
    });
  }

  async addParameterSet(name: string, params: JsonObject, tsMs: number): Promise<StrategyParameterSet> {
    checkName('strategy', 'name', name);
    const json = jsonObjectText('strategy', 'params', params);
    checkTsMs('strategy', 'tsMs', tsMs);
    const saved = await this.db.transaction('strategies.addParameterSet', (tx) =>
      tx.run('strategies.addParameterSet.insert', async (session) => {
        // Locking the definition serialises concurrent additions, so each gets the next version.
        await lockDefinition(session, name);
        const { rows } = await session.query<ParamsRow>(
          `INSERT INTO strategy_params (strategy_name, version, params, created_ms)
           SELECT $1, coalesce(max(version), 0) + 1, $2::jsonb, $3 FROM strategy_params WHERE strategy_name = $1
           RETURNING strategy_name, version, params, created_ms`,
          [name, json, tsMs],
        );
        return paramsFromRow(one(rows, 'strategies.addParameterSet'));
      }),
    );
    await this.#parameters.invalidate(parametersKey(name, undefined));
    return saved;
  }

  async findParameterSet(name: string, version?: number): Promise<StrategyParameterSet | undefined> {
    checkName('strategy', 'name', name);
    if (version !== undefined) checkInteger('strategy', 'version', version, 1);
    return await this.#parameters.read(parametersKey(name, version), () =>
      this.db.run('strategies.findParameterSet', async (session) => {
        const { rows } = await session.query<ParamsRow>(
          version === undefined
            ? 'SELECT strategy_name, version, params, created_ms FROM strategy_params WHERE strategy_name = $1 ORDER BY version DESC LIMIT 1'
            : 'SELECT strategy_name, version, params, created_ms FROM strategy_params WHERE strategy_name = $1 AND version = $2',
          version === undefined ? [name] : [name, version],
        );
        return rows[0] === undefined ? undefined : paramsFromRow(rows[0]);
      }),
    );
  }

  async findParameterSetOrThrow(name: string, version?: number): Promise<StrategyParameterSet> {
    const found = await this.findParameterSet(name, version);
    if (found === undefined) {
      throw new AtbError('NOT_FOUND', `strategy ${JSON.stringify(name)} has no parameter set${version === undefined ? '' : ` version ${version}`}`, { name, version });
    }
    return found;
  }

  async listParameterSets(name: string): Promise<readonly StrategyParameterSet[]> {
    checkName('strategy', 'name', name);
    return await this.db.run('strategies.listParameterSets', async (session) => {
      const { rows } = await session.query<ParamsRow>('SELECT strategy_name, version, params, created_ms FROM strategy_params WHERE strategy_name = $1 ORDER BY version', [name]);
      return rows.map(paramsFromRow);
    });
  }

  async saveState(name: string, state: JsonObject, expectedVersion: number, tsMs: number): Promise<StrategyState> {
    checkName('strategy', 'name', name);
    const json = jsonObjectText('strategy', 'state', state);
    checkInteger('strategy', 'expectedVersion', expectedVersion, 0);
    checkTsMs('strategy', 'tsMs', tsMs);
    return await this.db.run('strategies.saveState', async (session) => {
      const written =
        expectedVersion === 0
          ? await insertFirstState(session, name, json, tsMs)
          : await session.query<StateRow>(
              `UPDATE strategy_state SET version = version + 1, state = $3::jsonb, updated_ms = $4 WHERE strategy_name = $1 AND version = $2
               RETURNING strategy_name, version, state, updated_ms`,
              [name, expectedVersion, json, tsMs],
            );
      const row = written.rows[0];
      if (row !== undefined) return stateFromRow(row);
      const stored = await session.query<{ version: number }>('SELECT version FROM strategy_state WHERE strategy_name = $1', [name]);
      const found = stored.rows[0]?.version ?? 0;
      if (found === 0 && (await session.query('SELECT 1 FROM strategies WHERE name = $1', [name])).rows.length === 0) throw notDefined(name);
      throw new AtbError(
        'CONFLICT',
        `the state of strategy ${JSON.stringify(name)} changed since it was read: expected stored version ${expectedVersion}, found version ${found} (read it again and retry)`,
        { name, expectedVersion, storedVersion: found },
      );
    });
  }

  async findState(name: string): Promise<StrategyState | undefined> {
    checkName('strategy', 'name', name);
    return await this.db.run('strategies.findState', async (session) => {
      const { rows } = await session.query<StateRow>('SELECT strategy_name, version, state, updated_ms FROM strategy_state WHERE strategy_name = $1', [name]);
      return rows[0] === undefined ? undefined : stateFromRow(rows[0]);
    });
  }

  async startRun(run: NewStrategyRun): Promise<void> {
    const params = checkNewRun(run);
    await this.db.run('strategies.startRun', async (session) => {
      try {
        await session.query(
          "INSERT INTO strategy_runs (run_id, strategy_name, mode, params_version, status, started_ms) VALUES ($1, $2, $3, $4, 'RUNNING', $5)",
          params,
        );
      } catch (error) {
        if (sqlState(error) === '23505') throw new AtbError('CONFLICT', `strategy run ${JSON.stringify(run.runId)} is already stored`, { runId: run.runId }, { cause: error });
        if (sqlState(error) === '23503') {
          const what = run.paramsVersion === undefined ? '' : ` with parameter version ${run.paramsVersion}`;
          throw new AtbError('NOT_FOUND', `cannot record a run of strategy ${JSON.stringify(run.strategyName)}${what}: it is not stored`, { runId: run.runId }, { cause: error });
        }
        throw error;
      }
    });
  }

  async finishRun(runId: string, end: StrategyRunEnd): Promise<StrategyRun> {
    const params = [checkName('strategy run', 'runId', runId), ...checkRunEnd(end)];
    return await this.db.run('strategies.finishRun', async (session) => {
      const { rows } = await session.query<StrategyRunRow>(
        `UPDATE strategy_runs SET status = $2, ended_ms = $3, summary = $4::jsonb WHERE run_id = $1 AND status = 'RUNNING' AND started_ms <= $3
         RETURNING ${RUN_COLUMNS}`,
        params,
      );
      if (rows[0] !== undefined) return strategyRunFromRow(rows[0]);
      const stored = (await session.query<StrategyRunRow>(`SELECT ${RUN_COLUMNS} FROM strategy_runs WHERE run_id = $1`, [runId])).rows[0];
      if (stored === undefined) throw new AtbError('NOT_FOUND', `strategy run ${JSON.stringify(runId)} is not stored`, { runId });
      if (stored.status !== 'RUNNING') {
        throw new AtbError('CONFLICT', `strategy run ${JSON.stringify(runId)} already ended (${stored.status})`, { runId, status: stored.status });
      }
      throw invalidInput('strategy run', 'endedTsMs', end.endedTsMs, `a time at or after the run's start ${msColumn(stored.started_ms, 'started_ms')}`);
    });
  }

  async findRun(runId: string): Promise<StrategyRun | undefined> {
    checkName('strategy run', 'runId', runId);
    return await this.db.run('strategies.findRun', async (session) => {
      const { rows } = await session.query<StrategyRunRow>(`SELECT ${RUN_COLUMNS} FROM strategy_runs WHERE run_id = $1`, [runId]);
      return rows[0] === undefined ? undefined : strategyRunFromRow(rows[0]);
    });
  }

  async listRuns(name: string, limit?: number): Promise<readonly StrategyRun[]> {
    const params = [checkName('strategy', 'name', name), checkLimit('strategy run query', limit, 100)];
    return await this.db.run('strategies.listRuns', async (session) => {
      const { rows } = await session.query<StrategyRunRow>(
        `SELECT ${RUN_COLUMNS} FROM strategy_runs WHERE strategy_name = $1 ORDER BY started_ms DESC, run_id DESC LIMIT $2`,
        params,
      );
      return rows.map(strategyRunFromRow);
    });
  }
}

async function lockDefinition(session: SqlSession, name: string): Promise<void> {
  const { rows } = await session.query('SELECT 1 FROM strategies WHERE name = $1 FOR UPDATE', [name]);
  if (rows.length === 0) throw notDefined(name);
}

async function insertFirstState(session: SqlSession, name: string, json: string, tsMs: number) {
  try {
    return await session.query<StateRow>(
      `INSERT INTO strategy_state (strategy_name, version, state, updated_ms) VALUES ($1, 1, $2::jsonb, $3)
       ON CONFLICT (strategy_name) DO NOTHING RETURNING strategy_name, version, state, updated_ms`,
      [name, json, tsMs],
    );
  } catch (error) {
    if (sqlState(error) === '23503') throw notDefined(name);
    throw error;
  }
}

/** JSON text of a plain object (parameters and state are objects, as the tables' CHECKs require). */
function jsonObjectText(entity: string, field: string, value: JsonObject): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidInput(entity, field, value, 'a JSON object');
  return jsonText(entity, field, value);
}

function notDefined(name: string): AtbError {
  return new AtbError('NOT_FOUND', `strategy ${JSON.stringify(name)} is not defined: save its definition first`, { name });
}

function one<R>(rows: readonly R[], operation: string): R {
  const row = rows[0];
  if (row === undefined) throw new Error(`${operation}: the statement returned no row`);
  return row;
}

/** Keys JSON-quote the name, so that no name can make two entries share a key. */
function definitionKey(name: string): string {
  return `strategy:${JSON.stringify(name)}`;
}

function parametersKey(name: string, version: number | undefined): string {
  return `strategy-params:${JSON.stringify(name)}:${version ?? 'latest'}`;
}
