import { expect, it } from 'vitest';
import { PostgresMlRepository } from '../../src/adapters/postgres/postgres-ml-repository.js';
import type { MlModel, MlRepository, Prediction } from '../../src/application/ports/ml-repository.js';
import { describeEachBackend } from './backends.js';
import { BTC, ETH_PERP, T0 } from './trading-fixtures.js';

// The ML repository contract (models, training runs, predictions), run against PGlite and PostgreSQL.

function model(version: number, artifact: Uint8Array = new Uint8Array([0, 1, 2, 255, 0, 10, 13, 92, 39])): MlModel {
  return {
    name: "gbm '; DROP TABLE ml_models; --",
    version,
    parameters: { depth: 6, eta: 0.1, objective: 'binary:logistic' },
    metrics: { auc: 0.6123456789012345, logloss: 0.68, folds: [0.61, 0.62] },
    featureSchema: { features: [{ name: 'rsi_14', type: 'float' }, { name: 'ret_1h "pct"', type: 'float' }] },
    artifact,
    createdTsMs: T0 + version,
  };
}

const prediction = (tsMs: number, value: number | undefined, label: string | undefined, version = 1): Prediction => ({
  modelName: 'm',
  modelVersion: version,
  instrumentId: BTC,
  tsMs,
  value,
  label,
  featuresHash: `sha256:${tsMs}`,
});

describeEachBackend('ML repository', (current) => {
  const ml = (): MlRepository => new PostgresMlRepository(current().db);

  it('stores models immutably with their artifact bytes, and finds the latest or a version', async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7919) % 256);
    await ml().saveModel(model(1));
    await ml().saveModel(model(2, bytes));
    const latest = await ml().findModelOrThrow(model(1).name);
    expect(latest.version).toBe(2);
    expect(latest.artifact).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(latest.artifact).equals(Buffer.from(bytes)), 'every byte back').toBe(true);
    const first = await ml().findModelOrThrow(model(1).name, 1);
    expect({ ...first, artifact: Array.from(first.artifact) }).toEqual({ ...model(1), artifact: Array.from(model(1).artifact) });
    await expect(ml().saveModel(model(1))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await ml().listModels()).map((m) => [m.version, m.artifactBytes])).toEqual([
      [1, 9],
      [2, 300_000],
    ]);
    expect(await ml().findModel('none')).toBeUndefined();
    await expect(ml().findModelOrThrow('none', 3)).rejects.toThrow('model "none" version 3 is not stored');
  });

  it('records training runs from start to end', async () => {
    await ml().saveModel({ ...model(1), name: 'm' });
    await ml().startTrainingRun({ runId: 'train-1', modelName: 'm', params: { eta: 0.1 }, dataset: { source: "file 'x'.csv", rows: 1000 }, startedTsMs: T0 });
    await ml().startTrainingRun({ runId: 'train-2', modelName: 'm', params: {}, dataset: {}, startedTsMs: T0 + 1 });
    const done = await ml().finishTrainingRun('train-1', { status: 'SUCCEEDED', endedTsMs: T0 + 60_000, modelVersion: 1, metrics: { auc: 0.6 } });
    expect(done).toEqual({
      runId: 'train-1',
      modelName: 'm',
      modelVersion: 1,
      params: { eta: 0.1 },
      dataset: { source: "file 'x'.csv", rows: 1000 },
      metrics: { auc: 0.6 },
      status: 'SUCCEEDED',
      startedTsMs: T0,
      endedTsMs: T0 + 60_000,
      error: undefined,
    });
    await ml().finishTrainingRun('train-2', { status: 'FAILED', endedTsMs: T0 + 2, error: 'out of memory' });
    expect((await ml().listTrainingRuns('m')).map((r) => [r.runId, r.status, r.error])).toEqual([
      ['train-2', 'FAILED', 'out of memory'],
      ['train-1', 'SUCCEEDED', undefined],
    ]);
    await expect(ml().finishTrainingRun('train-2', { status: 'FAILED', endedTsMs: T0 + 3 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(ml().startTrainingRun({ runId: 'train-1', modelName: 'm', params: {}, dataset: {}, startedTsMs: T0 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await ml().startTrainingRun({ runId: 'train-3', modelName: 'm', params: {}, dataset: {}, startedTsMs: T0 });
    await expect(ml().finishTrainingRun('train-3', { status: 'SUCCEEDED', endedTsMs: T0 + 1, modelVersion: 9 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stores predictions in a batch, replaces a repeated one, and reads a time range', async () => {
    await ml().saveModel({ ...model(1), name: 'm' });
    await ml().saveModel({ ...model(2), name: 'm' });
    const batch = Array.from({ length: 25_000 }, (_, i) => prediction(T0 + i * 60_000, i % 3 === 0 ? undefined : Math.sin(i) / 7, i % 3 === 0 || i % 2 === 0 ? 'up' : undefined));
    expect(await ml().savePredictions(batch)).toBe(25_000);
    expect(await ml().savePredictions([prediction(T0, 0.5, "down '; --"), prediction(T0, 0.25, undefined, 2)])).toBe(2);
    const range = await ml().findPredictions('m', BTC, { fromMs: T0, toMs: T0 + 120_000 });
    expect(range.map((p) => [p.tsMs - T0, p.modelVersion, p.value, p.label])).toEqual([
      [0, 1, 0.5, "down '; --"],
      [0, 2, 0.25, undefined],
      [60_000, 1, Math.sin(1) / 7, undefined],
      [120_000, 1, Math.sin(2) / 7, 'up'],
    ]);
    expect(await ml().findPredictions('m', BTC, { toMs: T0 }, 2)).toHaveLength(1);
    expect(await ml().findPredictions('m', ETH_PERP)).toEqual([]);
    expect((await ml().findPredictions('m', BTC)).length).toBe(25_001);
    await expect(ml().savePredictions([prediction(T0, 1, undefined, 7)])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses oversize and malformed values clearly, before the database', async () => {
    const huge = new Uint8Array(64 * 1024 * 1024 + 1);
    await expect(ml().saveModel(model(1, huge))).rejects.toThrow(`invalid model 'artifact', was "67108865 bytes": expected at most 67108864 bytes`);
    await expect(ml().saveModel({ ...model(1), metrics: { auc: Number.POSITIVE_INFINITY } })).rejects.toThrow(
      `invalid model 'metrics': expected plain JSON data, found the number Infinity at "auc"`,
    );
    await expect(ml().saveModel({ ...model(1), version: 0 })).rejects.toThrow(`invalid model 'version', was 0: expected a whole number from 1 to 2147483647`);
    await expect(ml().savePredictions([prediction(T0, undefined, undefined)])).rejects.toThrow(`invalid prediction 'value', was undefined: expected a value, a label or both`);
    await expect(ml().savePredictions([prediction(T0, Number.NaN, undefined)])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await ml().listModels()).toEqual([]);
  });
});
