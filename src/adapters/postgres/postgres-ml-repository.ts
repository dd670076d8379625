import type { JsonObject } from '../../application/ports/json-object.js';
import type { TsRange } from '../../application/ports/market-data-repository.js';
import {
  type MlModel,
  type MlModelSummary,
  type MlRepository,
  type Prediction,
  type TrainingRun,
  type TrainingRunEnd,
  TrainingRunStatus,
} from '../../application/ports/ml-repository.js';
import type { InstrumentId } from '../../domain/instruments/instrument-id.js';
import { AtbError } from '../../shared/errors.js';
import {
  MODEL_COLUMNS,
  modelFromRow,
  type ModelRow,
  PREDICTION_COLUMNS,
  predictionColumns,
  predictionFromRow,
  type PredictionRow,
  RUN_COLUMNS,
  runFromRow,
  type RunRow,
} from './ml-rows.js';
import { bytesColumn, msColumn } from './sql-columns.js';
import type { SqlExecutor } from './sql-executor.js';
import {
  checkInstrumentId,
  checkInteger,
  checkLimit,
  checkName,
  checkText,
  checkTsMs,
  invalidInput,
  jsonText,
  StorageLimits,
} from './storage-checks.js';
import { sqlState } from './transient-error.js';

/** Predictions per INSERT: keeps each statement's parameter arrays a few MB at most. */
const PREDICTIONS_PER_STATEMENT = 10_000;

/** Models, training runs and predictions on PostgreSQL and PGlite (`ml_models`, `ml_training_runs`, `ml_predictions`). */
export class PostgresMlRepository implements MlRepository {
  constructor(private readonly db: SqlExecutor) {}

  async saveModel(model: MlModel): Promise<void> {
    const entity = 'model';
    if (!(model.artifact instanceof Uint8Array)) throw invalidInput(entity, 'artifact', model.artifact, 'bytes (a Uint8Array)');
    if (model.artifact.byteLength > StorageLimits.ARTIFACT_BYTES) {
      throw invalidInput(entity, 'artifact', `${model.artifact.byteLength} bytes`, `at most ${StorageLimits.ARTIFACT_BYTES} bytes`);
    }
    const params = [
      checkName(entity, 'name', model.name),
      checkInteger(entity, 'version', model.version, 1),
      jsonText(entity, 'parameters', model.parameters),
      jsonText(entity, 'metrics', model.metrics),
      jsonText(entity, 'featureSchema', model.featureSchema),
      checkTsMs(entity, 'createdTsMs', model.createdTsMs),
      model.artifact,
    ];
    await this.db.run('ml.saveModel', async (session) => {
      try {
        await session.query(`INSERT INTO ml_models (${MODEL_COLUMNS}, artifact) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6, $7)`, params);
      } catch (error) {
        if (sqlState(error) === '23505') {
          throw new AtbError('CONFLICT', `model ${JSON.stringify(model.name)} version ${model.version} is already stored: models never change, save a new version`, {
            name: model.name,
            version: model.version,
          }, { cause: error });
        }
        throw error;
      }
    });
  }

  async findModel(name: string, version?: number): Promise<MlModel | undefined> {
    checkName('model', 'name', name);
    if (version !== undefined) checkInteger('model', 'version', version, 1);
    return await this.db.run('ml.findModel', async (session) => {
      const { rows } = await session.query<ModelRow & { artifact: unknown }>(
        version === undefined
          ? `SELECT ${MODEL_COLUMNS}, artifact FROM ml_models WHERE name = $1 ORDER BY version DESC LIMIT 1`
          : `SELECT ${MODEL_COLUMNS}, artifact FROM ml_models WHERE name = $1 AND version = $2`,
        version === undefined ? [name] : [name, version],
      );
      const row = rows[0];
      return row === undefined ? undefined : { ...modelFromRow(row), artifact: bytesColumn(row.artifact, 'ml_models.artifact') };
    });
  }

  async findModelOrThrow(name: string, version?: number): Promise<MlModel> {
    const model = await this.findModel(name, version);
    if (model === undefined) {
      throw new AtbError('NOT_FOUND', `model ${JSON.stringify(name)}${version === undefined ? '' : ` version ${version}`} is not stored`, { name, version });
    }
    return model;
  }

  async listModels(name?: string): Promise<readonly MlModelSummary[]> {
    if (name !== undefined) checkName('model', 'name', name);
    return await this.db.run('ml.listModels', async (session) => {
      const { rows } = await session.query<ModelRow & { artifact_bytes: number }>(
        `SELECT ${MODEL_COLUMNS}, octet_length(artifact) AS artifact_bytes FROM ml_models
         ${name === undefined ? '' : 'WHERE name = $1'} ORDER BY name COLLATE "C", version`,
        name === undefined ? [] : [name],
      );
      return rows.map((row) => ({ ...modelFromRow(row), artifactBytes: row.artifact_bytes }));
    });
  }

  async startTrainingRun(run: { readonly runId: string; readonly modelName: string; readonly params: JsonObject; readonly dataset: JsonObject; readonly startedTsMs: number }): Promise<void> {
    const entity = 'training run';
    const params = [
      checkName(entity, 'runId', run.runId),
      checkName(entity, 'modelName', run.modelName),
      jsonText(entity, 'params', run.params),
      jsonText(entity, 'dataset', run.dataset),
      checkTsMs(entity, 'startedTsMs', run.startedTsMs),
    ];
    await this.db.run('ml.startTrainingRun', async (session) => {
      try {
        await session.query(
          "INSERT INTO ml_training_runs (run_id, model_name, params, dataset, status, started_ms) VALUES ($1, $2, $3::jsonb, $4::jsonb, 'RUNNING', $5)",
          params,
        );
      } catch (error) {
        if (sqlState(error) === '23505') throw new AtbError('CONFLICT', `training run ${JSON.stringify(run.runId)} is already stored`, { runId: run.runId }, { cause: error });
        throw error;
      }
    });
  }

  async finishTrainingRun(runId: string, end: TrainingRunEnd): Promise<TrainingRun> {
    const entity = 'training run';
    if (end.status !== TrainingRunStatus.SUCCEEDED && end.status !== TrainingRunStatus.FAILED) {
      throw invalidInput(entity, 'status', end.status, 'SUCCEEDED or FAILED');
    }
    const params = [
      checkName(entity, 'runId', runId),
      end.status,
      checkTsMs(entity, 'endedTsMs', end.endedTsMs),
      end.modelVersion === undefined ? null : checkInteger(entity, 'modelVersion', end.modelVersion, 1),
      end.metrics === undefined ? null : jsonText(entity, 'metrics', end.metrics),
      end.error === undefined ? null : checkText(entity, 'error', end.error),
    ];
    return await this.db.run('ml.finishTrainingRun', async (session) => {
      let rows: RunRow[];
      try {
        ({ rows } = await session.query<RunRow>(
          `UPDATE ml_training_runs SET status = $2, ended_ms = $3, model_version = $4, metrics = $5::jsonb, error = $6
           WHERE run_id = $1 AND status = 'RUNNING' AND started_ms <= $3 RETURNING ${RUN_COLUMNS}`,
          params,
        ));
      } catch (error) {
        if (sqlState(error) === '23503') {
          throw new AtbError('NOT_FOUND', `training run ${JSON.stringify(runId)} names model version ${end.modelVersion ?? ''}, which is not stored`, { runId }, { cause: error });
        }
        throw error;
      }
      if (rows[0] !== undefined) return runFromRow(rows[0]);
      const stored = (await session.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM ml_training_runs WHERE run_id = $1`, [runId])).rows[0];
      if (stored === undefined) throw new AtbError('NOT_FOUND', `training run ${JSON.stringify(runId)} is not stored`, { runId });
      if (stored.status !== 'RUNNING') throw new AtbError('CONFLICT', `training run ${JSON.stringify(runId)} already ended (${stored.status})`, { runId });
      throw invalidInput(entity, 'endedTsMs', end.endedTsMs, `a time at or after the run's start ${msColumn(stored.started_ms, 'started_ms')}`);
    });
  }

  async findTrainingRun(runId: string): Promise<TrainingRun | undefined> {
    checkName('training run', 'runId', runId);
    return await this.db.run('ml.findTrainingRun', async (session) => {
      const { rows } = await session.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM ml_training_runs WHERE run_id = $1`, [runId]);
      return rows[0] === undefined ? undefined : runFromRow(rows[0]);
    });
  }

  async listTrainingRuns(modelName: string, limit?: number): Promise<readonly TrainingRun[]> {
    const params = [checkName('training run', 'modelName', modelName), checkLimit('training run query', limit, 100)];
    return await this.db.run('ml.listTrainingRuns', async (session) => {
      const { rows } = await session.query<RunRow>(
        `SELECT ${RUN_COLUMNS} FROM ml_training_runs WHERE model_name = $1 ORDER BY started_ms DESC, run_id DESC LIMIT $2`,
        params,
      );
      return rows.map(runFromRow);
    });
  }

  async savePredictions(predictions: readonly Prediction[]): Promise<number> {
    if (predictions.length === 0) return 0;
    const columns = predictionColumns(predictions);
    // Several statements of one transaction for a large batch: all or none.
    return this.db.transaction('ml.savePredictions', (tx) =>
      tx.run('ml.savePredictions.insert', async (session) => {
        let written = 0;
        for (let start = 0; start < predictions.length; start += PREDICTIONS_PER_STATEMENT) {
          const slice = columns.map((column) => column.slice(start, start + PREDICTIONS_PER_STATEMENT));
          try {
            const result = await session.query(
              `INSERT INTO ml_predictions (${PREDICTION_COLUMNS})
               SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::bigint[], $5::double precision[], $6::text[], $7::text[])
               ON CONFLICT (model_name, model_version, instrument_id, ts_ms) DO UPDATE SET value = excluded.value, label = excluded.label,
                 features_hash = excluded.features_hash`,
              slice,
            );
            written += result.rowCount;
          } catch (error) {
            if (sqlState(error) === '23503') throw new AtbError('NOT_FOUND', 'a prediction names a model version that is not stored: save the model first', {}, { cause: error });
            if (sqlState(error) === '21000') throw invalidInput('prediction', 'tsMs', '(repeated)', 'each (model, version, instrument, tsMs) once per call');
            throw error;
          }
        }
        return written;
      }),
    );
  }

  async findPredictions(modelName: string, instrumentId: InstrumentId, range: TsRange = {}, modelVersion?: number): Promise<readonly Prediction[]> {
    const entity = 'prediction query';
    const params = [
      checkName(entity, 'modelName', modelName),
      checkInstrumentId(entity, 'instrumentId', instrumentId),
      checkTsMs(entity, 'fromMs', range.fromMs ?? 0),
      checkTsMs(entity, 'toMs', range.toMs ?? Number.MAX_SAFE_INTEGER),
      modelVersion === undefined ? null : checkInteger(entity, 'modelVersion', modelVersion, 1),
    ];
    return await this.db.run('ml.findPredictions', async (session) => {
      const { rows } = await session.query<PredictionRow>(
        `SELECT ${PREDICTION_COLUMNS} FROM ml_predictions
         WHERE model_name = $1 AND instrument_id = $2 AND ts_ms BETWEEN $3 AND $4 AND ($5::integer IS NULL OR model_version = $5)
         ORDER BY ts_ms, model_version`,
        params,
      );
      return rows.map(predictionFromRow);
    });
  }
}
