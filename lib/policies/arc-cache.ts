import { hitRate, type CacheStats } from '../core/stats';
import { checkPolicyOptions, measureEntry, PolicyCacheOptions } from './policy-options';
import { ListNode, listNode, RecencyList } from './recency-list';

/** Options for {@link ARCCache}: a `capacity` in entries, or `maxSize` with `sizeOf`; `onEvict` optional. */
export type ARCCacheOptions<K, V> = PolicyCacheOptions<K, V>;

/** The four lists of an {@link ARCCache}, keys from most to least recent (see {@link ARCCache.queues}). */
export interface ARCQueues<K> {
  /** T1: entries seen once recently. */
  readonly recent: K[];
  /** T2: entries seen at least twice recently. */
  readonly frequent: K[];
  /** B1: ghosts (keys only) of entries evicted from T1. */
  readonly recentGhosts: K[];
  /** B2: ghosts of entries evicted from T2. */
  readonly frequentGhosts: K[];
}

/**
 * Adaptive Replacement Cache (Megiddo & Modha, "ARC: A Self-Tuning, Low Overhead Replacement
 * Cache", FAST 2003), as a real cache with O(1) operations.
 *
 * Two LRU lists hold the entries: T1 those requested once recently, T2 those requested at least
 * twice. Two ghost lists remember the keys (not values) last evicted from each: B1 from T1, B2
 * from T2. A request for a key in B1 means T1 was too small, so the target size `p` of T1 grows
 * (by `max(|B2|/|B1|, 1)`); a request for a key in B2 shrinks it (by `max(|B1|/|B2|, 1)`). On
 * eviction, REPLACE takes T1's LRU entry when `|T1| > p` (or `|T1| = p` and the key came from
 * B2), otherwise T2's. That is the paper's Fig. 4 pseudo-code, case for case, with two choices
 * it leaves open settled as libCacheSim settles them, so miss ratios match its `arc` exactly:
 * `p` is a real number (the deltas are float ratios), and REPLACE takes from T1 when T2 is empty.
 *
 * As a cache API: `get` of a resident key is the paper's case I (T1 → T2, or to T2's MRU end).
 * A `get` that misses changes nothing; the `set` that follows is the request that adapts `p`
 * (cases II and III, for a key still in B1 or B2) or inserts into T1 (case IV). `set` of a
 * resident key is a request too (case I) and replaces the value. `has` and `peek` change nothing.
 * `delete` drops a resident entry without leaving a ghost. Eviction happens only when an insert
 * would overflow, so after `delete`s the cache simply fills up again.
 *
 * Sizes (`maxSize` + `sizeOf`): every size above counts in size units instead of entries — `p`,
 * the ghost lists' budget (`|T1| + |B1| ≤ maxSize`, all four lists ≤ 2 × maxSize), the deltas —
 * and eviction repeats until the new entry fits; the same generalisation libCacheSim uses for
 * byte-based ARC. A value larger than `maxSize` is not stored (an older value under its key is
 * removed).
 *
 * @example
 * const cache = new ARCCache<string, number>({ capacity: 2 });
 * cache.set('a', 1).set('b', 2);
 * cache.get('a');          // 1 — 'a' moves from T1 (recent) to T2 (frequent)
 * cache.set('c', 3);       // evicts 'b' (T1's LRU) and remembers it in B1
 * cache.set('b', 2);       // a B1 ghost hit: T1's target grows; 'b' goes straight to T2
 */
export class ARCCache<K, V> {
  /** Maximum number of entries; `Infinity` when the cache is bounded by {@link maxSize} instead. */
  readonly capacity: number;
  /** Maximum total size of the entries (equals `capacity` for a count-bounded cache: each entry weighs 1). */
  readonly maxSize: number;

  private readonly limit: number;
  private readonly sizeOf: ((value: V, key: K) => number) | undefined;
  private readonly evictListener: ((key: K, value: V) => void) | undefined;
  /** Every key in T1, T2, B1 or B2; a node's `list` says which. */
  private readonly index = new Map<K, ListNode<K, V>>();
  private readonly t1 = new RecencyList<K, V>();
  private readonly t2 = new RecencyList<K, V>();
  private readonly b1 = new RecencyList<K, V>();
  private readonly b2 = new RecencyList<K, V>();
  /** The paper's `p`: the size T1 should have, in [0, limit]. */
  private p = 0;
  /** Entries evicted during the current `set`, reported once it is done. */
  private readonly evicted: Array<[K, V]> = [];
  private hitCount = 0;
  private missCount = 0;
  private evictionCount = 0;

  /**
   * @throws TypeError if `options` is not an object, gives both `capacity` and `maxSize`, or
   *   `sizeOf`/`onEvict` is not a function.
   * @throws RangeError if `capacity` or `maxSize` is not a positive integer (capacity ≤ 2²⁴),
   *   or neither is given.
   */
  constructor(options: ARCCacheOptions<K, V>) {
    const checked = checkPolicyOptions(options);
    this.limit = checked.maxSize;
    this.capacity = checked.capacity;
    this.maxSize = checked.maxSize;
    this.sizeOf = checked.sizeOf;
    this.evictListener = checked.onEvict;
  }

  /** Number of entries stored (T1 and T2; ghosts are not entries). */
  get size(): number {
    return this.t1.length + this.t2.length;
  }

  /** Total size of the entries stored: their count, or the sum of `sizeOf` with `maxSize`. */
  get totalSize(): number {
    return this.t1.weight + this.t2.weight;
  }

  /** The adaptive target size of T1 (the paper's `p`), in entries or size units. */
  get target(): number {
    return this.p;
  }

  /** The value for `key` (a request: T1 → T2, or to T2's MRU end), or `undefined` on a miss. */
  get(key: K): V | undefined {
    const node = this.index.get(key);
    if (node === undefined || !this.isResident(node)) {
      this.missCount += 1;
      return undefined;
    }
    this.hitCount += 1;
    this.promote(node);
    return node.value;
  }

  /**
   * Stores `value` under `key`: a request for `key` as the paper defines it (see the class
   * comment), evicting first if the new entry does not fit. `onEvict` is called for each
   * evicted entry once the new one is in place. Returns the cache, for chaining.
   *
   * @throws TypeError if `sizeOf` returns anything but a positive integer.
   */
  set(key: K, value: V): this {
    const weight = this.sizeOf === undefined ? 1 : measureEntry(this.sizeOf, value, key);
    const node = this.index.get(key);
    if (weight > this.limit) {
      if (node !== undefined && this.isResident(node)) this.removeResident(node);
      return this;
    }
    if (node !== undefined && this.isResident(node)) {
      node.value = value;
      if (weight === node.weight) {
        this.promote(node);
        return this;
      }
      // A resized entry: take it out, make room for its new size as for a new entry, put it
      // back in T2 (it was requested again), so it can never evict itself.
      (node.list as RecencyList<K, V>).remove(node);
      node.weight = weight;
      this.makeRoomForMiss(weight);
      this.t2.pushHead(node);
    } else if (node !== undefined) {
      this.adaptOnGhostHit(node);
      const fromB2 = node.list === this.b2;
      (node.list as RecencyList<K, V>).remove(node);
      node.value = value;
      node.weight = weight;
      while (this.totalSize + weight > this.limit) this.replace(fromB2);
      this.t2.pushHead(node);
    } else {
      this.makeRoomForMiss(weight);
      const fresh = listNode<K, V>(key, value, weight);
      this.index.set(key, fresh);
      this.t1.pushHead(fresh);
    }
    this.reportEvictions();
    return this;
  }

  /** Whether `key` is stored (ghosts do not count); changes nothing. */
  has(key: K): boolean {
    const node = this.index.get(key);
    return node !== undefined && this.isResident(node);
  }

  /** The value for `key` without counting a request, or `undefined`. */
  peek(key: K): V | undefined {
    const node = this.index.get(key);
    return node !== undefined && this.isResident(node) ? node.value : undefined;
  }

  /** Removes `key` (no ghost is kept); returns whether it was stored. Does not call `onEvict`. */
  delete(key: K): boolean {
    const node = this.index.get(key);
    if (node === undefined || !this.isResident(node)) return false;
    this.removeResident(node);
    return true;
  }

  /** Removes every entry and ghost and resets `p` to 0 (no `onEvict`); stats are kept. */
  clear(): void {
    this.index.clear();
    this.t1.clear();
    this.t2.clear();
    this.b1.clear();
    this.b2.clear();
    this.p = 0;
  }

  /** Keys stored: T1 from most to least recent, then T2 likewise. */
  *keys(): IterableIterator<K> {
    for (const node of this.t1.nodes()) yield node.key;
    for (const node of this.t2.nodes()) yield node.key;
  }

  /** `[key, value]` pairs in the order of {@link keys}. */
  *entries(): IterableIterator<[K, V]> {
    for (const node of this.t1.nodes()) yield [node.key, node.value as V];
    for (const node of this.t2.nodes()) yield [node.key, node.value as V];
  }

  /** The four lists, most recent first: what the chapter draws to show ARC adapting. O(n). */
  queues(): ARCQueues<K> {
    const keysOf = (list: RecencyList<K, V>): K[] => Array.from(list.nodes(), (node) => node.key);
    return { recent: keysOf(this.t1), frequent: keysOf(this.t2), recentGhosts: keysOf(this.b1), frequentGhosts: keysOf(this.b2) };
  }

  /** A snapshot of the counters. */
  stats(): CacheStats {
    return { hits: this.hitCount, misses: this.missCount, hitRate: hitRate(this.hitCount, this.missCount), size: this.size, evictions: this.evictionCount };
  }

  /** Zeroes hits, misses and evictions (entries are kept). */
  resetStats(): void {
    this.hitCount = 0;
    this.missCount = 0;
    this.evictionCount = 0;
  }

  private isResident(node: ListNode<K, V>): boolean {
    return node.list === this.t1 || node.list === this.t2;
  }

  /** Case I: a hit moves the entry to T2's MRU end. */
  private promote(node: ListNode<K, V>): void {
    if (node.list === this.t1) {
      this.t1.remove(node);
      this.t2.pushHead(node);
    } else {
      this.t2.moveToHead(node);
    }
  }

  /** Cases II and III: a ghost hit moves the target `p` towards the list that lost the key. */
  private adaptOnGhostHit(node: ListNode<K, V>): void {
    if (node.list === this.b1) {
      this.p = Math.min(this.p + Math.max(this.b2.weight / this.b1.weight, 1), this.limit);
    } else {
      this.p = Math.max(this.p - Math.max(this.b1.weight / this.b2.weight, 1), 0);
    }
  }

  /** Case IV: make room for a key in no list, keeping T1 + B1 ≤ c and all four lists ≤ 2c. */
  private makeRoomForMiss(weight: number): void {
    while (this.totalSize + weight > this.limit) {
      if (this.t1.weight + this.b1.weight + weight > this.limit) {
        if (this.b1.weight > 0) {
          this.forget(this.b1);
          this.replace(false);
        } else {
          // T1 alone fills the budget: its LRU entry goes without leaving a ghost.
          this.evict(this.t1, null);
        }
      } else {
        if (this.t1.weight + this.t2.weight + this.b1.weight + this.b2.weight >= 2 * this.limit && this.b2.weight > 0) this.forget(this.b2);
        this.replace(false);
      }
    }
  }

  /** REPLACE(x, p): evict T1's LRU into B1 or T2's LRU into B2. */
  private replace(requestInB2: boolean): void {
    const t1 = this.t1.weight;
    if ((t1 > 0 && (t1 > this.p || (t1 === this.p && requestInB2))) || this.t2.weight === 0) {
      this.evict(this.t1, this.b1);
    } else {
      this.evict(this.t2, this.b2);
    }
  }

  /** Evicts `from`'s LRU entry, remembering its key in `ghosts` (or forgetting it when `null`). */
  private evict(from: RecencyList<K, V>, ghosts: RecencyList<K, V> | null): void {
    const node = from.tail as ListNode<K, V>;
    from.remove(node);
    const value = node.value as V;
    node.value = undefined;
    if (ghosts === null) this.index.delete(node.key);
    else ghosts.pushHead(node);
    this.evictionCount += 1;
    if (this.evictListener !== undefined) this.evicted.push([node.key, value]);
  }

  /** Drops the LRU ghost of `ghosts`. */
  private forget(ghosts: RecencyList<K, V>): void {
    const node = ghosts.tail as ListNode<K, V>;
    ghosts.remove(node);
    this.index.delete(node.key);
  }

  private removeResident(node: ListNode<K, V>): void {
    (node.list as RecencyList<K, V>).remove(node);
    this.index.delete(node.key);
  }

  /** Calls `onEvict` last, so a listener that reads or writes the cache sees a consistent state. */
  private reportEvictions(): void {
    if (this.evicted.length === 0) return;
    const listener = this.evictListener as (key: K, value: V) => void;
    const batch = this.evicted.splice(0, this.evicted.length);
    for (const [key, value] of batch) listener(key, value);
  }
}
