import type { InstrumentId } from '../../domain/instruments/instrument-id.js';
import type { JsonObject } from './json-object.js';
import type { TsRange } from './market-data-repository.js';

/** A trained model: immutable once saved (a change is a new version). */
export interface MlModel {
  readonly name: string;
  /** 1, 2, ... unique per name. */
  readonly version: number;
  readonly parameters: JsonObject;
  readonly metrics: JsonObject;
  /** The features the model expects, in order, with their types (whatever the model family needs). */
  readonly featureSchema: JsonObject;
  /** The serialised model, at most 64 MB. */
  readonly artifact: Uint8Array;
  readonly createdTsMs: number;
}

/** A model without its artifact (listings), with the artifact's size. */
export interface MlModelSummary extends Omit<MlModel, 'artifact'> {
  readonly artifactBytes: number;
}

export const TrainingRunStatus = { RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' } as const;
export type TrainingRunStatus = (typeof TrainingRunStatus)[keyof typeof TrainingRunStatus];

export interface TrainingRun {
  readonly runId: string;
  readonly modelName: string;
  /** The model version the run produced, once it has. */
  readonly modelVersion: number | undefined;
  readonly params: JsonObject;
  /** What it was trained on: source, instruments, range, rows ... */
  readonly dataset: JsonObject;
  readonly metrics: JsonObject | undefined;
  readonly status: TrainingRunStatus;
  readonly startedTsMs: number;
  readonly endedTsMs: number | undefined;
  readonly error: string | undefined;
}

export interface TrainingRunEnd {
  readonly status: Exclude<TrainingRunStatus, 'RUNNING'>;
  readonly endedTsMs: number;
  readonly modelVersion?: number;
  readonly metrics?: JsonObject;
  readonly error?: string;
}

/** One prediction of a model version for an instrument at a moment: a value, a label or both. */
export interface Prediction {
  readonly modelName: string;
  readonly modelVersion: number;
  readonly instrumentId: InstrumentId;
  readonly tsMs: number;
  readonly value: number | undefined;
  readonly label: string | undefined;
  /** A hash of the feature vector the prediction was made from (to audit and to deduplicate). */
  readonly featuresHash: string;
}

/**
 * Models, training runs and predictions in the system of record. JSON is stored as jsonb (read back
 * equal; plain data only, at most 1 MB each), artifacts as bytes.
 *
 * - `saveModel` refuses an existing (name, version) with AtbError CONFLICT: models never change.
 * - Predictions are keyed by (model, version, instrument, tsMs); saving one again replaces it.
 *
 * @example
 * await ml.saveModel({ name: 'gbm-direction', version: 3, parameters, metrics, featureSchema, artifact, createdTsMs: now });
 * const latest = await ml.findModelOrThrow('gbm-direction');
 * await ml.savePredictions(rows);
 */
export interface MlRepository {
  saveModel(model: MlModel): Promise<void>;
  /** The given version, or the latest without one. */
  findModel(name: string, version?: number): Promise<MlModel | undefined>;
  /** @throws AtbError NOT_FOUND */
  findModelOrThrow(name: string, version?: number): Promise<MlModel>;
  /** Models (without artifacts) by name and version, of one name or of all. */
  listModels(name?: string): Promise<readonly MlModelSummary[]>;

  /** Records a RUNNING training run; CONFLICT when the run id is taken. */
  startTrainingRun(run: { readonly runId: string; readonly modelName: string; readonly params: JsonObject; readonly dataset: JsonObject; readonly startedTsMs: number }): Promise<void>;
  /** Ends a RUNNING run; NOT_FOUND for an unknown run, CONFLICT for one already ended. */
  finishTrainingRun(runId: string, end: TrainingRunEnd): Promise<TrainingRun>;
  findTrainingRun(runId: string): Promise<TrainingRun | undefined>;
  /** A model's training runs, newest first. */
  listTrainingRuns(modelName: string, limit?: number): Promise<readonly TrainingRun[]>;

  /** Stores predictions (one statement, all or none); resolves to how many were written. */
  savePredictions(predictions: readonly Prediction[]): Promise<number>;
  /** One model's predictions for an instrument in the inclusive time range, oldest first (all versions, or one). */
  findPredictions(modelName: string, instrumentId: InstrumentId, range?: TsRange, modelVersion?: number): Promise<readonly Prediction[]>;
}
