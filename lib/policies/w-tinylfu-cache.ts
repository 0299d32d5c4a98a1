import { hitRate, type CacheStats } from '../core/stats';
import { assertInRange, assertNonNegativeInteger, assertPositiveInteger } from '../core/validate';
import { checkPolicyOptions, MAX_CACHE_ENTRIES, measureEntry, PolicyCacheOptions } from './policy-options';
import { INITIAL_SLOTS, grownLength, growFloat64 } from './grow';
import { NO_MISS } from './queue-cache';
import { KeyIndex } from './key-index';
import { RECORDED_CAPPED, RECORDED_SEEN, RECORDED_UNKNOWN, TinyLfu } from './tiny-lfu';

/**
 * Keys the frequency sketch is sized for up front (Caffeine sizes it when the cache is half
 * full): a cache with a huge capacity costs little until it fills, and one of up to 65,536
 * entries gets its full-size sketch from the start.
 */
const INITIAL_SKETCH_KEYS = 1 << 16;

/** Segment numbers, which are also the slots of the segments' list sentinels. */
const WINDOW = 0;
const PROBATION = 1;
const PROTECTED = 2;
/** Slots 0–2 are the sentinels; entries use slots 3 and up. */
const SENTINELS = 3;
/**
 * The most entries the slot arrays are sized for: V8's `Map` holds at most 2²⁴ entries, so a
 * size-bounded cache (whose `maxSize` may be larger) can never index more.
 */
const MAP_LIMIT = 2 ** 24;

/**
 * The words of a slot in `slots`: four 32-bit words per slot, so that what a hit reads and
 * writes about one entry shares a cache line (separate arrays cost a line each).
 */
const NEXT = 0;
const PREV = 1;
const HASH = 2;
const META = 3;
/** A slot's first word is `slot << SHIFT`. */
const SHIFT = 2;
/** `META`: the segment in the low two bits, above them the seen/capped stamp (see `record`). */
const SEGMENT_BITS = 3;
const STAMP_SHIFT = 2;
/** Stamps (`generation × 2 + 1` at most) restart, all cleared, at this generation, so that they fit in 30 bits. */
const MAX_GENERATION = 2 ** 29;

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
 * - Frequencies: a count-min sketch of 4-bit counters behind a doorkeeper Bloom filter, both
 *   blocked (a key's counters, and its bits, in one cache line), halved (and the doorkeeper
 *   cleared) every `10 × capacity` recorded accesses.
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
 * Layout (`LRUCache`'s, with three lists): each entry lives in a numbered slot; keys and values
 * sit in two plain arrays, and one `Int32Array` holds four words per slot — the links of a
 * circular doubly linked list (slots 0, 1 and 2 are the window's, probation's and protected's
 * sentinels, so linking needs no branches for "first" or "last"), the entry's sketch hash
 * (computed once per entry), and its segment — so that what a hit reads and writes about an
 * entry shares one cache line. Sizes (with `sizeOf`) sit in a `Float64Array`. A {@link KeyIndex}
 * finds a key's slot. The arrays grow geometrically as entries arrive; once full, nothing is
 * allocated per operation (without `onEvict`): an evicted entry's slot goes on a free stack, and
 * the next new entry takes it (a miss in a full count-bounded cache, the common case, hands the
 * duel loser's slot straight to the new key). Hits skip what the filter would read for nothing: an entry
 * recorded in the current sample period has its doorkeeper bits set, so its hits go straight to
 * the sketch; once the filter reports a key's counts capped, its hits only count as samples
 * (the counts are the same, bit for bit).
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
  private readonly index = new KeyIndex<K>();
  private keyList: (K | undefined)[] = [];
  private valueList: (V | undefined)[] = [];
  /**
   * Four words per slot (see `NEXT` … `META`): the next older and the next more recent slot of
   * its segment, the entry's sketch hash (computed once per entry, so hits and duels never
   * rehash the key; stored as a signed word, which is fine: the filter only uses its bits), and
   * its segment with its seen/capped stamp. A sentinel's `NEXT` is its
   * segment's head (most recent entry), its `PREV` the tail (least recent).
   */
  private slots: Int32Array;
  /** Each entry's size; empty for a count-bounded cache, where every entry weighs 1. */
  private sizes: Float64Array;
  /** Total size held by each segment, indexed by segment. */
  private readonly segmentWeight = new Float64Array(3);
  /** Total size held by the cache (the sum of `segmentWeight`). */
  private weight = 0;
  /** Most slots (sentinels included) the arrays may need: one entry over budget, while a `set` settles. */
  private readonly slotLimit: number;
  private freeSlots: number[] = [];
  /** Highest slot handed out so far; slots above it have never been used. */
  private highestSlot = SENTINELS - 1;
  /** Replaced by a wider one as the cache grows past what it was sized for (see `grow`). */
  private filter: TinyLfu;
  /** The filter's epoch that `generation` stands for. */
  private filterEpoch = 0;
  /** Stamps entries seen or found capped in the current filter epoch (see `record`); starts at 1, 0 stamps nothing. */
  private generation = 1;
  /** The stamp of an entry found capped in the current generation: `generation × 2 + 1`. */
  private cappedStamp = 3;
  private readonly maxSketchKeys: number;
  private readonly sampleFactor: number;
  private readonly seed: number;
  private readonly doorkeeper: boolean;
  /** Evictions of the current `set`, reported once it is done (see `reportEvictions`). */
  private evictedKeys: K[] = [];
  private evictedValues: V[] = [];
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
    // A new entry is linked before the duels that follow evict anything: one over the budget.
    this.slotLimit = Math.min(this.limit + 1, MAP_LIMIT) + SENTINELS;
    const length = Math.min(INITIAL_SLOTS + SENTINELS, this.slotLimit);
    this.slots = new Int32Array(length << SHIFT);
    this.sizes = new Float64Array(this.sizeOf === undefined ? 0 : length);
    this.resetSentinels();
  }

  /** Number of entries stored. */
  get size(): number {
    return this.index.size;
  }

  /** Total size of the entries stored: their count, or the sum of `sizeOf` with `maxSize`. */
  get totalSize(): number {
    return this.weight;
  }

  /** The value for `key` (an access: recorded in the sketch, recency updated), or `undefined`. */
  get(key: K): V | undefined {
    const slot = this.index.get(key);
    if (slot === undefined) {
      this.missCount += 1;
      this.missedKey = key;
      return undefined;
    }
    this.hitCount += 1;
    // `record`, written out: a `record` that V8 also optimizes on its own, with `recordCounts`
    // inlined, becomes too big to inline here, and a hit then pays a call even for capped keys.
    if (this.isCapped(slot)) this.filter.recordCapped();
    else this.recordCounts(slot);
    this.touch(slot);
    return this.valueList[slot];
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
    const slot = key === this.missedKey ? undefined : this.index.get(key);
    this.missedKey = NO_MISS;
    if (slot !== undefined) this.update(slot, value, weight);
    else if (weight <= this.limit) this.insert(key, value, weight);
    return this;
  }

  /** `set` of a stored key: an access, with the new value (and size). */
  private update(slot: number, value: V, weight: number): void {
    if (weight > this.limit) {
      this.remove(slot);
      return;
    }
    this.record(slot);
    this.valueList[slot] = value;
    if (this.sizeOf !== undefined) {
      const change = weight - this.sizes[slot];
      this.segmentWeight[this.slots[(slot << SHIFT) + META] & SEGMENT_BITS] += change;
      this.weight += change;
      this.sizes[slot] = weight;
    }
    this.touch(slot);
    this.settle();
    this.reportEvictions();
  }

  /** `set` of a new key that fits the budget. */
  private insert(key: K, value: V, weight: number): void {
    // The cheap test first: once the sketch has its full size, the count is not needed.
    if (this.filter.expectedKeys < this.maxSketchKeys && this.index.size >= this.filter.expectedKeys) this.grow();
    if (this.sizeOf === undefined && this.weight >= this.limit && this.segmentWeight[WINDOW] >= this.windowSize) {
      this.replaceDuelLoser(key, value);
      return;
    }
    const slot = this.freshSlot();
    this.keyList[slot] = key;
    this.valueList[slot] = value;
    if (this.sizeOf !== undefined) this.sizes[slot] = weight;
    this.slots[(slot << SHIFT) + HASH] = this.filter.hashOf(key);
    this.slots[(slot << SHIFT) + META] = WINDOW;
    this.record(slot);
    this.index.set(key, slot);
    this.linkHead(WINDOW, slot);
    this.segmentWeight[WINDOW] += weight;
    this.weight += weight;
    this.settle();
    this.reportEvictions();
  }

  /**
   * `insert` for a full count-bounded cache with a full window, the common miss: exactly what
   * linking the key at the window's head and then `settle` would do (record the key, one duel
   * between the window's tail and probation's tail, one eviction), with the loser's slot
   * taken over by the new key in place of a trip through the free stack.
   */
  private replaceDuelLoser(key: K, value: V): void {
    const filter = this.filter;
    if (filter.epoch !== this.filterEpoch) this.nextGeneration();
    const hash = filter.hashOf(key);
    const capped = filter.recordHash(hash);
    // The stamp `record` would give the key. If this access ended the epoch, `admits` starts a
    // new generation first, and the stamp no longer matches.
    const stamp = (this.generation << 1) + (capped ? 1 : 0);
    const candidate = this.tail(WINDOW);
    const victim = this.tail(PROBATION);
    let loser = candidate;
    if (victim !== PROBATION && this.admits(candidate, victim)) {
      loser = victim;
      // Probation trades the victim for the candidate, the window the candidate for the new
      // key: no segment's weight changes.
      this.move(candidate, WINDOW, PROBATION);
      this.segmentWeight[PROBATION] -= 1;
      this.segmentWeight[WINDOW] += 1;
    }
    const evictedKey = this.keyList[loser] as K;
    const evictedValue = this.valueList[loser] as V;
    this.evictionCount += 1;
    this.unlink(loser);
    this.index.delete(evictedKey);
    this.keyList[loser] = key;
    this.valueList[loser] = value;
    this.slots[(loser << SHIFT) + HASH] = hash;
    this.slots[(loser << SHIFT) + META] = WINDOW | (stamp << STAMP_SHIFT);
    this.index.set(key, loser);
    this.linkHead(WINDOW, loser);
    if (this.evictListener !== undefined) this.evictListener(evictedKey, evictedValue);
  }

  /** Whether `key` is stored; changes nothing. */
  has(key: K): boolean {
    return this.index.has(key);
  }

  /** The value for `key` without recording an access, or `undefined`. */
  peek(key: K): V | undefined {
    const slot = this.index.get(key);
    return slot === undefined ? undefined : this.valueList[slot];
  }

  /** Removes `key`; returns whether it was stored. Does not call `onEvict`. */
  delete(key: K): boolean {
    const slot = this.index.get(key);
    if (slot === undefined) return false;
    this.missedKey = NO_MISS;
    this.remove(slot);
    return true;
  }

  /** Removes every entry and forgets all frequencies (no `onEvict`); stats are kept. */
  clear(): void {
    this.missedKey = NO_MISS;
    this.index.clear();
    // Back to the initial arrays: a cache that was large does not keep its memory.
    const length = Math.min(INITIAL_SLOTS + SENTINELS, this.slotLimit);
    this.keyList = [];
    this.valueList = [];
    this.slots = new Int32Array(length << SHIFT);
    this.sizes = new Float64Array(this.sizeOf === undefined ? 0 : length);
    this.segmentWeight.fill(0);
    this.weight = 0;
    this.freeSlots = [];
    this.highestSlot = SENTINELS - 1;
    this.resetSentinels();
    this.filter.clear();
  }

  /** Keys stored: window, then probation, then protected, each from most to least recent. */
  *keys(): IterableIterator<K> {
    for (let segment = WINDOW; segment <= PROTECTED; segment += 1) {
      // Any sentinel ends the walk: an entry moved to another segment while the caller held it
      // leads into that segment's list, which must not be walked round and round.
      for (let slot = this.next(segment); slot >= SENTINELS; slot = this.next(slot)) yield this.keyList[slot] as K;
    }
  }

  /** `[key, value]` pairs in the order of {@link keys}. */
  *entries(): IterableIterator<[K, V]> {
    for (let segment = WINDOW; segment <= PROTECTED; segment += 1) {
      for (let slot = this.next(segment); slot >= SENTINELS; slot = this.next(slot)) yield [this.keyList[slot] as K, this.valueList[slot] as V];
    }
  }

  /** The three segments, most recent first (for teaching and tests). O(n). */
  segments(): WTinyLFUSegments<K> {
    return { window: this.segmentKeys(WINDOW), probation: this.segmentKeys(PROBATION), protected: this.segmentKeys(PROTECTED) };
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
    // Stamps taken with the old filter say nothing about the new one's counts.
    this.nextGeneration();
  }

  /**
   * Records an access to the entry in `slot` in the sketch. Each entry's `META` stamp says what
   * the current generation (filter epoch) already knows about it, so that most hits skip memory
   * the filter would read for nothing — the same counts, bit for bit:
   * - *seen* (`generation × 2`): recorded in this epoch, so its doorkeeper bits are set and stay
   *   set until the epoch ends; its accesses go straight to the sketch (`TinyLfu.recordHashAgain`),
   *   one cache line instead of two;
   * - *capped* (`generation × 2 + 1`): the filter reported its counts capped (see
   *   `TinyLfu.recordHash`), so its accesses only count as samples, which spares the hottest keys
   *   the sketch's reads too.
   */
  private record(slot: number): void {
    if (this.isCapped(slot)) this.filter.recordCapped();
    else this.recordCounts(slot);
  }

  /** Whether the entry in `slot` is stamped capped in the current filter epoch. */
  private isCapped(slot: number): boolean {
    return this.slots[(slot << SHIFT) + META] >>> STAMP_SHIFT === this.cappedStamp && this.filter.epoch === this.filterEpoch;
  }

  /** `record` for an entry not known capped in the current filter epoch. */
  private recordCounts(slot: number): void {
    if (this.filter.epoch !== this.filterEpoch) this.nextGeneration();
    const at = (slot << SHIFT) + META;
    const meta = this.slots[at];
    const seen = this.generation << 1;
    const stamp = meta >>> STAMP_SHIFT;
    const hash = this.slots[at - META + HASH];
    const capped = stamp === seen ? this.filter.recordHashAgain(hash) : this.filter.recordHash(hash);
    // Stamped even when this access ended the epoch: the next `record` then starts a new
    // generation first, and the stamp no longer matches.
    if (capped || stamp !== seen) this.slots[at] = (meta & SEGMENT_BITS) | ((seen + (capped ? 1 : 0)) << STAMP_SHIFT);
  }

  /** Lapses every stamp: the filter aged, was cleared or was replaced. */
  private nextGeneration(): void {
    this.filterEpoch = this.filter.epoch;
    this.generation += 1;
    if (this.generation === MAX_GENERATION) {
      // Once in 2²⁹ epochs: clear the old stamps rather than let one match again.
      this.generation = 1;
      const slots = this.slots;
      for (let at = META; at < slots.length; at += 1 << SHIFT) slots[at] &= SEGMENT_BITS;
    }
    this.cappedStamp = (this.generation << 1) + 1;
  }

  /** Recency on access: window and protected reorder; a probation hit earns protection. */
  private touch(slot: number): void {
    const segment = this.slots[(slot << SHIFT) + META] & SEGMENT_BITS;
    if (segment === PROBATION) {
      this.protect(slot);
    } else if (this.next(segment) !== slot) {
      this.unlink(slot);
      this.linkHead(segment, slot);
    }
  }

  /** A probation hit: the entry moves to protected, whose overflow goes back to probation. */
  private protect(slot: number): void {
    this.move(slot, PROBATION, PROTECTED);
    // Protected overflow goes back to probation, where it must win duels again.
    while (this.segmentWeight[PROTECTED] > this.protectedSize && this.tail(PROTECTED) !== PROTECTED) {
      this.move(this.tail(PROTECTED), PROTECTED, PROBATION);
    }
  }

  /** Moves window overflow to probation, each candidate dueling while the cache is over budget. */
  private settle(): void {
    while (this.segmentWeight[WINDOW] > this.windowSize && this.tail(WINDOW) !== WINDOW) {
      const candidate = this.tail(WINDOW);
      // The candidate joins probation's head and duels probation's tail while the cache is over
      // budget. Most candidates lose their first duel: those are evicted straight from the window
      // (the same outcome, without linking them into probation only to unlink them again).
      if (this.weight > this.limit) {
        const victim = this.tail(PROBATION);
        if (victim === PROBATION || !this.admits(candidate, victim)) {
          this.evict(candidate);
          continue;
        }
        this.evict(victim);
      }
      this.move(candidate, WINDOW, PROBATION);
      while (this.weight > this.limit) {
        const victim = this.tail(PROBATION);
        if (victim !== candidate && this.admits(candidate, victim)) {
          this.evict(victim);
        } else {
          this.evict(candidate);
          break;
        }
      }
    }
    // Over budget with the window within its share (a resized value): evict from the LRU ends.
    while (this.weight > this.limit) {
      let slot = this.tail(PROBATION);
      if (slot === PROBATION) slot = this.tail(PROTECTED);
      if (slot === PROTECTED) slot = this.tail(WINDOW);
      this.evict(slot);
    }
  }

  /** The admission duel: whether the entry in `candidate` is more popular than that in `victim`. */
  private admits(candidate: number, victim: number): boolean {
    const filter = this.filter;
    // The stamps tell the filter what it need not read (see `record`), if they are current.
    if (filter.epoch !== this.filterEpoch) this.nextGeneration();
    const slots = this.slots;
    return filter.admitHashKnowing(
      slots[(candidate << SHIFT) + HASH],
      this.recorded(candidate),
      slots[(victim << SHIFT) + HASH],
      this.recorded(victim),
    );
  }

  /** What `slot`'s stamp says of its entry in the current generation, as a `RECORDED_*` value. */
  private recorded(slot: number): number {
    const stamp = this.slots[(slot << SHIFT) + META] >>> STAMP_SHIFT;
    const seen = this.generation << 1;
    return stamp === seen ? RECORDED_SEEN : stamp === seen + 1 ? RECORDED_CAPPED : RECORDED_UNKNOWN;
  }

  private evict(slot: number): void {
    this.evictionCount += 1;
    if (this.evictListener !== undefined) {
      this.evictedKeys.push(this.keyList[slot] as K);
      this.evictedValues.push(this.valueList[slot] as V);
    }
    this.remove(slot);
  }

  /** Unlinks an entry, drops it from the index and frees its slot. */
  private remove(slot: number): void {
    const segment = this.slots[(slot << SHIFT) + META] & SEGMENT_BITS;
    const weight = this.weightOf(slot);
    this.unlink(slot);
    // A `keys()` walk standing on this entry ends its segment there, as it did when entries were
    // list nodes (unlinking cleared their links), rather than follow a link that is now stale.
    this.slots[(slot << SHIFT) + NEXT] = segment;
    this.segmentWeight[segment] -= weight;
    this.weight -= weight;
    this.index.delete(this.keyList[slot] as K);
    // Drop the references, so the entry can be garbage collected while its slot waits.
    this.keyList[slot] = undefined;
    this.valueList[slot] = undefined;
    this.freeSlots.push(slot);
  }

  /** Calls `onEvict` last, so a listener that reads or writes the cache sees a consistent state. */
  private reportEvictions(): void {
    if (this.evictedKeys.length === 0) return;
    const listener = this.evictListener as (key: K, value: V) => void;
    // Taken out first: a listener's own `set` collects and reports its evictions separately.
    const keys = this.evictedKeys;
    const values = this.evictedValues;
    this.evictedKeys = [];
    this.evictedValues = [];
    for (let i = 0; i < keys.length; i += 1) listener(keys[i], values[i]);
  }

  private weightOf(slot: number): number {
    return this.sizeOf === undefined ? 1 : this.sizes[slot];
  }

  /** Moves an entry from the segment `from` to the head of `to`. */
  private move(slot: number, from: number, to: number): void {
    const weight = this.weightOf(slot);
    this.unlink(slot);
    this.linkHead(to, slot);
    const at = (slot << SHIFT) + META;
    this.slots[at] = (this.slots[at] & ~SEGMENT_BITS) | to;
    this.segmentWeight[from] -= weight;
    this.segmentWeight[to] += weight;
  }

  /** The slot after `slot` towards its segment's tail; for a sentinel, the segment's head. */
  private next(slot: number): number {
    return this.slots[(slot << SHIFT) + NEXT];
  }

  /** The least recent slot of `segment`, or the sentinel `segment` itself when it is empty. */
  private tail(segment: number): number {
    return this.slots[(segment << SHIFT) + PREV];
  }

  private unlink(slot: number): void {
    const slots = this.slots;
    const older = slots[(slot << SHIFT) + NEXT];
    const newer = slots[(slot << SHIFT) + PREV];
    slots[(newer << SHIFT) + NEXT] = older;
    slots[(older << SHIFT) + PREV] = newer;
  }

  /** Links `slot` at the head (most recent end) of `segment`'s list. */
  private linkHead(segment: number, slot: number): void {
    const slots = this.slots;
    const head = slots[(segment << SHIFT) + NEXT];
    slots[(slot << SHIFT) + NEXT] = head;
    slots[(slot << SHIFT) + PREV] = segment;
    slots[(head << SHIFT) + PREV] = slot;
    slots[(segment << SHIFT) + NEXT] = slot;
  }

  /** A slot for a new entry: a freed one, or the next never-used one (growing the arrays). */
  private freshSlot(): number {
    if (this.freeSlots.length > 0) return this.freeSlots.pop() as number;
    const slot = ++this.highestSlot;
    if (slot << SHIFT >= this.slots.length) {
      const length = grownLength(this.slots.length >> SHIFT, slot, this.slotLimit - 1);
      const grown = new Int32Array(length << SHIFT);
      grown.set(this.slots);
      this.slots = grown;
      if (this.sizeOf !== undefined) this.sizes = growFloat64(this.sizes, length);
    }
    // Filled by the caller; pushed in order so the arrays stay packed.
    this.keyList.push(undefined);
    this.valueList.push(undefined);
    return slot;
  }

  /** Empty segments: each sentinel linked to itself, with no key or value. */
  private resetSentinels(): void {
    for (let segment = WINDOW; segment <= PROTECTED; segment += 1) {
      this.slots[(segment << SHIFT) + NEXT] = segment;
      this.slots[(segment << SHIFT) + PREV] = segment;
      this.keyList.push(undefined);
      this.valueList.push(undefined);
    }
  }

  private segmentKeys(segment: number): K[] {
    const keys: K[] = [];
    for (let slot = this.next(segment); slot >= SENTINELS; slot = this.next(slot)) keys.push(this.keyList[slot] as K);
    return keys;
  }
}
