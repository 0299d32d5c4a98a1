import { assertInRange } from '../core/validate';
import type { PolicyCacheOptions } from './policy-options';
import { QueueCache } from './queue-cache';

/** Options for {@link ClockCache}: a size bound, `onEvict`, and the width of the use counter. */
export type ClockCacheOptions<K, V> = PolicyCacheOptions<K, V> & {
  /**
   * Bits of the per-entry use counter (1–8, default 1: the classic reference bit). A hit adds 1
   * up to 2^bits − 1; each pass of the hand takes 1 away.
   */
  counterBits?: number;
};

const QUEUE = 0;

/**
 * CLOCK (second chance, FIFO-reinsertion), as libCacheSim's `Clock` with its default
 * `n-bit-counter=1`: a FIFO queue with a use counter per entry.
 *
 * - A hit adds 1 to the counter, saturating at 2^bits − 1 (1 by default: a reference bit).
 * - A new entry goes to the head with counter 0.
 * - To evict, look at the tail: while its counter is ≥ 1, decrement it and move the entry to
 *   the head (its second chance); evict the first tail entry whose counter is 0.
 * - Overwriting a key counts as a hit.
 *
 * Moving survivors to the head is what distinguishes CLOCK from SIEVE (whose hand leaves
 * them in place).
 */
export class ClockCache<K, V> extends QueueCache<K, V> {
  /** Highest counter value: 2^counterBits − 1. */
  readonly maxCount: number;

  /**
   * @throws TypeError if `options` is not an object, gives both `capacity` and
   *   `maxSize`, or `sizeOf`/`onEvict` is not a function.
   * @throws RangeError if `capacity` or `maxSize` is not a positive integer (capacity ≤ 2²³),
   *   or `counterBits` is not an integer in [1, 8].
   */
  constructor(options: ClockCacheOptions<K, V>) {
    super(options, 1);
    const bits = options.counterBits ?? 1;
    assertInRange('counterBits', bits, 1, 8);
    if (!Number.isInteger(bits)) throw new RangeError(`counterBits must be an integer in [1, 8], got ${bits}`);
    this.maxCount = 2 ** bits - 1;
  }

  /** The value for `key` (adding 1 to its use counter), or `undefined` on a miss. */
  get(key: K): V | undefined {
    const table = this.table;
    const slot = table.index.get(key);
    if (slot === undefined) {
      this.missCount++;
      this.missedKey = key;
      return undefined;
    }
    this.hitCount++;
    const count = table.counter(slot);
    if (count < this.maxCount) table.setCounter(slot, count + 1);
    return table.valueList[slot];
  }

  /** Keys from head (newest or most recently reinserted) to tail (next examined by the hand). */
  keys(): IterableIterator<K> {
    return this.table.queueKeys(QUEUE);
  }

  protected onAccess(slot: number): void {
    const count = this.table.counter(slot);
    if (count < this.maxCount) this.table.setCounter(slot, count + 1);
  }

  protected insertNew(key: K, value: V, size: number): void {
    this.table.pushHead(QUEUE, this.table.allocate(key, value, size));
  }

  protected evictOne(): void {
    const table = this.table;
    let slot = table.tail(QUEUE);
    for (let count = table.counter(slot); count >= 1; count = table.counter(slot)) {
      table.setCounter(slot, count - 1);
      table.unlink(slot);
      table.pushHead(QUEUE, slot);
      slot = table.tail(QUEUE);
    }
    table.evict(slot);
  }
}
