import { randomBytes } from 'crypto';
import type { Redis } from 'ioredis';
import { assertPositiveDuration } from '../core/validate';

/** Options for {@link RedisLock}. */
export interface RedisLockOptions {
  /** The lock's expiry (the PX of `SET NX PX`), in ms: a crashed holder blocks others at most this long. */
  ttlMs: number;
}

/**
 * Deletes the key only while it still holds our token. A GET-then-DEL from the client could
 * delete a lock that expired meanwhile and now belongs to someone else; Lua runs atomically.
 */
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * A minimal distributed lock on one Redis server, for the stampede chapter: whoever sets the
 * key first (`SET name token NX PX ttl`) holds it until releasing it or until it expires.
 *
 * It is an efficiency lock (fewer duplicate loads), not a correctness lock: if the holder
 * stalls past `ttlMs`, a second holder can get in. For mutual exclusion that must never fail,
 * use fencing tokens or a consensus system instead.
 */
export class RedisLock {
  readonly ttlMs: number;

  constructor(private readonly redis: Redis, options: RedisLockOptions) {
    if (redis === null || typeof redis !== 'object' || typeof redis.set !== 'function') throw new TypeError('redis must be an ioredis client');
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    assertPositiveDuration('ttlMs', options.ttlMs);
    this.ttlMs = options.ttlMs;
  }

  /** Tries once to take the lock; resolves to the holder's token, or `null` if someone else holds it. */
  async tryAcquire(name: string): Promise<string | null> {
    if (typeof name !== 'string' || name === '') throw new TypeError('name must be a non-empty string');
    const token = randomBytes(16).toString('hex');
    const reply = await this.redis.set(name, token, 'PX', this.ttlMs, 'NX');
    return reply === 'OK' ? token : null;
  }

  /** Releases the lock if `token` still holds it; resolves to whether it did. */
  async release(name: string, token: string): Promise<boolean> {
    const deleted = await this.redis.eval(RELEASE_SCRIPT, 1, name, token);
    return deleted === 1;
  }
}
