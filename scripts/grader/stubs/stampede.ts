/**
 * Exercise: stopping cache stampedes.
 *
 * A stampede happens when a popular cached value expires and many requests recompute it at
 * once, piling onto the database. You will build four defences:
 *
 * 1. `SingleFlight` — inside one process, concurrent loads of the same key share one call.
 *    Data structure: a `Map<string, Promise>` of calls in flight. It deduplicates, it does not
 *    cache: once a call settles, forget the key.
 * 2. `jitteredTtl` — add randomness to TTLs so keys written together do not expire together.
 * 3. `shouldRefreshEarly` — probabilistic early expiration (XFetch: Vattani, Chierichetti and
 *    Lowenstein, "Optimal Probabilistic Cache Stampede Prevention", VLDB 2015): a request
 *    recomputes early when `now − computeMs·beta·ln(random()) ≥ expiresAt`.
 * 4. `RedisLock` — across processes, only the lock holder recomputes. Acquire with
 *    `SET name token PX ttlMs NX` (atomic: set only if absent, with an expiry); release with a
 *    Lua script that deletes the key only if it still holds your token (a GET then a DEL from
 *    the client could delete a lock that expired and passed to someone else in between).
 *
 * Randomness is injected (`random`, default `Math.random`) so that tests are deterministic.
 * Only `jitteredTtl` validates its arguments (a `RangeError` naming the parameter); the other
 * functions and `RedisLock`'s options trust their callers.
 *
 * Grade it with `npm run grade -- stampede` (the RedisLock checks start a private
 * redis-server); stuck? `npm run hint -- stampede`.
 * Parameters start with `_` only so the stub compiles (unused parameters are errors in this
 * project): rename them when you use them.
 */
import type { Redis } from 'ioredis';

/** Shares one in-flight call per key between concurrent callers. */
export class SingleFlight {
  /**
   * TODO: if a call for `key` is in flight, return its promise; otherwise call `fn`, remember
   * its promise under `key` until it settles (success or failure), and return it. If `fn`
   * throws instead of returning a promise, `run` returns a promise rejected with that error
   * (it never throws itself) and nothing stays in flight.
   */
  run<T>(_key: string, _fn: () => Promise<T>): Promise<T> {
    throw notImplemented('SingleFlight.run');
  }

  /** TODO: the number of keys with a call in flight. */
  get inFlight(): number {
    throw notImplemented('SingleFlight.inFlight');
  }
}

/**
 * TODO: return a TTL uniformly distributed in `[baseMs·(1 − spread), baseMs·(1 + spread)]`,
 * using `random()` (uniform in [0, 1)). RangeError unless `baseMs` > 0 (finite) and
 * `0 ≤ spread < 1`.
 */
export function jitteredTtl(_baseMs: number, _spread: number, _random: () => number = Math.random): number {
  throw notImplemented('jitteredTtl');
}

/**
 * TODO: XFetch — return true when `now − computeMs · beta · ln(random()) ≥ expiresAt`.
 * (`Math.log(random())` is ≤ 0, so the left side is `now` plus a random head start.)
 */
export function shouldRefreshEarly(
  _expiresAt: number,
  _computeMs: number,
  _now: number,
  _beta = 1,
  _random: () => number = Math.random,
): boolean {
  throw notImplemented('shouldRefreshEarly');
}

/** Options for {@link RedisLock}. */
export interface RedisLockOptions {
  /** How long a lock lives unless released (suggested default 10 000 ms). */
  ttlMs?: number;
  /** Pause between attempts while waiting in `withLock` (suggested default 50 ms). */
  retryDelayMs?: number;
  /** How long `withLock` waits before giving up (suggested default 5 000 ms). */
  timeoutMs?: number;
}

/** Provided: reject `withLock` with this when the lock stayed taken for `timeoutMs`. */
export class LockTimeoutError extends Error {
  constructor(lockName: string, timeoutMs: number) {
    super(`could not acquire lock "${lockName}" within ${timeoutMs} ms`);
    this.name = 'LockTimeoutError';
  }
}

/** A mutual-exclusion lock shared by every process that uses the same Redis. */
export class RedisLock {
  /** TODO: keep the client and the options (with defaults). */
  constructor(_redis: Redis, _options: RedisLockOptions = {}) {
    throw notImplemented('the RedisLock constructor');
  }

  /**
   * TODO: try once to take the lock: `SET name token PX ttlMs NX` with a fresh unique token
   * (`crypto.randomUUID()`). Resolve to the token, or `null` when the lock is taken.
   */
  acquire(_name: string): Promise<string | null> {
    throw notImplemented('RedisLock.acquire');
  }

  /**
   * TODO: delete the lock only if it still holds `token`, atomically, with a Lua script run by
   * `redis.eval(script, 1, name, token)`. Resolve to true when it was deleted.
   */
  release(_name: string, _token: string): Promise<boolean> {
    throw notImplemented('RedisLock.release');
  }

  /**
   * TODO: acquire the lock, retrying every `retryDelayMs` for up to `timeoutMs` (then reject
   * with a `LockTimeoutError`); run `fn`; always release (use `finally`); return fn's result.
   */
  withLock<T>(_name: string, _fn: () => Promise<T>): Promise<T> {
    throw notImplemented('RedisLock.withLock');
  }
}

function notImplemented(what: string): Error {
  return new Error(`${what} is not implemented yet — see the TODO in exercises/stampede.ts`);
}
