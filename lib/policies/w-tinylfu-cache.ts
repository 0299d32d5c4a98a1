import { hitRate, type CacheStats } from '../core/stats';
import { assertInRange, assertNonNegativeInteger, assertPositiveInteger } from '../core/validate';
import { checkPolicyOptions, MAX_CACHE_ENTRIES, measureEntry, PolicyCacheOptions } from './policy-options';
import { NO_MISS } from './queue-cache';
import { ListNode, listNode, RecencyList } from './recency-list';
import { TinyLfu } from './tiny-lfu';

/**
 * Keys the frequency sketch is sized for up front (Caffeine sizes it when the cache is half
 * full): a cache with a huge capacity costs little until it fills, and one of up to 65,536
 * entries gets its full-size sketch from the start.
 */
const INITIAL_SKETCH_KEYS = 1 << 16;

/** Tuning of {@link WTinyLFUCache}; the defaults are Caffeine's. */
export interface WTinyLFUTuning {
  /** Share of the budget for the admission window, in (0, 1) (default 0.01: 1 %). */
  windowFraction?: number;
  /** Share of the main space for its protected segment, in [0, 1) (default 0.8). */
  protectedFraction?: number;
  /**
   * Most entries the frequency sketch is sized for (default: `capacity`, or `maxSize` for a
   * size-bounded cache). It starts at up to 65,536 and doubles as the cache holds more entries
   * (counts restart when it does), so a generous value costs nothing up front.
   */
  expectedEntries?: number;
  /** The sample period, as a multiple of `expectedEntries` (default 10). */
  sampleFactor?: number;
  /** Put a doorkeeper (Bloom filter) in front of the sketch (default true). */
  doorkeeper?: boolean;
  /** Hash seed of the sketch and doorkeeper (default 0). */
  seed?: number;
}

/** Options for {@link WTinyLFUCache}: a `capacity` or `maxSize` with `sizeOf`, `onEvict`, and {@link WTinyLFUTuning}. */
export type WTinyLFUCacheOptions<K, V> = PolicyCacheOptions<K, V> & WTinyLFUTuning;

/** The three segments of a {@link WTinyLFUCache}, keys from most to least recent. */
export interface WTinyLFUSegments<K> {
  readonly window: K[];
  readonly probation: K[];
  readonly protected: K[];
}

/**
 * Window TinyLFU (Einziger, Friedman & Manes, "TinyLFU: A Highly Efficient Cache Admission
 * Policy", ACM ToS 2017), laid out as Caffeine lays it out, as a real cache with O(1) operations.
 *
 * - A small **window** LRU (1 % of the budget) takes every new entry, so a burst of new keys
 *   gets its chance to be hit again.
 * - The **main** space is a segmented LRU: **probation** (entries admitted from the window) and
 *   **protected** (80 % of main: entries hit again while in probation; its overflow is demoted
 *   back to probation's MRU end).
 * - When the window overflows, its LRU entry (the *candidate*) moves to probation; if the cache
 *   is then over budget, the candidate duels with probation's LRU entry (the *victim*): the
 *   {@link TinyLfu} filter estimates both keys' recent access counts and the candidate stays
 *   only if strictly more popular. The loser is evicted. So admission, not just eviction,
 *   decides what reaches the main space. Every miss still enters the window, so the cache as a
 *   whole stores every missed key and Bélády's OPT (`simulateOptimal`) bounds it; a cache that
 *   may refuse a miss outright is bounded by `simulateOptimalWithBypass` instead.
 * - Frequencies: a count-min sketch of 4-bit counters behind a doorkeeper Bloom filter, halved
 *   (and the doorkeeper cleared) every `10 × capacity` recorded accesses.
 *
 * The window is **static** (no hill climbing): Caffeine adapts the window/main split at run
 * time, this cache keeps the configured split, as libCacheSim's `wtinylfu` does.
 *
 * Accesses recorded in the sketch: a `get` hit and every `set` (insert or update) — Caffeine's
 * rule; a `get` miss is not counted, the `set` that follows it is. `has` and `peek` change nothing.
 * Admission compares strictly (ties keep the victim) and deterministically; Caffeine also admits
 * a popular candidate at random 1 time in 128 against hash-flooding, which this cache does not.
 *
 * Sizes (`maxSize` + `sizeOf`): the window, protected share and budget are in size units; a new
 * entry heavier than the window becomes a candidate at once; a value larger than `maxSize` is
 * not stored (an older value under its key is removed).
 *
 * @example
 * const cache = new WTinyLFUCache<string, number>({ capacity: 100 });
 * cache.set('a', 1);
 * cache.get('a'); // 1
 */
export class WTinyLFUCache<K, V> {
  /** Maximum number of entries; `Infinity` when the cache is bounded by {@link maxSize} instead. */
  readonly capacity: number;
  /** Maximum total size of the entries (equals `capacity` for a count-bounded cache: each entry weighs 1). */
  readonly maxSize: number;
  /** Budget of the admission window (entries, or size units with `maxSize`). */
  readonly windowSize: number;
  /** Budget of the protected segment. */
  readonly protectedSize: number;

  private readonly limit: number;
  private readonly sizeOf: ((value: V, key: K) => number) | undefined;
  private readonly evictListener: ((key: K, value: V) => void) | undefined;
  private readonly index = new Map<K, ListNode<K, V>>();
  private readonly window = new RecencyList<K, V>();
  private readonly probation = new RecencyList<K, V>();
  private readonly protectedSegment = new RecencyList<K, V>();
  /** Replaced by a wider one as the cache grows past what it was sized for (see `grow`). */
  private filter: TinyLfu;
  private readonly maxSketchKeys: number;
  private readonly sampleFactor: number;
  private readonly seed: number;
  private readonly doorkeeper: boolean;
  private readonly evicted: Array<[K, V]> = [];
  /** The last evicted node, recycled by the next insertion. */
  private spare: ListNode<K, V> | null = null;
  private hitCount = 0;
  private missCount = 0;
  /** The key of the last `get` that missed, until the next write: the `set` after it skips the lookup. */
  private missedKey: K | typeof NO_MISS = NO_MISS;
  private evictionCount = 0;

  /**
   * @throws TypeError if `options` is not an object, gives both `capacity` and `maxSize`, or
   *   `sizeOf`/`onEvict` is not a function.
   * @throws RangeError if neither `capacity` nor `maxSize` is given, or
   *   `capacity`/`maxSize`/`expectedEntries`/`sampleFactor` is not a positive integer, `windowFraction` is not in (0, 1), `protectedFraction` not in [0, 1), or `seed`
   *   not a non-negative integer.
   */
  constructor(options: WTinyLFUCacheOptions<K, V>) {
    const checked = checkPolicyOptions(options);
    const tuning = options as WTinyLFUTuning;
    const windowFraction = tuning.windowFraction ?? 0.01;
    const protectedFraction = tuning.protectedFraction ?? 0.8;
    assertInRange('windowFraction', windowFraction, Number.MIN_VALUE, 1 - Number.EPSILON);
    assertInRange('protectedFraction', protectedFraction, 0, 1 - Number.EPSILON);
    const expectedEntries = tuning.expectedEntries ?? Math.min(checked.maxSize, MAX_CACHE_ENTRIES);
    assertPositiveInteger('expectedEntries', expectedEntries);
    const sampleFactor = tuning.sampleFactor ?? 10;
    assertPositiveInteger('sampleFactor', sampleFactor);
    const seed = tuning.seed ?? 0;
    assertNonNegativeInteger('seed', seed);

    this.limit = checked.maxSize;
    this.capacity = checked.capacity;
    this.maxSize = checked.maxSize;
    this.sizeOf = checked.sizeOf;
    this.evictListener = checked.onEvict;
    // Math.round, not a float product truncated: 0.01 × 700 is 7.000000000000001.
    this.windowSize = Math.max(1, Math.round(this.limit * windowFraction));
    this.protectedSize = Math.floor(Math.max(0, this.limit - this.windowSize) * protectedFraction);
    this.maxSketchKeys = Math.min(expectedEntries, MAX_CACHE_ENTRIES);
    this.sampleFactor = sampleFactor;
    this.seed = seed;
    this.doorkeeper = tuning.doorkeeper !== false;
    this.filter = this.newFilter(Math.min(this.maxSketchKeys, INITIAL_SKETCH_KEYS));
  }

  /** Number of entries stored. */
  get size(): number {
    return this.index.size;
  }

  /** Total size of the entries stored: their count, or the sum of `sizeOf` with `maxSize`. */
  get totalSize(): number {
    return this.window.weight + this.probation.weight + this.protectedSegment.weight;
  }

  /** The value for `key` (an access: recorded in the sketch, recency updated), or `undefined`. */
  get(key: K): V | undefined {
    const node = this.index.get(key);
    if (node === undefined) {
      this.missCount += 1;
      this.missedKey = key;
      return undefined;
    }
    this.hitCount += 1;
    this.filter.recordHash(node.hash);
    this.touch(node);
    return node.value;
  }

  /**
   * Stores `value` under `key` (an access). A new key enters the window; whatever the window
   * and the budget then hold too much is settled by admission duels (see the class comment).
   * `onEvict` is called for each evicted entry once the cache is consistent again — possibly
   * for the new key itself, when it loses its duel. Returns the cache, for chaining.
   *
   * @throws TypeError if `sizeOf` returns anything but a positive integer.
   */
  set(key: K, value: V): this {
    const weight = this.sizeOf === undefined ? 1 : measureEntry(this.sizeOf, value, key);
    let node = key === this.missedKey ? undefined : this.index.get(key);
    this.missedKey = NO_MISS;
    if (weight > this.limit) {
      if (node !== undefined) this.remove(node);
      return this;
    }
    if (node !== undefined) {
      this.filter.recordHash(node.hash);
      node.value = value;
      if (weight !== node.weight) (node.list as RecencyList<K, V>).reweigh(node, weight);
      this.touch(node);
    } else {
      if (this.index.size >= this.filter.expectedKeys && this.filter.expectedKeys < this.maxSketchKeys) this.grow();
      node = this.spare ?? listNode<K, V>(key, value, weight, 0);
      this.spare = null;
      node.key = key;
      node.value = value;
      node.weight = weight;
      node.hash = this.filter.hashOf(key);
      this.filter.recordHash(node.hash);
      this.index.set(key, node);
      this.window.pushHead(node);
    }
    this.settle();
    this.reportEvictions();
    return this;
  }

  /** Whether `key` is stored; changes nothing. */
  has(key: K): boolean {
    return this.index.has(key);
  }

  /** The value for `key` without recording an access, or `undefined`. */
  peek(key: K): V | undefined {
    const node = this.index.get(key);
    return node === undefined ? undefined : node.value;
  }

  /** Removes `key`; returns whether it was stored. Does not call `onEvict`. */
  delete(key: K): boolean {
    const node = this.index.get(key);
    if (node === undefined) return false;
    this.missedKey = NO_MISS;
    this.remove(node);
    return true;
  }

  /** Removes every entry and forgets all frequencies (no `onEvict`); stats are kept. */
  clear(): void {
    this.missedKey = NO_MISS;
    this.index.clear();
    this.window.clear();
    this.probation.clear();
    this.protectedSegment.clear();
    this.filter.clear();
  }

  /** Keys stored: window, then probation, then protected, each from most to least recent. */
  *keys(): IterableIterator<K> {
    for (const list of [this.window, this.probation, this.protectedSegment]) for (const node of list.nodes()) yield node.key;
  }

  /** `[key, value]` pairs in the order of {@link keys}. */
  *entries(): IterableIterator<[K, V]> {
    for (const list of [this.window, this.probation, this.protectedSegment]) for (const node of list.nodes()) yield [node.key, node.value as V];
  }

  /** The three segments, most recent first (for teaching and tests). O(n). */
  segments(): WTinyLFUSegments<K> {
    const keysOf = (list: RecencyList<K, V>): K[] => Array.from(list.nodes(), (node) => node.key);
    return { window: keysOf(this.window), probation: keysOf(this.probation), protected: keysOf(this.protectedSegment) };
  }

  /** The sketch's estimate of `key`'s recent accesses (0 to 16); changes nothing. */
  frequency(key: K): number {
    return this.filter.frequency(key);
  }

  /** A snapshot of the counters; `evictions` includes candidates refused by admission. */
  stats(): CacheStats {
    return { hits: this.hitCount, misses: this.missCount, hitRate: hitRate(this.hitCount, this.missCount), size: this.size, evictions: this.evictionCount };
  }

  /** Zeroes hits, misses and evictions (entries and frequencies are kept). */
  resetStats(): void {
    this.hitCount = 0;
    this.missCount = 0;
    this.evictionCount = 0;
  }

  private newFilter(expectedKeys: number): TinyLfu {
    return new TinyLfu({ expectedKeys, samplePeriod: this.sampleFactor * expectedKeys, doorkeeper: this.doorkeeper, seed: this.seed });
  }

  /** A wider sketch for a cache that outgrew its sketch (as Caffeine's `ensureCapacity`, counts restart). */
  private grow(): void {
    this.filter = this.newFilter(Math.min(this.maxSketchKeys, this.filter.expectedKeys * 2));
  }

  /** Recency on access: window and protected reorder; a probation hit earns protection. */
  private touch(node: ListNode<K, V>): void {
    if (node.list === this.probation) {
      this.probation.remove(node);
      this.protectedSegment.pushHead(node);
      // Protected overflow goes back to probation, where it must win duels again.
      while (this.protectedSegment.weight > this.protectedSize && this.protectedSegment.tail !== null) {
        const demoted = this.protectedSegment.tail;
        this.protectedSegment.remove(demoted);
        this.probation.pushHead(demoted);
      }
    } else {
      (node.list as RecencyList<K, V>).moveToHead(node);
    }
  }

  /** Moves window overflow to probation, each candidate dueling while the cache is over budget. */
  private settle(): void {
    while (this.window.weight > this.windowSize && this.window.tail !== null) {
      const candidate = this.window.tail;
      this.window.remove(candidate);
      this.probation.pushHead(candidate);
      while (this.totalSize > this.limit) {
        const victim = this.probation.tail as ListNode<K, V>;
        if (victim !== candidate && this.filter.admitHash(candidate.hash, victim.hash)) {
          this.evict(victim);
        } else {
          this.evict(candidate);
          break;
        }
      }
    }
    // Over budget with the window within its share (a resized value): evict from the LRU ends.
    while (this.totalSize > this.limit) {
      this.evict((this.probation.tail ?? this.protectedSegment.tail ?? this.window.tail) as ListNode<K, V>);
    }
  }

  private evict(node: ListNode<K, V>): void {
    const key = node.key;
    const value = node.value as V;
    this.remove(node);
    this.evictionCount += 1;
    if (this.evictListener !== undefined) this.evicted.push([key, value]);
    // Keep the node for the next insertion: a full cache then allocates nothing per miss.
    node.key = undefined as unknown as K;
    node.value = undefined;
    this.spare = node;
  }

  private remove(node: ListNode<K, V>): void {
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
