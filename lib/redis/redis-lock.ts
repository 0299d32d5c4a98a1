import { randomBytes } from 'crypto';
import type { Redis } from 'ioredis';
import { Clock, realSleep, Sleep, systemClock } from '../core/clock';
import { assertFunction, assertPositiveDuration } from '../core/validate';
import { assertOptionsObject } from '../core/options';
import { LockTimeoutError } from './errors';

/** Options for {@link RedisLock}; the same vocabulary as the stampede exercise's lock. */
export interface RedisLockOptions {
  /** The lock's expiry (the PX of `SET NX PX`), in ms: a crashed holder blocks others at most this long (default 10 000). */
  ttlMs?: number;
  /** Pause between attempts while {@link RedisLock.withLock} waits, in ms (default 50). */
  retryDelayMs?: number;
  /** How long {@link RedisLock.withLock} waits before giving up with a {@link LockTimeoutError}, in ms (default 5 000). */
  timeoutMs?: number;
  /** The time source for `withLock`'s deadline (default the system clock). */
  now?: Clock;
  /** How `withLock` pauses between attempts (default a `setTimeout` promise); injected so tests need not wait. */
  sleep?: Sleep;
}

/**
 * Deletes the key only while it still holds our token. A GET-then-DEL from the client could
 * delete a lock that expired meanwhile and now belongs to someone else; Lua runs atomically.
 */
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * A distributed lock on one Redis server: whoever sets the key first (`SET name token NX PX ttl`)
 * holds it until releasing it (token-checked, atomically) or until it expires. The stampede
 * chapter and the two-tier cache's cross-instance loads use it.
 *
 * It is an efficiency lock (fewer duplicate loads), not a correctness lock: if the holder
 * stalls past `ttlMs` (a GC pause, a slow query), the key expires and a second holder gets in
 * while the first still believes it holds the lock. Where two holders must never both act, the
 * resource must check a fencing token (a number that grows with every acquisition) or the lock
 * must come from a consensus system (Kleppmann, "How to do distributed locking", 2016).
 */
export class RedisLock {
  readonly ttlMs: number;
  readonly retryDelayMs: number;
  readonly timeoutMs: number;
  private readonly now: Clock;
  private readonly sleep: Sleep;

  /**
   * @throws TypeError if `redis` is not an ioredis client or `options` is not an object.
   * @throws RangeError if a duration is not a positive, finite number of ms.
   */
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
    this.sleep = options.sleep ?? realSleep;
    assertFunction('now', this.now);
    assertFunction('sleep', this.sleep);
  }

  /** Tries once to take the lock; resolves to the holder's token, or `null` if someone else holds it. */
  async acquire(name: string): Promise<string | null> {
    assertLockName(name);
    const token = randomBytes(16).toString('hex');
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
   * Runs `fn` while holding the lock, retrying every `retryDelayMs` for up to `timeoutMs`, and
   * always releases it. Resolves or rejects with `fn`'s outcome.
   * @throws LockTimeoutError when the lock stayed taken for `timeoutMs`.
   */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    assertFunction('fn', fn);
    const token = await this.waitFor(name);
    try {
      return await fn();
    } finally {
      // A failed release only means the lock expires on its own after ttlMs.
      await this.release(name, token).catch(() => false);
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

function assertLockName(name: unknown): void {
  if (typeof name !== 'string' || name === '') throw new TypeError('name must be a non-empty string');
}
