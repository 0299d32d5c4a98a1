import type { Clock } from './clock';
import { assertOptionsObject } from './options';
import { TTLCache } from './ttl-cache';
import { assertFunction, assertPositiveDuration, assertPositiveInteger } from './validate';

/** Options for {@link memoize}. */
export interface MemoizeOptions<A extends unknown[]> {
  /** Most results kept; the least recently used one is dropped beyond this (positive integer). */
  maxSize: number;
  /** How long a result stays valid, in ms from the call that computed it; omit for no expiry. */
  ttlMs?: number;
  /** Builds the cache key from the arguments; defaults to {@link defaultMemoKey}. */
  key?: (...args: A) => unknown;
  /** Clock for `ttlMs`; defaults to `Date.now`. */
  now?: Clock;
}

/** What `cacheInfo()` reports, as in Python's `functools.lru_cache`. */
export interface MemoCacheInfo {
  /** Calls answered from the cache (including ones that joined an in-flight promise). */
  readonly hits: number;
  /** Calls that ran the function. */
  readonly misses: number;
  /** The configured `maxSize`. */
  readonly maxSize: number;
  /** Results currently cached. */
  readonly currSize: number;
}

/** A memoized function: the original signature plus cache controls. */
export interface Memoized<A extends unknown[], R> {
  (...args: A): R;
  /** Hit/miss counters and current size. */
  cacheInfo(): MemoCacheInfo;
  /** Forgets every cached result and zeroes the counters. */
  cacheClear(): void;
}

/**
 * The default memo key: a string encoding of the arguments' types and values, e.g.
 * `(1, "a")` → `n:1,s:"a"`. Only primitives are supported (string, number, boolean, bigint,
 * null, undefined), because objects have no stable value identity to encode; `0` and `-0` share
 * a key. Pass `key` to memoize functions of objects.
 * @throws TypeError naming the argument position for an object, function or symbol argument.
 */
export function defaultMemoKey(...args: unknown[]): string {
  let key = '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (i > 0) key += ',';
    switch (typeof arg) {
      case 'string':
        key += `s:${JSON.stringify(arg)}`;
        break;
      case 'number':
        key += `n:${arg}`;
        break;
      case 'boolean':
        key += `b:${arg}`;
        break;
      case 'bigint':
        key += `i:${arg}`;
        break;
      case 'undefined':
        key += 'u';
        break;
      default:
        if (arg === null) {
          key += 'null';
          break;
        }
        throw new TypeError(
          `memoize: argument ${i} is ${typeof arg === 'object' ? 'an object' : `a ${typeof arg}`}; ` +
            'the default key supports primitives only — pass a key option',
        );
    }
  }
  return key;
}

/**
 * Caches `fn`'s results by argument, like Python's `functools.lru_cache`: at most `maxSize`
 * results, least recently used dropped first, optionally expiring after `ttlMs`.
 *
 * Async functions: the promise itself is cached, so concurrent calls with the same key share
 * one execution. A promise that rejects is removed as soon as it settles (only if it is still
 * the cached one), so the next call retries; callers already holding it still see the error.
 * Synchronous throws are never cached.
 *
 * `this` is passed through to `fn` but is not part of the key.
 *
 * @example
 * const square = memoize((n: number) => n * n, { maxSize: 100 });
 * square(3); square(3);
 * square.cacheInfo(); // { hits: 1, misses: 1, maxSize: 100, currSize: 1 }
 *
 * @throws RangeError if `maxSize` is not a positive integer or `ttlMs` not a positive finite number.
 * @throws TypeError if `fn`, `key` or `now` is not a function.
 */
export function memoize<A extends unknown[], R>(fn: (...args: A) => R, options: MemoizeOptions<A>): Memoized<A, R> {
  assertFunction('fn', fn);
  assertOptionsObject('options', options);
  const { maxSize, ttlMs, key, now } = options;
  assertPositiveInteger('maxSize', maxSize);
  if (ttlMs !== undefined) assertPositiveDuration('ttlMs', ttlMs);
  if (key !== undefined) assertFunction('key', key);
  if (now !== undefined) assertFunction('now', now);
  const keyOf: (...args: A) => unknown = key ?? (defaultMemoKey as (...args: A) => unknown);
  const cache = new TTLCache<unknown, R>({ capacity: maxSize, defaultTtlMs: ttlMs, now });
  let hits = 0;
  let misses = 0;

  const memoized = function (this: unknown, ...args: A): R {
    const cacheKey = keyOf(...args);
    // `has` first so a cached `undefined` result still counts as a hit.
    if (cache.has(cacheKey)) {
      hits++;
      return cache.get(cacheKey) as R;
    }
    misses++;
    const result = fn.apply(this, args);
    cache.set(cacheKey, result);
    if (isPromiseLike(result)) {
      result.then(undefined, () => {
        if (cache.peek(cacheKey) === result) cache.delete(cacheKey);
      });
    }
    return result;
  } as Memoized<A, R>;

  memoized.cacheInfo = () => ({ hits, misses, maxSize, currSize: cache.size });
  memoized.cacheClear = () => {
    cache.clear();
    hits = 0;
    misses = 0;
  };
  return memoized;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
