import type { PolicyCacheOptions } from './policy-options';
import { QueueCache } from './queue-cache';

/** Options for {@link FIFOCache}: `{ capacity }` or `{ maxSize, sizeOf }`, plus `onEvict`. */
export type FIFOCacheOptions<K, V> = PolicyCacheOptions<K, V>;

const QUEUE = 0;

/**
 * First in, first out: entries leave in the order they arrived, whatever happened to them in
 * between. A hit changes nothing (no list work, no write), which makes FIFO the cheapest policy
 * and the baseline the FIFO-based policies (CLOCK, SIEVE, S3-FIFO) improve on. libCacheSim's
 * `FIFO`. Overwriting a key keeps its place in the queue.
 *
 * @example
 * const cache = new FIFOCache<string, number>({ capacity: 2 });
 * cache.set('a', 1).set('b', 2);
 * cache.get('a');     // 1 — but 'a' stays the oldest
 * cache.set('c', 3);  // evicts 'a'
 * [...cache.keys()];  // ['c', 'b']
 */
export class FIFOCache<K, V> extends QueueCache<K, V> {
  /**
   * @throws TypeError if `options` is not an object, gives both `capacity` and
   *   `maxSize`, or `sizeOf`/`onEvict` is not a function.
   * @throws RangeError if `capacity` or `maxSize` is not a positive integer (capacity ≤ 2²³).
   */
  constructor(options: FIFOCacheOptions<K, V>) {
    super(options, 1);
  }

  /** The value for `key`, or `undefined` on a miss. Does not reorder anything. */
  get(key: K): V | undefined {
    const table = this.table;
    const slot = table.index.get(key);
    if (slot === undefined) {
      this.missCount++;
      this.missedKey = key;
      return undefined;
    }
    this.hitCount++;
    return table.valueList[slot];
  }

  /** Keys from newest to oldest (the next to be evicted comes last). */
  keys(): IterableIterator<K> {
    return this.table.queueKeys(QUEUE);
  }

  protected onAccess(): void {}

  protected insertNew(key: K, value: V, size: number): void {
    this.table.pushHead(QUEUE, this.table.allocate(key, value, size));
  }

  protected evictOne(): void {
    this.table.evict(this.table.tail(QUEUE));
  }
}
