import type { PolicyCacheOptions } from './policy-options';
import { NO_MISS, QueueCache } from './queue-cache';

/** Options for {@link S3FIFOCache}: `{ capacity }` or `{ maxSize, sizeOf }`, plus `onEvict`. */
export type S3FIFOCacheOptions<K, V> = PolicyCacheOptions<K, V>;

/** Share of the cache given to the small (probationary) queue: libCacheSim's `small-size-ratio`. */
export const S3FIFO_SMALL_RATIO = 0.1;
/** Size of the ghost queue relative to the cache: libCacheSim's `ghost-size-ratio`. */
export const S3FIFO_GHOST_RATIO = 0.9;
/** An entry leaves the small queue for the main one when accessed at least this often there: libCacheSim's `move-to-main-threshold`. */
export const S3FIFO_MOVE_TO_MAIN_THRESHOLD = 2;
/** The frequency counter saturates here (2 bits). */
const MAX_FREQUENCY = 3;

const SMALL = 0;
const MAIN = 1;
/** The table's ghost queue: slots whose keys are remembered, not stored. */
const GHOST = 2;
/** `revivedSlot` when no ghost is being revived (slot 0 is a sentinel, never an entry). */
const NO_SLOT = 0;

/** Where S3-FIFO keeps a key: one of its two queues, or only remembered in the ghost. */
export type S3FIFOQueue = 'small' | 'main' | 'ghost';

/**
 * S3-FIFO (Yang et al., "FIFO queues are all you need for cache eviction", SOSP'23), as
 * libCacheSim's `S3FIFO` with its default parameters: three FIFO queues.
 *
 * - **small** (10 % of the cache) takes new keys; **main** (the other 90 %) takes keys that
 *   proved themselves; **ghost** remembers the keys (not values) recently evicted from small,
 *   up to 90 % of the cache (as much as main holds).
 * - Each entry has a frequency counter, saturating at 3 (2 bits); a hit adds 1, nothing moves.
 * - A new key goes to main if the ghost remembers it (and leaves the ghost), else to small.
 *   Before the first eviction, once small is full, new keys go to main (libCacheSim's current
 *   `S3FIFO.c`, not `S3FIFOv0.c`).
 * - Eviction works on main when main is over its share or small is empty, else on small.
 *   From small's tail: an entry accessed at least `move-to-main-threshold` (2) times moves to
 *   main's head with frequency 0; otherwise it is evicted and its key goes to the ghost. From
 *   main's tail: an entry with frequency ≥ 1 is reinserted at main's head with frequency − 1
 *   (a 2-bit CLOCK); one with frequency 0 is evicted.
 * - Overwriting a key counts as a hit.
 *
 * Sizes: small holds ⌊10 % × capacity⌋ (at least 1), main the rest, ghost ⌊90 % × capacity⌋
 * keys — or the same shares of `maxSize`, with the ghost weighing keys by their sizes. With
 * `maxSize`, as in libCacheSim, a new entry at least as large as the small queue is not stored
 * unless the ghost remembers it, and one larger than the small queue is never stored. (With a
 * `capacity` below 20, libCacheSim's S3FIFO stores nothing; this cache gives small one slot.)
 *
 * The ghost is exact: a third queue of the entries' {@link SlotTable}, whose slots keep an
 * evicted key (and its size) but no value. Why not a separate set of keys: S3-FIFO's misses
 * are what make it costlier than LRU, and this way they cost no more index operations than
 * LRU's. Evicting an entry to the ghost relinks its slot and leaves its index entry as it is; a
 * miss learns whether the key is a ghost from the lookup it makes anyway (and the `set` that
 * follows a missed `get` reuses that answer); a revived ghost is stored in its own slot again.
 * Only forgetting the oldest ghost touches the index.
 */
export class S3FIFOCache<K, V> extends QueueCache<K, V> {
  /** Most the small queue holds (entries, or size units with `maxSize`). */
  readonly smallLimit: number;
  /** Most the main queue is meant to hold (it may exceed it briefly while small drains into it). */
  readonly mainLimit: number;
  /** Most the ghost remembers (keys, or size units with `maxSize`). */
  readonly ghostLimit: number;
  private smallSize = 0;
  /** Number of keys the ghost remembers. */
  private ghostCount = 0;
  /** Sum of the ghost keys' sizes. */
  private ghostSize = 0;
  private hasEvicted = false;
  /** The ghost slot of the key being inserted, taken out of the ghost to be stored again; or `NO_SLOT`. */
  private revivedSlot = NO_SLOT;
  /** What the index held for `missedKey` when its `get` missed: `undefined`, or its ghost slot. */
  private missedValue: number | undefined = undefined;

  /**
   * @throws TypeError if `options` is not an object, gives both `capacity` and `maxSize`, or
   *   `sizeOf`/`onEvict` is not a function.
   * @throws RangeError if `capacity` or `maxSize` is not a positive integer (capacity ≤ 2²³).
   */
  constructor(options: S3FIFOCacheOptions<K, V>) {
    super(options, 3, S3FIFO_GHOST_RATIO);
    this.smallLimit = Math.max(1, Math.floor(this.maxSize * S3FIFO_SMALL_RATIO));
    this.mainLimit = this.maxSize - this.smallLimit;
    this.ghostLimit = Math.floor(this.maxSize * S3FIFO_GHOST_RATIO);
  }

  /** The value for `key` (adding 1 to its frequency, up to 3), or `undefined` on a miss. */
  get(key: K): V | undefined {
    const table = this.table;
    const slot = table.index.get(key);
    if (slot === undefined || table.queueOf(slot) === GHOST) {
      this.missCount++;
      this.missedKey = key;
      this.missedValue = slot;
      return undefined;
    }
    this.hitCount++;
    const frequency = table.counter(slot);
    if (frequency < MAX_FREQUENCY) table.setCounter(slot, frequency + 1);
    return table.valueList[slot];
  }

  /**
   * Stores `value` under `key`: an overwrite counts as a hit; a new key goes to main if the
   * ghost remembers it, else to small, after evictions as the class notes describe. Returns the cache.
   * @throws TypeError if `sizeOf` returns something other than a positive integer.
   */
  override set(key: K, value: V): this {
    // Count-bounded fast path, kept in this class so the hot path stays monomorphic; sized
    // caches take the shared path.
    if (this.sizeOf !== undefined) return super.set(key, value);
    const table = this.table;
    const found = key === this.missedKey ? this.missedValue : table.index.get(key);
    this.missedKey = NO_MISS;
    if (found !== undefined) {
      if (table.queueOf(found) !== GHOST) {
        table.valueList[found] = value;
        this.onAccess(found);
        return this;
      }
      // A ghost key leaves the ghost before the evictions (which may forget old ghosts), as in
      // libCacheSim; its slot waits, unlinked, to be stored again.
      this.leaveGhost(found);
      this.revivedSlot = found;
    }
    while (table.count >= this.entryLimit) this.evictOne();
    this.insertNew(key, value, 1);
    table.flushEvictions();
    return this;
  }

  /** Keys of the small queue from head (newest) to tail, then of the main queue from head to tail. */
  *keys(): IterableIterator<K> {
    yield* this.table.queueKeys(SMALL);
    yield* this.table.queueKeys(MAIN);
  }

  /** Keys the ghost remembers, newest first. */
  ghostKeys(): IterableIterator<K> {
    return this.table.queueKeys(GHOST);
  }

  /** Which queue holds `key` (`'ghost'` if only remembered), or `undefined`. */
  queueOf(key: K): S3FIFOQueue | undefined {
    const slot = this.table.index.get(key);
    if (slot === undefined) return undefined;
    const queue = this.table.queueOf(slot);
    return queue === GHOST ? 'ghost' : queue === SMALL ? 'small' : 'main';
  }

  /** The frequency counter of `key` (0–3), or 0 if absent. */
  frequency(key: K): number {
    const slot = this.table.slotOf(key);
    return slot === undefined ? 0 : this.table.counter(slot);
  }

  protected onAccess(slot: number): void {
    const frequency = this.table.counter(slot);
    if (frequency < MAX_FREQUENCY) this.table.setCounter(slot, frequency + 1);
  }

  protected override admits(key: K, size: number): boolean {
    const slot = this.ghostCount > 0 ? this.table.index.get(key) : undefined;
    if (slot !== undefined && this.table.queueOf(slot) === GHOST) {
      // As libCacheSim: a ghost hit leaves the ghost at once, whether or not the entry is stored.
      this.leaveGhost(slot);
      if (this.sizeOf !== undefined && (size > this.smallLimit || size > this.maxSize)) {
        this.table.forget(slot);
        return false;
      }
      this.revivedSlot = slot;
      return true;
    }
    return this.sizeOf === undefined || size <= this.smallLimit;
  }

  protected insertNew(key: K, value: V, size: number): void {
    const table = this.table;
    const revived = this.revivedSlot;
    if (revived !== NO_SLOT) {
      this.revivedSlot = NO_SLOT;
      table.revive(revived, key, value, size);
      table.pushHead(MAIN, revived);
      return;
    }
    // With sizes, libCacheSim makes room and then refuses an entry as large as the small queue.
    if (this.sizeOf !== undefined && size >= this.smallLimit) return;
    const slot = table.allocate(key, value, size);
    if (!this.hasEvicted && this.smallSize >= this.smallLimit) {
      table.pushHead(MAIN, slot);
    } else {
      table.pushHead(SMALL, slot);
      this.smallSize += size;
    }
  }

  protected evictOne(): void {
    this.hasEvicted = true;
    const mainSize = this.table.totalSize - this.smallSize;
    if (mainSize > this.mainLimit || this.smallSize === 0) this.evictMain();
    else this.evictSmall();
  }

  protected override resized(slot: number, growth: number): void {
    if (this.table.queueOf(slot) === SMALL) this.smallSize += growth;
  }

  protected override beforeRemove(slot: number): void {
    if (this.table.queueOf(slot) === SMALL) this.smallSize -= this.table.size(slot);
  }

  protected override afterClear(): void {
    this.smallSize = 0;
    this.ghostCount = 0;
    this.ghostSize = 0;
    this.hasEvicted = false;
    this.revivedSlot = NO_SLOT;
  }

  /** Drains small's tail until one entry is evicted (to the ghost) or small is empty. */
  private evictSmall(): void {
    const table = this.table;
    while (this.smallSize > 0) {
      const slot = table.tail(SMALL);
      const size = table.size(slot);
      this.smallSize -= size;
      if (table.counter(slot) >= S3FIFO_MOVE_TO_MAIN_THRESHOLD) {
        table.unlink(slot);
        table.pushHead(MAIN, slot);
        table.setCounter(slot, 0);
      } else {
        this.evictToGhost(slot, size);
        return;
      }
    }
  }

  /** Reinserts main's tail while it has frequency left (one less each time); evicts the first without. */
  private evictMain(): void {
    const table = this.table;
    for (;;) {
      const slot = table.tail(MAIN);
      const frequency = table.counter(slot);
      if (frequency === 0) {
        table.evict(slot);
        return;
      }
      table.unlink(slot);
      table.pushHead(MAIN, slot);
      table.setCounter(slot, frequency - 1);
    }
  }

  /** Evicts `slot` from small, keeping its key at the ghost's head (forgetting the oldest ghosts until it fits). */
  private evictToGhost(slot: number, size: number): void {
    const table = this.table;
    if (size <= this.ghostLimit) {
      while (this.ghostSize + size > this.ghostLimit || this.ghostCount >= table.ghostSlots) this.forgetOldestGhost();
      table.evictToGhost(slot);
      this.ghostCount++;
      this.ghostSize += size;
    } else {
      table.evict(slot);
    }
  }

  /** Forgets the ghost's oldest key (the ghost must not be empty). */
  private forgetOldestGhost(): void {
    const slot = this.table.tail(GHOST);
    this.leaveGhost(slot);
    this.table.forget(slot);
  }

  /** Unlinks a ghost slot from the ghost queue; the caller forgets or revives it. */
  private leaveGhost(slot: number): void {
    this.table.unlink(slot);
    this.ghostCount--;
    this.ghostSize -= this.table.size(slot);
  }
}
