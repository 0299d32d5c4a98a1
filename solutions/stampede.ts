/**
 * Reference solution: four tools against cache stampedes (many clients recomputing the same
 * expired value at once).
 *
 * - {@link SingleFlight} collapses concurrent loads of one key inside a process.
 * - {@link jitteredTtl} spreads expiry times so that keys written together do not expire together.
 * - {@link shouldRefreshEarly} lets one lucky request recompute a value shortly before it expires
 *   (XFetch: Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic Cache Stampede
 *   Prevention", VLDB 2015).
 * - {@link RedisLock} collapses loads across processes with a Redis lock.
 */
import { randomUUID } from 'crypto';
import type { Redis } from 'ioredis';

/** Shares one in-flight call per key between concurrent callers. */
export class SingleFlight {
  private readonly calls = new Map<string, Promise<unknown>>();

  /**
   * Runs `fn` for `key` unless a call for `key` is already in flight, in which case its
   * promise (result or rejection) is shared. Once it settles the key is forgotten: this is
   * deduplication, not caching.
   */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const pending = this.calls.get(key);
    if (pending !== undefined) return pending as Promise<T>;
    // Wrapping in an async function turns a synchronous throw from fn into a rejection.
    const call = (async () => fn())().finally(() => this.calls.delete(key));
    this.calls.set(key, call);
    return call;
  }

  /** The number of keys with a call in flight. */
  get inFlight(): number {
    return this.calls.size;
  }
}

/**
 * A TTL drawn uniformly from `[baseMs·(1 − spread), baseMs·(1 + spread)]`.
 *
 * @param baseMs - the nominal TTL, > 0.
 * @param spread - the relative jitter, in `[0, 1)`.
 * @param random - a uniform source in `[0, 1)` (default `Math.random`).
 * @throws RangeError for a bad `baseMs` or `spread`.
 */
export function jitteredTtl(baseMs: number, spread: number, random: () => number = Math.random): number {
  if (!Number.isFinite(baseMs) || baseMs <= 0) {
    throw new RangeError(`baseMs must be a positive, finite number, got ${String(baseMs)}`);
  }
  if (!(spread >= 0 && spread < 1)) {
    throw new RangeError(`spread must be in [0, 1), got ${String(spread)}`);
  }
  // random() in [0, 1) maps to a factor in [1 − spread, 1 + spread).
  return baseMs * (1 - spread + 2 * spread * random());
}

/**
 * XFetch: decides whether this request should recompute a value before it expires.
 *
 * `−ln(random())` is exponentially distributed, so the earlier (relative to `computeMs · beta`)
 * a request comes, the less likely it refreshes; at `expiresAt` it always does.
 *
 * @param expiresAt - when the cached value expires (ms).
 * @param computeMs - how long recomputing it takes (ms).
 * @param now - the current time (ms).
 * @param beta - > 1 favours earlier refreshes, < 1 later ones (default 1).
 * @param random - a uniform source in `[0, 1)` (default `Math.random`).
 */
export function shouldRefreshEarly(
  expiresAt: number,
  computeMs: number,
  now: number,
  beta = 1,
  random: () => number = Math.random,
): boolean {
  return now - computeMs * beta * Math.log(random()) >= expiresAt;
}

/** Options for {@link RedisLock}. */
export interface RedisLockOptions {
  /** How long a lock lives unless released, so a crashed holder cannot block forever (default 10 000). */
  ttlMs?: number;
  /** Pause between attempts while waiting for a lock in {@link RedisLock.withLock} (default 50). */
  retryDelayMs?: number;
  /** How long {@link RedisLock.withLock} waits for a lock before giving up (default 5 000). */
  timeoutMs?: number;
}

/** Rejection of {@link RedisLock.withLock} when the lock stayed taken for `timeoutMs`. */
export class LockTimeoutError extends Error {
  constructor(lockName: string, timeoutMs: number) {
    // Stryker disable next-line StringLiteral: the wording is for humans; callers match on `name`.
    super(`could not acquire lock "${lockName}" within ${timeoutMs} ms`);
    this.name = 'LockTimeoutError';
  }
}

/** Deletes the key only if it still holds our token, atomically (Redis runs a script alone). */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** A mutual-exclusion lock shared by every process that uses the same Redis. */
export class RedisLock {
  private readonly ttlMs: number;
  private readonly retryDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisLockOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.retryDelayMs = options.retryDelayMs ?? 50;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** Tries once to take lock `name`; resolves to the owner's token, or `null` if it is taken. */
  async acquire(name: string): Promise<string | null> {
    const token = randomUUID();
    const reply = await this.redis.set(name, token, 'PX', this.ttlMs, 'NX');
    return reply === 'OK' ? token : null;
  }

  /**
   * Releases lock `name` if `token` still owns it. A GET then DEL from the client would race:
   * the lock could expire and pass to someone else between the two.
   */
  async release(name: string, token: string): Promise<boolean> {
    const deleted = await this.redis.eval(RELEASE_SCRIPT, 1, name, token);
    return deleted === 1;
  }

  /**
   * Runs `fn` while holding lock `name`, waiting up to `timeoutMs` for it.
   * @throws LockTimeoutError when the lock could not be taken in time.
   */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const token = await this.waitFor(name);
    try {
      return await fn();
    } finally {
      await this.release(name, token);
    }
  }

  private async waitFor(name: string): Promise<string> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const token = await this.acquire(name);
      if (token !== null) return token;
      if (Date.now() >= deadline) throw new LockTimeoutError(name, this.timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
    }
  }
}
