import type { Cache } from '../ports/cache.js';
import type { JsonObject } from '../ports/json-object.js';
import type { StrategyParameterSet, StrategyRepository, StrategyState } from '../ports/strategy-repository.js';
import { namespaced } from './namespaced.js';

/** What the strategy cache keeps: a strategy's saved state or its latest parameter set. */
export type StrategyCacheEntry = StrategyState | StrategyParameterSet;

export interface StrategyCacheOptions {
  /** How long an entry may be served without asking the repository. Default 60 000 ms. */
  readonly ttlMs?: number;
}

/**
 * Strategies' saved state and latest parameters, served from a cache in front of the strategy
 * repository (the system of record).
 *
 * - State is written through: `saveState` stores it in the repository (optimistic, by version) and then
 *   caches the saved state, since a running strategy reads back what it just saved. Only the node that
 *   trades a strategy saves its state, so there is one writer.
 * - Parameters are invalidated on update: `addParameterSet` stores the new version and drops the cached
 *   latest set, and the next read loads it.
 * - A read that loaded an older version just before an update and cached it just after would put it
 *   back: this process remembers the newest version it wrote for each strategy and treats an older cached
 *   entry as a miss. Other processes rely on the cache's invalidation (a hybrid cache's bound) and the TTL.
 *
 * @example
 * const strategies = new StrategyCache(repository, registry.findCache('strategies', jsonCodec<StrategyCacheEntry>()));
 * const params = await strategies.latestParameters('btc-trend');
 * const saved = await strategies.saveState('btc-trend', { lastSignal: 'long' }, previous?.version ?? 0, clock.now());
 */
export class StrategyCache {
  readonly #repository: Pick<StrategyRepository, 'findState' | 'saveState' | 'findParameterSet' | 'addParameterSet'>;
  readonly #states: Cache<StrategyCacheEntry>;
  readonly #params: Cache<StrategyCacheEntry>;
  readonly #ttlMs: number;
  /** Per cache and strategy, the newest version this process wrote. */
  readonly #written = new Map<string, number>();

  constructor(
    repository: Pick<StrategyRepository, 'findState' | 'saveState' | 'findParameterSet' | 'addParameterSet'>,
    cache: Cache<StrategyCacheEntry>,
    options: StrategyCacheOptions = {},
  ) {
    this.#repository = repository;
    this.#states = namespaced(cache, 'state');
    this.#params = namespaced(cache, 'params');
    this.#ttlMs = options.ttlMs ?? 60_000;
  }

  async state(name: string): Promise<StrategyState | undefined> {
    const entry = await this.#read(this.#states, `state:${name}`, name, () => this.#repository.findState(name));
    return entry !== undefined && isState(entry) ? entry : undefined;
  }

  async saveState(name: string, state: JsonObject, expectedVersion: number, tsMs: number): Promise<StrategyState> {
    const saved = await this.#repository.saveState(name, state, expectedVersion, tsMs);
    this.#wrote(`state:${name}`, saved.version);
    await this.#states.set(name, saved, { ttlMs: this.#ttlMs });
    return saved;
  }

  async latestParameters(name: string): Promise<StrategyParameterSet | undefined> {
    const entry = await this.#read(this.#params, `params:${name}`, name, () => this.#repository.findParameterSet(name));
    return entry !== undefined && !isState(entry) ? entry : undefined;
  }

  async addParameterSet(name: string, params: JsonObject, tsMs: number): Promise<StrategyParameterSet> {
    const added = await this.#repository.addParameterSet(name, params, tsMs);
    this.#wrote(`params:${name}`, added.version);
    await this.#params.delete(name);
    return added;
  }

  /** Drops what is cached of a strategy, e.g. after it was changed by other means. */
  async invalidate(name: string): Promise<void> {
    await Promise.all([this.#states.delete(name), this.#params.delete(name)]);
  }

  async #read(
    cache: Cache<StrategyCacheEntry>,
    id: string,
    name: string,
    load: () => Promise<StrategyCacheEntry | undefined>,
  ): Promise<StrategyCacheEntry | undefined> {
    const newest = this.#written.get(id) ?? -Infinity;
    const cached = await cache.get(name);
    if (cached !== undefined && cached.version >= newest) return cached;
    const loaded = await load();
    if (loaded !== undefined && loaded.version >= newest) await cache.set(name, loaded, { ttlMs: this.#ttlMs });
    return loaded;
  }

  #wrote(id: string, version: number): void {
    this.#written.set(id, Math.max(version, this.#written.get(id) ?? -Infinity));
  }
}

function isState(entry: StrategyCacheEntry): entry is StrategyState {
  return 'state' in entry;
}
