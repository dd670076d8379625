import type { JsonObject } from '../../application/ports/json-object.js';
import {
  type NewStrategyRun,
  RunMode,
  type StrategyRun,
  type StrategyRunEnd,
  StrategyRunStatus,
} from '../../application/ports/strategy-repository.js';
import { msColumn, optionalMsColumn } from './sql-columns.js';
import { checkInteger, checkName, checkTsMs, invalidInput, jsonText } from './storage-checks.js';

/** How strategy runs map to rows of `strategy_runs` (migrations/0003_strategies.sql). */

export const RUN_COLUMNS = 'run_id, strategy_name, mode, params_version, status, started_ms, ended_ms, summary';

export interface StrategyRunRow {
  readonly run_id: string;
  readonly strategy_name: string;
  readonly mode: RunMode;
  readonly params_version: number | null;
  readonly status: StrategyRunStatus;
  readonly started_ms: string;
  readonly ended_ms: string | null;
  readonly summary: JsonObject | null;
}

const MODES: ReadonlySet<string> = new Set(Object.values(RunMode));
const END_STATUSES: ReadonlySet<string> = new Set(Object.values(StrategyRunStatus).filter((status) => status !== 'RUNNING'));

/** Parameters of the INSERT: run id, strategy, mode, params version, start. */
export function checkNewRun(run: NewStrategyRun): unknown[] {
  if (!MODES.has(run.mode)) throw invalidInput('strategy run', 'mode', run.mode, 'backtest, paper or live');
  return [
    checkName('strategy run', 'runId', run.runId),
    checkName('strategy run', 'strategyName', run.strategyName),
    run.mode,
    run.paramsVersion === undefined ? null : checkInteger('strategy run', 'paramsVersion', run.paramsVersion, 1),
    checkTsMs('strategy run', 'startedTsMs', run.startedTsMs),
  ];
}

/** Parameters $2..$4 of the UPDATE that ends a run: status, end, summary JSON. */
export function checkRunEnd(end: StrategyRunEnd): unknown[] {
  if (!END_STATUSES.has(end.status)) throw invalidInput('strategy run', 'status', end.status, 'COMPLETED, FAILED or STOPPED');
  return [
    end.status,
    checkTsMs('strategy run', 'endedTsMs', end.endedTsMs),
    end.summary === undefined ? null : jsonText('strategy run', 'summary', end.summary),
  ];
}

export function strategyRunFromRow(row: StrategyRunRow): StrategyRun {
  return {
    runId: row.run_id,
    strategyName: row.strategy_name,
    mode: row.mode,
    paramsVersion: row.params_version ?? undefined,
    status: row.status,
    startedTsMs: msColumn(row.started_ms, 'strategy_runs.started_ms'),
    endedTsMs: optionalMsColumn(row.ended_ms, 'strategy_runs.ended_ms'),
    summary: row.summary ?? undefined,
  };
}
