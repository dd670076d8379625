import { expect, it } from 'vitest';
import { PostgresStrategyRepository } from '../../src/adapters/postgres/postgres-strategy-repository.js';
import { cacheAside } from '../../src/application/persistence/cache-aside.js';
import type { StrategyDefinition, StrategyParameterSet, StrategyRepository } from '../../src/application/ports/strategy-repository.js';
import { describeEachBackend } from './backends.js';
import { MapCache } from './map-cache.js';
import { T0 } from './trading-fixtures.js';

// The strategy repository contract (definitions, parameter versions, state, runs), run against PGlite
// and PostgreSQL.

const INJECTION = "'; DROP TABLE strategies; --";

/** JSON with every odd thing plain JSON may hold. */
const ODD = {
  quote: "it's \"quoted\"",
  sql: "'; DROP TABLE strategy_params; --",
  backslash: 'C:\\path\\n not a newline',
  controls: 'tab\t newline\n bell\u0007',
  unicode: 'ünïcødé ✓ 🚀 \u{10FFFF} \u2028',
  numbers: [0.1, 0.30000000000000004, -0, 1e21, 5e-324, Number.MAX_SAFE_INTEGER, 1.7976931348623157e308],
  nested: { empty: {}, list: [], nulls: [null, { a: null }], deep: [[[['x']]]] },
  'key with spaces and "quotes"': true,
  '': 'empty key',
};

describeEachBackend('strategy repository', (current) => {
  const strategies = (options = {}): StrategyRepository => new PostgresStrategyRepository(current().db, options);

  it('saves definitions with any name literally and keeps the creation time on update', async () => {
    const names = [INJECTION, 'sma "fast"; slow', 'ünïcødé ✓', 'x'.repeat(128)];
    for (const name of names) await strategies().saveDefinition({ name, kind: 'sma-cross', description: `about ${name}` }, T0);
    const updated = await strategies().saveDefinition({ name: INJECTION, kind: 'rsi-reversion', description: 'changed' }, T0 + 5);
    expect(updated).toEqual({ name: INJECTION, kind: 'rsi-reversion', description: 'changed', createdTsMs: T0, updatedTsMs: T0 + 5 });
    expect(await strategies().findDefinitionOrThrow(INJECTION)).toEqual(updated);
    expect((await strategies().listDefinitions()).map((d) => d.name).sort()).toEqual([...names].sort());
    expect(await strategies().findDefinition('nope')).toBeUndefined();
    await expect(strategies().findDefinitionOrThrow('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('versions parameter sets, keeps the old ones, and stores odd JSON as given', async () => {
    await strategies().saveDefinition({ name: 's', kind: 'sma-cross', description: '' }, T0);
    const first = await strategies().addParameterSet('s', { fast: 10, slow: 30 }, T0);
    const second = await strategies().addParameterSet('s', ODD, T0 + 1);
    expect([first.version, second.version]).toEqual([1, 2]);
    expect((await strategies().findParameterSetOrThrow('s')).params, 'the latest').toEqual(JSON.parse(JSON.stringify(ODD)));
    expect((await strategies().findParameterSetOrThrow('s', 1)).params).toEqual({ fast: 10, slow: 30 });
    expect((await strategies().listParameterSets('s')).map((p) => p.version)).toEqual([1, 2]);
    expect(await strategies().findParameterSet('s', 3)).toBeUndefined();
    await expect(strategies().addParameterSet('undefined-strategy', {}, T0)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'strategy "undefined-strategy" is not defined: save its definition first',
    });
  });

  it('gives concurrent parameter additions distinct versions', async () => {
    await strategies().saveDefinition({ name: 'busy', kind: 'k', description: '' }, T0);
    const added = await Promise.all(Array.from({ length: 6 }, (_, i) => strategies().addParameterSet('busy', { i }, T0 + i)));
    expect(added.map((p) => p.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('saves state optimistically: a stale version is a conflict naming both versions', async () => {
    await strategies().saveDefinition({ name: INJECTION, kind: 'k', description: '' }, T0);
    const first = await strategies().saveState(INJECTION, { position: 'long', entry: '100.5' }, 0, T0);
    expect(first).toEqual({ strategyName: INJECTION, version: 1, state: { position: 'long', entry: '100.5' }, updatedTsMs: T0 });
    const second = await strategies().saveState(INJECTION, ODD, 1, T0 + 1);
    expect(second.version).toBe(2);
    await expect(strategies().saveState(INJECTION, { lost: true }, 1, T0 + 2)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `the state of strategy ${JSON.stringify(INJECTION)} changed since it was read: expected stored version 1, found version 2 (read it again and retry)`,
    });
    await expect(strategies().saveState(INJECTION, { again: true }, 0, T0 + 2)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await strategies().findState(INJECTION))?.state).toEqual(JSON.parse(JSON.stringify(ODD)));
    await expect(strategies().saveState('ghost', {}, 0, T0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await strategies().findState('ghost')).toBeUndefined();
  });

  it('records runs from start to end, newest first', async () => {
    await strategies().saveDefinition({ name: 's', kind: 'k', description: '' }, T0);
    await strategies().addParameterSet('s', { a: 1 }, T0);
    await strategies().startRun({ runId: 'r1', strategyName: 's', mode: 'backtest', paramsVersion: 1, startedTsMs: T0 });
    await strategies().startRun({ runId: "r2 '--", strategyName: 's', mode: 'paper', startedTsMs: T0 + 10 });
    const ended = await strategies().finishRun('r1', { status: 'COMPLETED', endedTsMs: T0 + 5, summary: { trades: 3, pnl: '12.5' } });
    expect(ended).toEqual({
      runId: 'r1',
      strategyName: 's',
      mode: 'backtest',
      paramsVersion: 1,
      status: 'COMPLETED',
      startedTsMs: T0,
      endedTsMs: T0 + 5,
      summary: { trades: 3, pnl: '12.5' },
    });
    expect((await strategies().listRuns('s')).map((r) => [r.runId, r.status])).toEqual([["r2 '--", 'RUNNING'], ['r1', 'COMPLETED']]);
    expect((await strategies().findRun("r2 '--"))?.endedTsMs).toBeUndefined();
    await expect(strategies().finishRun('r1', { status: 'FAILED', endedTsMs: T0 + 6 })).rejects.toMatchObject({ code: 'CONFLICT', message: 'strategy run "r1" already ended (COMPLETED)' });
    await expect(strategies().finishRun('r9', { status: 'FAILED', endedTsMs: T0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(strategies().startRun({ runId: 'r1', strategyName: 's', mode: 'live', startedTsMs: T0 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(strategies().startRun({ runId: 'r3', strategyName: 's', mode: 'live', paramsVersion: 7, startedTsMs: T0 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'cannot record a run of strategy "s" with parameter version 7: it is not stored',
    });
    await expect(strategies().startRun({ runId: 'r4', strategyName: 's', mode: 'demo' as never, startedTsMs: T0 })).rejects.toThrow(
      `invalid strategy run 'mode', was "demo": expected backtest, paper or live`,
    );
  });

  it('serves definition and parameter reads from the cache, and every write invalidates them', async () => {
    const definitionCache = new MapCache<StrategyDefinition>();
    const parameterCache = new MapCache<StrategyParameterSet>();
    const cached = strategies({
      definitionCache: cacheAside(definitionCache, { ttlMs: 60_000 }),
      parameterCache: cacheAside(parameterCache, { ttlMs: 60_000 }),
    });
    await cached.saveDefinition({ name: 'c', kind: 'k', description: 'one' }, T0);
    await cached.addParameterSet('c', { v: 1 }, T0);
    expect((await cached.findDefinitionOrThrow('c')).description).toBe('one');
    expect((await cached.findDefinitionOrThrow('c')).description).toBe('one');
    expect([definitionCache.hits, definitionCache.misses]).toEqual([1, 1]);
    expect((await cached.findParameterSetOrThrow('c')).params).toEqual({ v: 1 });
    expect((await cached.findParameterSetOrThrow('c')).params).toEqual({ v: 1 });
    expect(parameterCache.hits).toBe(1);

    await cached.saveDefinition({ name: 'c', kind: 'k', description: 'two' }, T0 + 1);
    await cached.addParameterSet('c', { v: 2 }, T0 + 1);
    expect((await cached.findDefinitionOrThrow('c')).description, 'not the cached definition').toBe('two');
    expect((await cached.findParameterSetOrThrow('c')).params, 'not the cached latest set').toEqual({ v: 2 });
    expect((await cached.findParameterSetOrThrow('c', 1)).params).toEqual({ v: 1 });
  });

  it('refuses JSON it could not store faithfully and oversize values, with a clear error', async () => {
    await strategies().saveDefinition({ name: 's', kind: 'k', description: '' }, T0);
    await expect(strategies().addParameterSet('s', { ratio: Number.NaN }, T0)).rejects.toThrow(
      `invalid strategy 'params': expected plain JSON data, found the number NaN at "ratio"`,
    );
    await expect(strategies().addParameterSet('s', { text: 'a\0b' }, T0)).rejects.toThrow(`found a NUL character in "text"`);
    await expect(strategies().addParameterSet('s', { n: 10n }, T0)).rejects.toThrow(`found a bigint at "n"`);
    await expect(strategies().addParameterSet('s', [1, 2] as never, T0)).rejects.toThrow(`invalid strategy 'params', was object: expected a JSON object`);
    await expect(strategies().saveState('s', { blob: 'x'.repeat(1 << 20) }, 0, T0)).rejects.toThrow(
      /^invalid strategy 'state', was 1048587 bytes of JSON: expected at most 1048576 bytes$/,
    );
    await expect(strategies().saveDefinition({ name: 'n'.repeat(129), kind: 'k', description: '' }, T0)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(strategies().saveDefinition({ name: 's', kind: 'k', description: 'd'.repeat(4_097) }, T0)).rejects.toThrow(
      /^invalid strategy 'description', was a string of 4097 characters/,
    );
    expect(await strategies().listParameterSets('s')).toEqual([]);
  });
});
