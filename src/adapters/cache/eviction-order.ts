/** Which entry a bounded cache gives up first. */
export const EvictionPolicy = { LRU: 'lru', LFU: 'lfu', FIFO: 'fifo' } as const;
export type EvictionPolicy = (typeof EvictionPolicy)[keyof typeof EvictionPolicy];

const NONE = -1;
const LRU = 0;
const LFU = 1;
const FIFO = 2;

/**
 * The eviction order of slots 0..capacity-1 as one doubly linked list over index arrays, victim first.
 * Every operation is O(1) and allocates nothing (the arrays grow by doubling):
 *
 * - LRU: a touch moves the slot to the tail, so the head is the least recently used.
 * - FIFO: a touch changes nothing, so the head is the oldest insertion (a rewrite keeps its place).
 * - LFU: the list is sorted by use count, each count a contiguous run of slots (a frequency bucket) in
 *   order of last use. A bucket is a node holding its count and its last slot; the next bucket is the one
 *   of the slot after that. A touch moves a slot to the end of the bucket for count + 1 (made if missing),
 *   so the head is the least frequently used and, among equals, the least recently used. This is the O(1)
 *   LFU of Shah, Mitra and Matani (2010) with the bucket list folded into the entry list.
 *
 * Index arrays rather than node objects: no allocation per operation, and the layout lru-cache uses to be
 * fast. Buckets are pooled the same way: there are never more non-empty buckets than entries.
 */
export class EvictionOrder {
  readonly #policy: number;
  #next: Int32Array;
  #prev: Int32Array;
  /** LFU only: the bucket of each slot, and per bucket its use count and last slot. */
  #bucketOf: Int32Array;
  #bucketUses: Float64Array;
  #bucketTail: Int32Array;
  #freeBuckets: Int32Array;
  #freeBucketTop = 0;
  #usedBuckets = 0;
  #head = NONE;
  #tail = NONE;

  constructor(policy: EvictionPolicy, capacity: number) {
    this.#policy = policy === EvictionPolicy.LRU ? LRU : policy === EvictionPolicy.LFU ? LFU : FIFO;
    this.#next = new Int32Array(capacity);
    this.#prev = new Int32Array(capacity);
    const lfuCapacity = this.#policy === LFU ? capacity : 0;
    this.#bucketOf = new Int32Array(lfuCapacity);
    this.#bucketUses = new Float64Array(lfuCapacity);
    this.#bucketTail = new Int32Array(lfuCapacity);
    this.#freeBuckets = new Int32Array(lfuCapacity);
  }

  /** The next victim, or -1 when empty. */
  get head(): number {
    return this.#head;
  }

  /** The slot after `slot` towards the tail, or -1. */
  after(slot: number): number {
    return this.#next[slot] ?? NONE;
  }

  /** How many times an LFU slot was used (1 on insert); 0 for the other policies. */
  uses(slot: number): number {
    if (this.#policy !== LFU) return 0;
    return this.#bucketUses[this.#bucketOf[slot] ?? 0] ?? 0;
  }

  grow(capacity: number): void {
    this.#next = grown(this.#next, capacity);
    this.#prev = grown(this.#prev, capacity);
    if (this.#policy !== LFU) return;
    this.#bucketOf = grown(this.#bucketOf, capacity);
    this.#bucketUses = grown(this.#bucketUses, capacity);
    this.#bucketTail = grown(this.#bucketTail, capacity);
    this.#freeBuckets = grown(this.#freeBuckets, capacity);
  }

  insert(slot: number): void {
    if (this.#policy !== LFU) {
      this.#linkAfter(slot, this.#tail);
      return;
    }
    const head = this.#head;
    const first = head === NONE ? NONE : (this.#bucketOf[head] ?? NONE);
    if (first !== NONE && this.#bucketUses[first] === 1) {
      this.#linkAfter(slot, this.#bucketTail[first] ?? NONE);
      this.#join(slot, first);
    } else {
      this.#linkAfter(slot, NONE);
      this.#join(slot, this.#newBucket(1));
    }
  }

  /** A use of the slot (a hit, or a write over an existing key). */
  touch(slot: number): void {
    if (this.#policy === LRU) {
      if (slot !== this.#tail) this.#moveToTail(slot);
    } else if (this.#policy === LFU) {
      this.#promote(slot);
    }
  }

  remove(slot: number): void {
    if (this.#policy === LFU) this.#leaveBucket(slot);
    this.#unlink(slot);
  }

  clear(): void {
    this.#head = NONE;
    this.#tail = NONE;
    this.#freeBucketTop = 0;
    this.#usedBuckets = 0;
  }

  /** LRU's hit: the fewest reads and writes, as it is the hottest path (slot is not the tail). */
  #moveToTail(slot: number): void {
    const next = this.#next;
    const prev = this.#prev;
    const after = next[slot] ?? NONE;
    if (slot === this.#head) {
      this.#head = after;
      prev[after] = NONE;
    } else {
      const before = prev[slot] ?? NONE;
      next[before] = after;
      prev[after] = before;
    }
    const tail = this.#tail;
    next[tail] = slot;
    prev[slot] = tail;
    next[slot] = NONE;
    this.#tail = slot;
  }

  #promote(slot: number): void {
    const bucket = this.#bucketOf[slot] ?? NONE;
    const uses = (this.#bucketUses[bucket] ?? 0) + 1;
    const ownTail = this.#bucketTail[bucket] ?? NONE;
    const afterOwn = this.#next[ownTail] ?? NONE;
    const nextBucket = afterOwn === NONE ? NONE : (this.#bucketOf[afterOwn] ?? NONE);
    if (nextBucket !== NONE && this.#bucketUses[nextBucket] === uses) {
      this.#leaveBucket(slot);
      this.#unlink(slot);
      this.#linkAfter(slot, this.#bucketTail[nextBucket] ?? NONE);
      this.#join(slot, nextBucket);
    } else if (ownTail === slot && (this.#prev[slot] === NONE || this.#bucketOf[this.#prev[slot] ?? 0] !== bucket)) {
      this.#bucketUses[bucket] = uses; // alone in its bucket with no bucket for uses next: count up in place
    } else {
      this.#leaveBucket(slot);
      if (ownTail !== slot) {
        this.#unlink(slot);
        this.#linkAfter(slot, ownTail);
      }
      this.#join(slot, this.#newBucket(uses));
    }
  }

  /** Makes `slot` (already linked at the end of the bucket's run) the bucket's last slot. */
  #join(slot: number, bucket: number): void {
    this.#bucketOf[slot] = bucket;
    this.#bucketTail[bucket] = slot;
  }

  /** Keeps the bucket's tail right when `slot` leaves it, freeing an emptied bucket; call before unlinking. */
  #leaveBucket(slot: number): void {
    const bucket = this.#bucketOf[slot] ?? NONE;
    if (this.#bucketTail[bucket] !== slot) return;
    const before = this.#prev[slot] ?? NONE;
    if (before !== NONE && this.#bucketOf[before] === bucket) this.#bucketTail[bucket] = before;
    else this.#freeBuckets[this.#freeBucketTop++] = bucket;
  }

  #newBucket(uses: number): number {
    const bucket = this.#freeBucketTop > 0 ? (this.#freeBuckets[--this.#freeBucketTop] ?? NONE) : this.#usedBuckets++;
    this.#bucketUses[bucket] = uses;
    return bucket;
  }

  #unlink(slot: number): void {
    const before = this.#prev[slot] ?? NONE;
    const after = this.#next[slot] ?? NONE;
    if (before === NONE) this.#head = after;
    else this.#next[before] = after;
    if (after === NONE) this.#tail = before;
    else this.#prev[after] = before;
  }

  /** Links `slot` right after `before`, or at the head when `before` is -1. */
  #linkAfter(slot: number, before: number): void {
    const after = before === NONE ? this.#head : (this.#next[before] ?? NONE);
    this.#prev[slot] = before;
    this.#next[slot] = after;
    if (before === NONE) this.#head = slot;
    else this.#next[before] = slot;
    if (after === NONE) this.#tail = slot;
    else this.#prev[after] = slot;
  }
}

function grown<T extends Int32Array | Float64Array>(array: T, capacity: number): T {
  const next = (array instanceof Int32Array ? new Int32Array(capacity) : new Float64Array(capacity)) as T;
  next.set(array);
  return next;
}
