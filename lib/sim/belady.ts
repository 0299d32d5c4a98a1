import { assertPositiveInteger } from '../core/validate';
import { BinaryHeap } from './binary-heap';
import { SimulationResult, simulationResult } from './simulation-result';

/**
 * For each position i, the position of the next request for the same key, or `Infinity`
 * when the key is never requested again. One backwards pass: O(n).
 */
export function nextUseIndices<K>(keys: readonly K[]): number[] {
  const next = new Array<number>(keys.length);
  const seenAt = new Map<K, number>();
  for (let i = keys.length - 1; i >= 0; i -= 1) {
    next[i] = seenAt.get(keys[i]) ?? Infinity;
    seenAt.set(keys[i], i);
  }
  return next;
}

/**
 * Bélády's optimal policy (MIN): on a miss with a full cache, evict the cached key whose next
 * use lies farthest in the future. No real cache can do this (it needs the future), which is
 * exactly why it is useful: it is the upper bound on the hit ratio of every policy that,
 * like the others here, inserts each missed key.
 *
 * O(n log n): next uses are precomputed once, and cached keys sit in a max-heap by next use.
 * A hit pushes a fresh heap entry instead of updating the old one; stale entries are skipped
 * when they surface ("lazy deletion"), which keeps every step O(log n).
 *
 * @param keys - the requests, in order.
 * @param capacity - the most keys the cache may hold (integer ≥ 1).
 */
export function simulateOptimal<K>(keys: readonly K[], capacity: number): SimulationResult {
  return simulateBelady(keys, capacity, false);
}

/**
 * Bélády's policy for caches that may refuse to admit a missed key (bypass): on a miss with a
 * full cache, the new key is not stored when its own next use lies at least as far away as
 * every cached key's; otherwise the farthest cached key is evicted as in {@link simulateOptimal}.
 * This is the upper bound for caches that can refuse a miss outright (an admission filter with
 * no window, a CDN that caches on the second request), which {@link simulateOptimal} is not:
 * a cache that never stores a key requested once can beat one forced to store it, even an
 * optimal one.
 *
 * @param keys - the requests, in order.
 * @param capacity - the most keys the cache may hold (integer ≥ 1).
 */
export function simulateOptimalWithBypass<K>(keys: readonly K[], capacity: number): SimulationResult {
  return simulateBelady(keys, capacity, true);
}

/** The one replay loop behind both optima; `bypass` lets a miss whose next use is farthest go uncached. */
function simulateBelady<K>(keys: readonly K[], capacity: number, bypass: boolean): SimulationResult {
  if (!Array.isArray(keys)) throw new TypeError('keys must be an array of keys');
  assertPositiveInteger('capacity', capacity);
  const next = nextUseIndices(keys);
  // key -> its current next use; membership in this map is membership in the cache.
  const cached = new Map<K, number>();
  const heap = new BinaryHeap<{ nextUse: number; key: K }>((a, b) => b.nextUse - a.nextUse || 0);
  let hits = 0;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    if (cached.has(key)) {
      hits += 1;
    } else if (cached.size >= capacity) {
      if (bypass && next[i] >= farthestNextUse(cached, heap)) continue;
      evictFarthest(cached, heap);
    }
    cached.set(key, next[i]);
    heap.push({ nextUse: next[i], key });
  }
  return simulationResult(keys.length, hits);
}

/** The farthest next use among cached keys, dropping stale heap entries on the way. */
function farthestNextUse<K>(cached: Map<K, number>, heap: BinaryHeap<{ nextUse: number; key: K }>): number {
  for (;;) {
    const top = heap.peek();
    if (top === undefined) throw new Error('internal error: heap empty while the cache is full');
    if (cached.get(top.key) === top.nextUse) return top.nextUse;
    heap.pop();
  }
}

function evictFarthest<K>(cached: Map<K, number>, heap: BinaryHeap<{ nextUse: number; key: K }>): void {
  for (;;) {
    const top = heap.pop();
    if (top === undefined) throw new Error('internal error: heap empty while the cache is full');
    // Infinity === Infinity, so keys never used again are recognised as current too.
    if (cached.get(top.key) === top.nextUse) {
      cached.delete(top.key);
      return;
    }
  }
}
