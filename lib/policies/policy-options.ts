import { assertOptionsObject } from '../core/options';
import { assertFunction, assertPositiveInteger, describe } from '../core/validate';

/**
 * How every bounded cache in the library is sized: by a count of entries (`capacity`) or by a
 * total size (`maxSize`, each entry weighed by `sizeOf`, as npm `lru-cache`'s
 * `maxSize`/`sizeCalculation`). One of the two, never both.
 */

/** Largest count or size limit: V8's `Map` holds at most 2²⁴ entries, and links are `Uint32Array`s. */
export const MAX_CACHE_ENTRIES = 2 ** 24;

/** A cache bounded by its number of entries. */
export interface CountLimitOptions<K, V> {
  /** Maximum number of entries (a positive integer, at most {@link MAX_CACHE_ENTRIES}). Storage grows as entries arrive. */
  capacity: number;
  maxSize?: undefined;
  sizeOf?: undefined;
  /**
   * Called after a `set` pushed an entry out to make room. Not called by `delete`, `clear` or
   * when `set` overwrites an existing key: those are the caller's own doing, eviction is the cache's.
   */
  onEvict?: (key: K, value: V) => void;
}

/** A cache bounded by the total size of its entries (bytes, or any unit `sizeOf` returns). */
export interface SizeLimitOptions<K, V> {
  /** Maximum total size (a positive integer). */
  maxSize: number;
  /**
   * The size of one entry: a positive integer, called once per `set`. An entry larger than
   * `maxSize` is not stored (and an older value under its key is removed), as in `lru-cache`.
   */
  sizeOf: (value: V, key: K) => number;
  capacity?: undefined;
  /** As in {@link CountLimitOptions.onEvict}. */
  onEvict?: (key: K, value: V) => void;
}

/** Options of every bounded policy cache: `{ capacity }` or `{ maxSize, sizeOf }`, plus `onEvict`. */
export type PolicyCacheOptions<K, V> = CountLimitOptions<K, V> | SizeLimitOptions<K, V>;

/** Validated {@link PolicyCacheOptions}, in the one shape the caches work with. */
export interface CheckedPolicyOptions<K, V> {
  /** Maximum number of entries; `Infinity` for a size-limited cache. */
  readonly capacity: number;
  /** Maximum total size; equal to `capacity` for a count-limited cache (every entry weighs 1). */
  readonly maxSize: number;
  /** The entry weigher, or `undefined` when every entry weighs 1. */
  readonly sizeOf: ((value: V, key: K) => number) | undefined;
  readonly onEvict: ((key: K, value: V) => void) | undefined;
}

/**
 * Validates {@link PolicyCacheOptions}.
 * @throws TypeError if `options` is not an object, gives both `capacity` and `maxSize`, or
 *   `sizeOf`/`onEvict` is not a function (or `sizeOf` comes without `maxSize`).
 * @throws RangeError if `capacity` or `maxSize` is not a positive integer (capacity ≤ 2²⁴), or
 *   neither is given.
 */
export function checkPolicyOptions<K, V>(options: PolicyCacheOptions<K, V>): CheckedPolicyOptions<K, V> {
  assertOptionsObject('options', options);
  const { capacity, maxSize, sizeOf, onEvict } = options as {
    capacity?: unknown;
    maxSize?: unknown;
    sizeOf?: unknown;
    onEvict?: unknown;
  };
  if (onEvict !== undefined) assertFunction('onEvict', onEvict);
  const listener = onEvict as CheckedPolicyOptions<K, V>['onEvict'];
  if (capacity !== undefined && maxSize !== undefined) {
    throw new TypeError('options must give either capacity or maxSize (with sizeOf), not both');
  }
  if (maxSize !== undefined) {
    assertPositiveInteger('maxSize', maxSize);
    assertFunction('sizeOf', sizeOf);
    return { capacity: Infinity, maxSize, sizeOf: sizeOf as CheckedPolicyOptions<K, V>['sizeOf'], onEvict: listener };
  }
  if (capacity === undefined) {
    throw new RangeError('capacity must be a positive integer (or give maxSize with sizeOf), got undefined');
  }
  if (sizeOf !== undefined) throw new TypeError('sizeOf needs maxSize: a capacity counts entries, not sizes');
  assertPositiveInteger('capacity', capacity);
  if (capacity > MAX_CACHE_ENTRIES) {
    throw new RangeError(`capacity must be at most ${MAX_CACHE_ENTRIES} (V8's Map limit), got ${capacity}`);
  }
  return { capacity, maxSize: capacity, sizeOf: undefined, onEvict: listener };
}

/**
 * Calls `sizeOf` and checks its answer.
 * @throws TypeError if the size is not a positive integer (names the key).
 */
export function measureEntry<K, V>(sizeOf: (value: V, key: K) => number, value: V, key: K): number {
  const size = sizeOf(value, key);
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    throw new TypeError(`sizeOf(value, key) must return a positive integer, got ${describe(size)} for key ${describe(key)}`);
  }
  return size;
}
