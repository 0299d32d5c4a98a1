import type { PolicyCacheOptions } from './policy-options';
import { NO_MISS, QueueCache } from './queue-cache';

/** Options for {@link SieveCache}: `{ capacity }` or `{ maxSize, sizeOf }`, plus `onEvict`. */
export type SieveCacheOptions<K, V> = PolicyCacheOptions<K, V>;

const QUEUE = 0;

/**
 * SIEVE (Zhang et al., "SIEVE is Simpler than LRU", NSDI'24), as libCacheSim's `Sieve`:
 * one FIFO queue, one visited bit per entry, and a hand.
 *
 * - A hit sets the entry's visited bit — nothing moves, so hits are as cheap as FIFO's.
 * - A new entry goes to the head, unvisited.
 * - To evict, the hand starts where it last stopped (the tail the first time, or after it ran
 *   past the head) and walks towards the head, clearing visited bits, wrapping to the tail;
 *   the first unvisited entry is evicted, and the hand stays at the next newer entry.
 * - Overwriting a key counts as a hit (marks it visited). `delete` of the entry under the hand
 *   moves the hand to the next newer entry, as libCacheSim does.
 *
 * Unlike CLOCK, survivors are not moved to the head: new entries and old survivors are kept
 * apart, which is what lets SIEVE drop one-hit wonders quickly.
 */
export class SieveCache<K, V> extends QueueCache<K, V> {
  /** The slot the hand points at; 0 (the sentinel) means "start from the tail". */
  private hand = 0;

  /**
   * @throws TypeError if `options` is not an object, gives both `capacity` and
   *   `maxSize`, or `sizeOf`/`onEvict` is not a function.
   * @throws RangeError if `capacity` or `maxSize` is not a positive integer (capacity ≤ 2²³).
   */
  constructor(options: SieveCacheOptions<K, V>) {
    super(options, 1);
  }

  /** The value for `key` (marking it visited), or `undefined` on a miss. */
  get(key: K): V | undefined {
    const table = this.table;
    const slot = table.index.get(key);
    if (slot === undefined) {
      this.missCount++;
      this.missedKey = key;
      return undefined;
    }
    this.hitCount++;
    table.setCounter(slot, 1);
    return table.valueList[slot];
  }

  /**
   * Stores `value` under `key` (an overwrite marks the entry visited; a new key goes to the
   * head, unvisited, after one eviction if the cache is full). Returns the cache.
   * @throws TypeError if `sizeOf` returns something other than a positive integer.
   */
  override set(key: K, value: V): this {
    // Count-bounded fast path, kept in this class so the hot path stays monomorphic; sized
    // caches take the shared path.
    if (this.sizeOf !== undefined) return super.set(key, value);
    const table = this.table;
    const slot = key === this.missedKey ? undefined : table.index.get(key);
    this.missedKey = NO_MISS;
    if (slot !== undefined) {
      table.valueList[slot] = value;
      table.setCounter(slot, 1);
      return this;
    }
    if (table.count >= this.entryLimit) {
      const victim = this.victim();
      table.replace(victim, key, value);
      table.pushHead(QUEUE, victim);
    } else {
      table.pushHead(QUEUE, table.allocate(key, value, 1));
    }
    table.flushEvictions();
    return this;
  }

  /** Keys from head (newest) to tail (oldest). */
  keys(): IterableIterator<K> {
    return this.table.queueKeys(QUEUE);
  }

  /** The key under the hand, or `undefined` when the next eviction starts from the tail. */
  handKey(): K | undefined {
    return this.hand === QUEUE ? undefined : this.table.keyList[this.hand];
  }

  /** Whether `key` is stored with its visited bit set. */
  visited(key: K): boolean {
    const slot = this.table.index.get(key);
    return slot !== undefined && this.table.counter(slot) === 1;
  }

  protected onAccess(slot: number): void {
    this.table.setCounter(slot, 1);
  }

  protected insertNew(key: K, value: V, size: number): void {
    this.table.pushHead(QUEUE, this.table.allocate(key, value, size));
  }

  protected evictOne(): void {
    this.table.evict(this.victim());
  }

  /** Moves the hand to the entry to evict (clearing visited bits on the way) and returns its slot; the hand then rests on the next newer entry. */
  private victim(): number {
    const table = this.table;
    let slot = this.hand === QUEUE ? table.tail(QUEUE) : this.hand;
    while (table.counter(slot) !== 0) {
      table.setCounter(slot, 0);
      slot = table.prev(slot);
      if (slot === QUEUE) slot = table.tail(QUEUE);
    }
    this.hand = table.prev(slot);
    return slot;
  }

  protected override beforeRemove(slot: number): void {
    if (slot === this.hand) this.hand = this.table.prev(slot);
  }

  protected override afterClear(): void {
    this.hand = QUEUE;
  }
}
