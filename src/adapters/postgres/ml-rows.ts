import type { JsonObject } from '../../application/ports/json-object.js';
import type { MlModel, Prediction, TrainingRun, TrainingRunStatus } from '../../application/ports/ml-repository.js';
import type { InstrumentId } from '../../domain/instruments/instrument-id.js';
import { msColumn, optionalMsColumn } from './sql-columns.js';
import { checkFinite, checkInstrumentId, checkInteger, checkName, checkTsMs, invalidInput } from './storage-checks.js';

/** How models, training runs and predictions map to rows (migrations/0005_ml.sql). */

export const MODEL_COLUMNS = 'name, version, parameters, metrics, feature_schema, created_ms';
export const RUN_COLUMNS = 'run_id, model_name, model_version, params, dataset, metrics, status, started_ms, ended_ms, error';
export const PREDICTION_COLUMNS = 'model_name, model_version, instrument_id, ts_ms, value, label, features_hash';

export interface ModelRow {
  readonly name: string;
  readonly version: number;
  readonly parameters: JsonObject;
  readonly metrics: JsonObject;
  readonly feature_schema: JsonObject;
  readonly created_ms: string;
}

export interface RunRow {
  readonly run_id: string;
  readonly model_name: string;
  readonly model_version: number | null;
  readonly params: JsonObject;
  readonly dataset: JsonObject;
  readonly metrics: JsonObject | null;
  readonly status: TrainingRunStatus;
  readonly started_ms: string;
  readonly ended_ms: string | null;
  readonly error: string | null;
}

export interface PredictionRow {
  readonly model_name: string;
  readonly model_version: number;
  readonly instrument_id: string;
  readonly ts_ms: string;
  readonly value: number | null;
  readonly label: string | null;
  readonly features_hash: string;
}

/** The seven prediction columns as arrays (one statement's unnest parameters), each value checked. */
export function predictionColumns(predictions: readonly Prediction[]): unknown[][] {
  const entity = 'prediction';
  const columns: unknown[][] = [[], [], [], [], [], [], []];
  for (const p of predictions) {
    if (p.value === undefined && p.label === undefined) throw invalidInput(entity, 'value', undefined, 'a value, a label or both');
    const row = [
      checkName(entity, 'modelName', p.modelName),
      checkInteger(entity, 'modelVersion', p.modelVersion, 1),
      checkInstrumentId(entity, 'instrumentId', p.instrumentId),
      checkTsMs(entity, 'tsMs', p.tsMs),
      p.value === undefined ? null : checkFinite(entity, 'value', p.value),
      p.label === undefined ? null : checkName(entity, 'label', p.label),
      checkName(entity, 'featuresHash', p.featuresHash),
    ];
    row.forEach((value, i) => columns[i]?.push(value));
  }
  return columns;
}

export function modelFromRow(row: ModelRow): Omit<MlModel, 'artifact'> {
  return {
    name: row.name,
    version: row.version,
    parameters: row.parameters,
    metrics: row.metrics,
    featureSchema: row.feature_schema,
    createdTsMs: msColumn(row.created_ms, 'ml_models.created_ms'),
  };
}

export function runFromRow(row: RunRow): TrainingRun {
  return {
    runId: row.run_id,
    modelName: row.model_name,
    modelVersion: row.model_version ?? undefined,
    params: row.params,
    dataset: row.dataset,
    metrics: row.metrics ?? undefined,
    status: row.status,
    startedTsMs: msColumn(row.started_ms, 'ml_training_runs.started_ms'),
    endedTsMs: optionalMsColumn(row.ended_ms, 'ml_training_runs.ended_ms'),
    error: row.error ?? undefined,
  };
}

export function predictionFromRow(row: PredictionRow): Prediction {
  return {
    modelName: row.model_name,
    modelVersion: row.model_version,
    instrumentId: row.instrument_id as InstrumentId,
    tsMs: msColumn(row.ts_ms, 'ml_predictions.ts_ms'),
    value: row.value ?? undefined,
    label: row.label ?? undefined,
    featuresHash: row.features_hash,
  };
}
