import { checkedClock, systemClock, type Clock } from './clock';
import { KeyIndex } from '../policies/key-index';
import { assertOptionsObject } from './options';
import { hitRate, type TTLCacheStats } from './stats';
import { assertFunction, assertPositiveDuration, assertPositiveInteger } from './validate';

/** Slots allocated up front by an unbounded cache (arrays double as needed). */
const INITIAL_UNBOUNDED_SLOTS = 7;
/** A bounded cache preallocates up to this many slots, so a huge capacity costs nothing until used. */
const MAX_PREALLOCATED_SLOTS = 65_535;

/** Copies `from` into the start of the larger `to` and returns `to`. */
function grow<T extends Float64Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Why an entry left a {@link TTLCache}. */
export type TTLEvictionReason = 'expired' | 'evicted' | 'deleted';

/** Options for {@link TTLCache}; every field is optional. */
export interface TTLCacheOptions<K, V> {
  /** TTL for entries set without their own; omit for entries that never expire by default. */
  defaultTtlMs?: number;
  /** Maximum number of entries (a positive integer); omit for an unbounded cache. */
  capacity?: number;
  /** Clock in ms; inject a `ManualClock`'s `now` in tests. Defaults to `Date.now`. */
  now?: Clock;
  /**
   * Runs {@link TTLCache.sweep} every this many ms on an unref'd timer (it never keeps the
   * process alive); stop it with {@link TTLCache.dispose}. Omit to rely on lazy expiry only.
   */
  sweepIntervalMs?: number;
  /**
   * Called whenever an entry leaves the cache, after the cache is consistent again:
   * `'expired'` (its TTL ran out and the cache noticed), `'evicted'` (pushed out by capacity),
   * `'deleted'` (`delete()`). Not called by `clear()` or when `set` overwrites a live entry.
   */
  onEvict?: (key: K, value: V, reason: TTLEvictionReason) => void;
}

/**
 * An in-memory cache whose entries expire: the course's `InMemoryCache`.
 *
 * Expiry: an entry set at time `t` with TTL `d` is live while `now() < t + d`; from `t + d` on
 * it is never returned. Expired entries are removed lazily, when an operation touches their
 * key, when `size`/`keys()`/`stats()` are read (so counts never include them), by `sweep()`,
 * and by the optional periodic sweep.
 *
 * Capacity: when a new key is set into a full cache, every expired entry is removed first; if
 * the cache is still full, the least recently used entry is evicted. `get` (on a hit) and `set`
 * mark an entry most recently used; `has`, `peek` and `ttl` do not.
 *
 * Layout: like {@link LRUCache} — slots in arrays, a circular linked list of slot numbers in
 * typed arrays for recency, a {@link KeyIndex} of slots — plus each slot's expiry time in a `Float64Array`. A lower bound on the earliest
 * expiry lets `size` and a full `set` skip the O(n) purge when nothing can have expired.
 *
 * @example
 * const clock = new ManualClock();
 * const cache = new TTLCache<string, number>({ defaultTtlMs: 1000, now: clock.now });
 * cache.set('a', 1);
 * clock.advance(999); cache.get('a'); // 1
 * clock.advance(1);   cache.get('a'); // undefined — expired at exactly t + 1000
 */
export class TTLCache<K, V> {
  /** Maximum number of entries (`Infinity` when unbounded). */
  readonly capacity: number;
  /** TTL applied by `set` when none is given (`Infinity`: no expiry). */
  readonly defaultTtlMs: number;

  private readonly now: Clock;
  private readonly index = new KeyIndex<K>();
  private readonly keyList: (K | undefined)[] = [undefined];
  private readonly valueList: (V | undefined)[] = [undefined];
  // The typed arrays below start small for an unbounded cache and double on demand.
  /** Absolute expiry time per slot (`Infinity`: never). */
  private expiresAt: Float64Array;
  /** `next[slot]`: the next more recently used slot; `next[0]` is the least recently used. */
  private next: Uint32Array;
  /** `prev[slot]`: the next less recently used slot; `prev[0]` is the most recently used. */
  private prev: Uint32Array;
  private freeSlots: Uint32Array;
  private freeCount = 0;
  /** Highest slot handed out so far. */
  private highestSlot = 0;
  /** No stored entry expires before this (a lower bound, exact right after a sweep). */
  private earliestExpiry = Infinity;
  private readonly evictListener: ((key: K, value: V, reason: TTLEvictionReason) => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private hitCount = 0;
  private missCount = 0;
  private evictionCount = 0;
  private expirationCount = 0;

  /**
   * @throws TypeError if `options` is not an object, `now`/`onEvict` is not a function, or `now()`
   *   returns `NaN` or a non-number (then, or on any later call).
   * @throws RangeError if `defaultTtlMs`/`sweepIntervalMs` is not a positive finite number or
   *   `capacity` is not a positive integer.
   */
  constructor(options: TTLCacheOptions<K, V> = {}) {
    assertOptionsObject('options', options);
    const { defaultTtlMs, capacity, now, sweepIntervalMs, onEvict } = options;
    if (defaultTtlMs !== undefined) assertPositiveDuration('defaultTtlMs', defaultTtlMs);
    if (capacity !== undefined) assertPositiveInteger('capacity', capacity);
    if (now !== undefined) assertFunction('now', now);
    if (sweepIntervalMs !== undefined) assertPositiveDuration('sweepIntervalMs', sweepIntervalMs);
    if (onEvict !== undefined) assertFunction('onEvict', onEvict);
    this.defaultTtlMs = defaultTtlMs ?? Infinity;
    this.capacity = capacity ?? Infinity;
    this.now = now === undefined ? systemClock : checkedClock('now', now);
    this.evictListener = onEvict;
    const slots = Math.min(capacity ?? INITIAL_UNBOUNDED_SLOTS, MAX_PREALLOCATED_SLOTS) + 1;
    this.expiresAt = new Float64Array(slots);
    this.next = new Uint32Array(slots);
    this.prev = new Uint32Array(slots);
    this.freeSlots = new Uint32Array(slots);
    if (sweepIntervalMs !== undefined) {
      this.timer = setInterval(() => this.sweep(), sweepIntervalMs);
      this.timer.unref();
    }
  }

  /** Number of live entries (expired ones are purged first). */
  get size(): number {
    this.purgeIfDue();
    return this.index.size;
  }

  /** The live value for `key` (marking it most recently used), or `undefined`. */
  get(key: K): V | undefined {
    const slot = this.liveSlot(key);
    if (slot === undefined) {
      this.missCount++;
      return undefined;
    }
    this.hitCount++;
    this.touch(slot);
    return this.valueList[slot];
  }

  /**
   * Stores `value` under `key` for `ttlMs` (default: `defaultTtlMs`) as the most recently used
   * entry, replacing any previous value and TTL. Returns the cache, for chaining.
   * @throws RangeError if `ttlMs` is given and is not a positive finite number.
   */
  set(key: K, value: V, ttlMs?: number): this {
    if (ttlMs !== undefined) assertPositiveDuration('ttlMs', ttlMs);
    const ttl = ttlMs ?? this.defaultTtlMs;
    const expiresAt = ttl === Infinity ? Infinity : this.now() + ttl;
    let slot = this.liveSlot(key);
    if (slot !== undefined) {
      this.valueList[slot] = value;
      this.expiresAt[slot] = expiresAt;
      this.touch(slot);
    } else {
      let evictedKey: K | undefined;
      let evictedValue: V | undefined;
      let evicted = false;
      if (this.index.size >= this.capacity) {
        this.purgeIfDue();
        if (this.index.size >= this.capacity) {
          evicted = true;
          slot = this.next[0];
          evictedKey = this.keyList[slot] as K;
          evictedValue = this.valueList[slot] as V;
          this.remove(slot, evictedKey);
          this.evictionCount++;
        }
      }
      slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
      this.keyList[slot] = key;
      this.valueList[slot] = value;
      this.expiresAt[slot] = expiresAt;
      this.index.set(key, slot);
      this.linkAsNewest(slot);
      if (evicted) this.notify(evictedKey as K, evictedValue as V, 'evicted');
    }
    if (expiresAt < this.earliestExpiry) this.earliestExpiry = expiresAt;
    return this;
  }

  /** Whether `key` has a live entry; does not change recency or stats. */
  has(key: K): boolean {
    return this.liveSlot(key) !== undefined;
  }

  /** The live value for `key` without changing recency or stats. */
  peek(key: K): V | undefined {
    const slot = this.liveSlot(key);
    return slot === undefined ? undefined : this.valueList[slot];
  }

  /** Milliseconds until `key` expires (`Infinity` if it never does), or `undefined` if absent. */
  ttl(key: K): number | undefined {
    const slot = this.liveSlot(key);
    if (slot === undefined) return undefined;
    const expiresAt = this.expiresAt[slot];
    return expiresAt === Infinity ? Infinity : expiresAt - this.now();
  }

  /** Removes `key`; returns whether it had a live entry. Calls `onEvict` with `'deleted'`. */
  delete(key: K): boolean {
    const slot = this.liveSlot(key);
    if (slot === undefined) return false;
    const value = this.valueList[slot] as V;
    this.remove(slot, key);
    this.notify(key, value, 'deleted');
    return true;
  }

  /** Removes every entry without calling `onEvict`; stats are kept — see {@link resetStats}. */
  clear(): void {
    this.index.clear();
    this.keyList.length = 1;
    this.valueList.length = 1;
    this.next[0] = 0;
    this.prev[0] = 0;
    this.freeCount = 0;
    this.highestSlot = 0;
    this.earliestExpiry = Infinity;
  }

  /** Live keys from most to least recently used (expired entries are purged first). */
  keys(): IterableIterator<K> {
    this.purgeIfDue();
    const order: K[] = [];
    for (let slot = this.prev[0]; slot !== 0; slot = this.prev[slot]) order.push(this.keyList[slot] as K);
    return order[Symbol.iterator]();
  }

  /**
   * Removes every expired entry (least recently used first, each reported to `onEvict` as
   * `'expired'`) and returns how many were removed. O(n).
   */
  sweep(): number {
    const now = this.now();
    const removedKeys: K[] = [];
    const removedValues: V[] = [];
    let earliest = Infinity;
    for (let slot = this.next[0]; slot !== 0; ) {
      const following = this.next[slot];
      const expiresAt = this.expiresAt[slot];
      if (now >= expiresAt) {
        const key = this.keyList[slot] as K;
        removedKeys.push(key);
        removedValues.push(this.valueList[slot] as V);
        this.remove(slot, key);
      } else if (expiresAt < earliest) {
        earliest = expiresAt;
      }
      slot = following;
    }
    this.earliestExpiry = earliest;
    this.expirationCount += removedKeys.length;
    for (let i = 0; i < removedKeys.length; i++) this.notify(removedKeys[i], removedValues[i], 'expired');
    return removedKeys.length;
  }

  /** A snapshot of the counters (expired entries are purged before counting `size`). */
  stats(): TTLCacheStats {
    return {
      hits: this.hitCount,
      misses: this.missCount,
      hitRate: hitRate(this.hitCount, this.missCount),
      size: this.size,
      evictions: this.evictionCount,
      expirations: this.expirationCount,
    };
  }

  /** Zeroes hits, misses, evictions and expirations (entries are kept). */
  resetStats(): void {
    this.hitCount = 0;
    this.missCount = 0;
    this.evictionCount = 0;
    this.expirationCount = 0;
  }

  /** Stops the periodic sweep, if any. Safe to call more than once; the cache stays usable. */
  dispose(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Alias of {@link dispose}. */
  close(): void {
    this.dispose();
  }

  /** The slot of `key`'s live entry; an expired entry found on the way is removed as `'expired'`. */
  private liveSlot(key: K): number | undefined {
    const slot = this.index.get(key);
    if (slot === undefined) return undefined;
    const expiresAt = this.expiresAt[slot];
    if (expiresAt === Infinity || this.now() < expiresAt) return slot;
    const value = this.valueList[slot] as V;
    this.remove(slot, key);
    this.expirationCount++;
    this.notify(key, value, 'expired');
    return undefined;
  }

  private purgeIfDue(): void {
    if (this.earliestExpiry !== Infinity && this.now() >= this.earliestExpiry) this.sweep();
  }

  private remove(slot: number, key: K): void {
    this.index.delete(key);
    const newer = this.next[slot];
    const older = this.prev[slot];
    this.next[older] = newer;
    this.prev[newer] = older;
    this.keyList[slot] = undefined;
    this.valueList[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
  }

  /** A never-used slot, doubling the typed arrays first if they are full. */
  private newSlot(): number {
    const slot = ++this.highestSlot;
    if (slot === this.next.length) {
      const size = this.next.length * 2;
      this.expiresAt = grow(this.expiresAt, new Float64Array(size));
      this.next = grow(this.next, new Uint32Array(size));
      this.prev = grow(this.prev, new Uint32Array(size));
      this.freeSlots = grow(this.freeSlots, new Uint32Array(size));
    }
    return slot;
  }

  private touch(slot: number): void {
    if (slot === this.prev[0]) return;
    const newer = this.next[slot];
    const older = this.prev[slot];
    this.next[older] = newer;
    this.prev[newer] = older;
    this.linkAsNewest(slot);
  }

  private linkAsNewest(slot: number): void {
    const newest = this.prev[0];
    this.next[newest] = slot;
    this.prev[slot] = newest;
    this.next[slot] = 0;
    this.prev[0] = slot;
  }

  private notify(key: K, value: V, reason: TTLEvictionReason): void {
    if (this.evictListener !== undefined) this.evictListener(key, value, reason);
  }
}
