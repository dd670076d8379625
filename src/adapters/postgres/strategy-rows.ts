import type { JsonObject } from '../../application/ports/json-object.js';
import type { StrategyDefinition, StrategyParameterSet, StrategyState } from '../../application/ports/strategy-repository.js';
import { msColumn } from './sql-columns.js';

/** How strategy definitions, parameter sets and state map to rows (migrations/0003_strategies.sql). */

export interface DefinitionRow {
  readonly name: string;
  readonly kind: string;
  readonly description: string;
  readonly created_ms: string;
  readonly updated_ms: string;
}

export interface ParamsRow {
  readonly strategy_name: string;
  readonly version: number;
  readonly params: JsonObject;
  readonly created_ms: string;
}

export interface StateRow {
  readonly strategy_name: string;
  readonly version: number;
  readonly state: JsonObject;
  readonly updated_ms: string;
}

export function definitionFromRow(row: DefinitionRow): StrategyDefinition {
  return {
    name: row.name,
    kind: row.kind,
    description: row.description,
    createdTsMs: msColumn(row.created_ms, 'strategies.created_ms'),
    updatedTsMs: msColumn(row.updated_ms, 'strategies.updated_ms'),
  };
}

export function paramsFromRow(row: ParamsRow): StrategyParameterSet {
  return { strategyName: row.strategy_name, version: row.version, params: row.params, createdTsMs: msColumn(row.created_ms, 'strategy_params.created_ms') };
}

export function stateFromRow(row: StateRow): StrategyState {
  return { strategyName: row.strategy_name, version: row.version, state: row.state, updatedTsMs: msColumn(row.updated_ms, 'strategy_state.updated_ms') };
}
