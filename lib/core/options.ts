import { assertFunction, assertPositiveInteger, describe } from './validate';

/**
 * Throws `TypeError` unless `value` is a plain options object (not `null`, not an array), so
 * `new LRUCache(100)` fails with a message pointing at the real mistake.
 */
export function assertOptionsObject(name: string, value: unknown): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an options object, got ${describe(value)}`);
  }
}

/** Options of the fixed-capacity caches ({@link LRUCache}, {@link LFUCache}). */
export interface BoundedCacheOptions<K, V> {
  /** Maximum number of entries (a positive integer). Storage for this many is allocated up front. */
  capacity: number;
  /**
   * Called after a `set` pushed an entry out to make room. Not called by `delete`, `clear` or
   * when `set` overwrites an existing key: those are the caller's own doing, eviction is the cache's.
   */
  onEvict?: (key: K, value: V) => void;
}

/**
 * Validates {@link BoundedCacheOptions}: `capacity` a positive integer up to `maxCapacity` (what
 * the cache's typed-array links can address), `onEvict` a function when given.
 */
export function checkBoundedOptions<K, V>(options: BoundedCacheOptions<K, V>, maxCapacity: number): BoundedCacheOptions<K, V> {
  assertOptionsObject('options', options);
  const { capacity, onEvict } = options;
  assertPositiveInteger('capacity', capacity);
  if (capacity > maxCapacity) throw new RangeError(`capacity must be at most ${maxCapacity}, got ${capacity}`);
  if (onEvict !== undefined) assertFunction('onEvict', onEvict);
  return options;
}
