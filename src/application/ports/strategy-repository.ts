import type { JsonObject } from './json-object.js';

/** A strategy as configured: `kind` is the implementation (e.g. "sma-cross"), `name` this configured instance. */
export interface StrategyDefinition {
  readonly name: string;
  readonly kind: string;
  readonly description: string;
  readonly createdTsMs: number;
  readonly updatedTsMs: number;
}

/** One version of a strategy's parameters; versions count from 1 and are never changed once saved. */
export interface StrategyParameterSet {
  readonly strategyName: string;
  readonly version: number;
  readonly params: JsonObject;
  readonly createdTsMs: number;
}

/** What a strategy saved of itself; `version` counts the saves (1 for the first). */
export interface StrategyState {
  readonly strategyName: string;
  readonly version: number;
  readonly state: JsonObject;
  readonly updatedTsMs: number;
}

export const RunMode = { BACKTEST: 'backtest', PAPER: 'paper', LIVE: 'live' } as const;
export type RunMode = (typeof RunMode)[keyof typeof RunMode];

export const StrategyRunStatus = { RUNNING: 'RUNNING', COMPLETED: 'COMPLETED', FAILED: 'FAILED', STOPPED: 'STOPPED' } as const;
export type StrategyRunStatus = (typeof StrategyRunStatus)[keyof typeof StrategyRunStatus];

export interface StrategyRun {
  readonly runId: string;
  readonly strategyName: string;
  readonly mode: RunMode;
  /** The parameter set it ran with, when it ran with a stored one. */
  readonly paramsVersion: number | undefined;
  readonly status: StrategyRunStatus;
  readonly startedTsMs: number;
  readonly endedTsMs: number | undefined;
  readonly summary: JsonObject | undefined;
}

export interface NewStrategyRun {
  readonly runId: string;
  readonly strategyName: string;
  readonly mode: RunMode;
  readonly paramsVersion?: number;
  readonly startedTsMs: number;
}

export interface StrategyRunEnd {
  readonly status: Exclude<StrategyRunStatus, 'RUNNING'>;
  readonly endedTsMs: number;
  readonly summary?: JsonObject;
}

/**
 * Strategies in the system of record: definitions, versioned parameter sets, persisted state and run
 * history. Names are free text (1 to 128 characters) stored literally; JSON is stored as jsonb, so it
 * reads back equal (objects' keys in jsonb's order) and must be plain data (no NaN, undefined, NUL;
 * at most 1 MB). Violations are AtbError INVALID_INPUT naming the field.
 *
 * - Parameter sets and state belong to a defined strategy (NOT_FOUND otherwise).
 * - `saveState(name, state, expectedVersion)` is optimistic: it stores version expectedVersion + 1 only
 *   if the stored version is `expectedVersion` (0: none stored yet), else throws AtbError CONFLICT
 *   naming both versions.
 * - Definition and parameter reads may be served from a cache (cache-aside); every write here
 *   invalidates what it changed.
 *
 * @example
 * await strategies.saveDefinition({ name: 'btc-trend', kind: 'sma-cross', description: '' }, now);
 * const { version } = await strategies.addParameterSet('btc-trend', { fast: 10, slow: 30 }, now);
 * const saved = await strategies.saveState('btc-trend', { lastSignal: 'long' }, 0, now);
 */
export interface StrategyRepository {
  /** Creates the definition, or changes its kind and description (keeping its creation time). */
  saveDefinition(definition: { readonly name: string; readonly kind: string; readonly description: string }, tsMs: number): Promise<StrategyDefinition>;
  findDefinition(name: string): Promise<StrategyDefinition | undefined>;
  /** @throws AtbError NOT_FOUND */
  findDefinitionOrThrow(name: string): Promise<StrategyDefinition>;
  /** Every definition, by name. */
  listDefinitions(): Promise<readonly StrategyDefinition[]>;

  /** Stores `params` as the strategy's next parameter version. */
  addParameterSet(name: string, params: JsonObject, tsMs: number): Promise<StrategyParameterSet>;
  /** The given version, or the latest without one. */
  findParameterSet(name: string, version?: number): Promise<StrategyParameterSet | undefined>;
  /** @throws AtbError NOT_FOUND */
  findParameterSetOrThrow(name: string, version?: number): Promise<StrategyParameterSet>;
  /** Every version, oldest first. */
  listParameterSets(name: string): Promise<readonly StrategyParameterSet[]>;

  saveState(name: string, state: JsonObject, expectedVersion: number, tsMs: number): Promise<StrategyState>;
  findState(name: string): Promise<StrategyState | undefined>;

  /** Records a run as RUNNING; AtbError CONFLICT when the run id is taken. */
  startRun(run: NewStrategyRun): Promise<void>;
  /** Ends a RUNNING run; NOT_FOUND for an unknown run, CONFLICT for one already ended. */
  finishRun(runId: string, end: StrategyRunEnd): Promise<StrategyRun>;
  findRun(runId: string): Promise<StrategyRun | undefined>;
  /** The strategy's runs, newest first, at most `limit` (default 100). */
  listRuns(name: string, limit?: number): Promise<readonly StrategyRun[]>;
}
