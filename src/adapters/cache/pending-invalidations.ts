/** Invalidations to apply once the store is reachable again; `all` when too many keys were dropped. */
export interface InvalidationBatch {
  readonly all: boolean;
  readonly keys: readonly string[];
  readonly prefixes: readonly string[];
}

/**
 * The writes a cache could not apply (a set, delete or clear during an outage or after a timeout whose
 * outcome is unknown). Each leaves an entry in the store that may now be stale, so until the matching
 * invalidation has been applied the cache reads nothing for those keys. Bounded: past `maxKeys` it
 * remembers "everything", which costs one full clear of the cache's keys instead of memory.
 */
export class PendingInvalidations {
  readonly #maxKeys: number;
  #keys = new Set<string>();
  #prefixes = new Set<string>();
  #all = false;

  constructor(maxKeys: number) {
    this.#maxKeys = maxKeys;
  }

  get isEmpty(): boolean {
    return !this.#all && this.#keys.size === 0 && this.#prefixes.size === 0;
  }

  get size(): number {
    return this.#all ? Infinity : this.#keys.size + this.#prefixes.size;
  }

  addKey(key: string): void {
    if (this.#all) return;
    this.#keys.add(key);
    if (this.#keys.size > this.#maxKeys) this.addAll();
  }

  /** A prefix of '' is the whole cache. */
  addPrefix(prefix: string): void {
    if (prefix === '') this.addAll();
    else if (!this.#all) this.#prefixes.add(prefix);
  }

  addAll(): void {
    this.#all = true;
    this.#keys = new Set();
    this.#prefixes = new Set();
  }

  /** Hands over everything pending and forgets it; `restore` puts a batch back if applying it failed. */
  take(): InvalidationBatch {
    const batch = { all: this.#all, keys: [...this.#keys], prefixes: [...this.#prefixes] };
    this.#all = false;
    this.#keys = new Set();
    this.#prefixes = new Set();
    return batch;
  }

  restore(batch: InvalidationBatch): void {
    if (batch.all) this.addAll();
    for (const prefix of batch.prefixes) this.addPrefix(prefix);
    for (const key of batch.keys) this.addKey(key);
  }
}
