import { randomUUID } from 'crypto';
import type { Redis } from 'ioredis';
import { Clock, systemClock } from '../core/clock';
import { assertOptionsObject } from '../core/options';
import { assertFunction, assertPositiveDuration } from '../core/validate';

// Same vocabulary and defaults as the stampede exercise's RedisLock (exercises/stampede.ts):
// acquire / release / withLock, ttlMs 10 000, retryDelayMs 50, timeoutMs 5 000.

/** Options for {@link RedisLock}; every one has a default. */
export interface RedisLockOptions {
  /** The lock's expiry (the PX of `SET NX PX`), in ms (default 10 000): a crashed holder blocks others at most this long. */
  ttlMs?: number;
  /** Pause between attempts while `withLock` waits, in ms (default 50). */
  retryDelayMs?: number;
  /** How long `withLock` waits for the lock before giving up, in ms (default 5 000). */
  timeoutMs?: number;
  /** The time source for `withLock`'s deadline (default the system clock). */
  now?: Clock;
  /** How `withLock` pauses between attempts (default a `setTimeout` promise); injected so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** Rejects `withLock` when the lock stayed taken for `timeoutMs`. */
export class LockTimeoutError extends Error {
  constructor(readonly lockName: string, readonly timeoutMs: number) {
    super(`could not acquire lock "${lockName}" within ${timeoutMs} ms`);
    this.name = 'LockTimeoutError';
  }
}

/**
 * Deletes the key only while it still holds our token. A GET-then-DEL from the client could
 * delete a lock that expired meanwhile and now belongs to someone else; Lua runs atomically.
 */
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A minimal distributed lock on one Redis server, for the stampede chapter: whoever sets the
 * key first (`SET name token NX PX ttl`) holds it until releasing it or until it expires.
 *
 * It is an efficiency lock (fewer duplicate loads), not a correctness lock: if the holder
 * stalls past `ttlMs` (a GC pause, a slow query), the key expires and a second holder gets in
 * while the first still believes it holds the lock. Where two holders must never both act,
 * the resource must check a fencing token (a number that grows with every acquisition) or the
 * lock must come from a consensus system (Kleppmann, "How to do distributed locking", 2016).
 */
export class RedisLock {
  readonly ttlMs: number;
  readonly retryDelayMs: number;
  readonly timeoutMs: number;
  private readonly now: Clock;
  private readonly sleep: (ms: number) => Promise<void>;

  /** @throws TypeError if `redis` is not an ioredis client or `options` is not an object; RangeError if a duration is not positive. */
  constructor(private readonly redis: Redis, options: RedisLockOptions = {}) {
    if (redis === null || typeof redis !== 'object' || typeof redis.set !== 'function') throw new TypeError('redis must be an ioredis client');
    assertOptionsObject('options', options);
    this.ttlMs = options.ttlMs ?? 10_000;
    this.retryDelayMs = options.retryDelayMs ?? 50;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    assertPositiveDuration('ttlMs', this.ttlMs);
    assertPositiveDuration('retryDelayMs', this.retryDelayMs);
    assertPositiveDuration('timeoutMs', this.timeoutMs);
    this.now = options.now ?? systemClock;
    this.sleep = options.sleep ?? defaultSleep;
    assertFunction('now', this.now);
    assertFunction('sleep', this.sleep);
  }

  /** Tries once to take the lock; resolves to the holder's token, or `null` if someone else holds it. */
  async acquire(name: string): Promise<string | null> {
    assertLockName(name);
    const token = randomUUID();
    const reply = await this.redis.set(name, token, 'PX', this.ttlMs, 'NX');
    return reply === 'OK' ? token : null;
  }

  /** Releases the lock if `token` still holds it; resolves to whether it did. */
  async release(name: string, token: string): Promise<boolean> {
    assertLockName(name);
    const deleted = await this.redis.eval(RELEASE_SCRIPT, 1, name, token);
    return deleted === 1;
  }

  /**
   * Runs `fn` while holding the lock, retrying every `retryDelayMs` for up to `timeoutMs`;
   * always releases it afterwards (if it still holds it), and returns what `fn` returned.
   * @throws LockTimeoutError when the lock could not be taken in time.
   */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    assertFunction('fn', fn);
    const token = await this.waitFor(name);
    try {
      return await fn();
    } finally {
      await this.release(name, token);
    }
  }

  private async waitFor(name: string): Promise<string> {
    const deadline = this.now() + this.timeoutMs;
    for (;;) {
      const token = await this.acquire(name);
      if (token !== null) return token;
      if (this.now() >= deadline) throw new LockTimeoutError(name, this.timeoutMs);
      await this.sleep(this.retryDelayMs);
    }
  }
}

function assertLockName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '') throw new TypeError(`name must be a non-empty string, got ${JSON.stringify(name)}`);
}
