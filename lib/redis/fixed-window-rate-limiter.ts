import type Redis from 'ioredis';
import { Clock, systemClock } from '../core/clock';
import { assertPositiveDuration, assertPositiveInteger } from '../core/validate';

/** Options for {@link FixedWindowRateLimiter}. */
export interface FixedWindowRateLimiterOptions {
  redis: Redis;
  /** Requests allowed per client per window. */
  limit: number;
  /** Window length in ms; windows are aligned on multiples of it (0–999 ms, 1000–1999 ms, …). */
  windowMs: number;
  /** Key prefix (default `ratelimit:`). */
  prefix?: string;
  /** The clock that picks the window (default `Date.now`); tests pass a ManualClock. */
  now?: Clock;
}

/** The verdict on one request. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Requests counted in this window so far, this one included. */
  count: number;
  /** Requests still allowed in this window. */
  remaining: number;
  /** Time until the window ends and the count starts again, in ms. */
  resetInMs: number;
}

// INCR and PEXPIRE in one script: a client dying between the two would otherwise leave a
// counter without expiry, blocking that client forever.
const INCREMENT_WITH_EXPIRY = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

/**
 * A fixed-window rate limiter in Redis: one counter per client and window
 * (`prefix + client + ':' + windowIndex`), incremented atomically and expiring with its window.
 * Every application process shares the same counts, which an in-process counter cannot do.
 *
 * Its known weakness: a client can send `limit` requests at the end of one window and `limit`
 * more at the start of the next, so up to 2 × `limit` pass within one window length. A
 * sliding-window log (a sorted set of timestamps per client) removes that burst at the price
 * of memory per request.
 */
export class FixedWindowRateLimiter {
  private readonly redis: Redis;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly prefix: string;
  private readonly now: Clock;

  /**
   * @throws {RangeError} when `limit` is not a positive integer or `windowMs` not a positive duration.
   * @throws {TypeError} when `prefix` is not a string.
   */
  constructor(options: FixedWindowRateLimiterOptions) {
    assertPositiveInteger('limit', options.limit);
    assertPositiveDuration('windowMs', options.windowMs);
    if (options.prefix !== undefined && typeof options.prefix !== 'string') throw new TypeError('prefix must be a string');
    this.redis = options.redis;
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.prefix = options.prefix ?? 'ratelimit:';
    this.now = options.now ?? systemClock;
  }

  /**
   * Counts one request of `client` and says whether it is allowed.
   * @throws {TypeError} when `client` is not a non-empty string.
   */
  async hit(client: string): Promise<RateLimitDecision> {
    if (typeof client !== 'string' || client === '') throw new TypeError(`client must be a non-empty string, got ${JSON.stringify(client)}`);
    const now = this.now();
    const window = Math.floor(now / this.windowMs);
    const resetInMs = (window + 1) * this.windowMs - now;
    const key = `${this.prefix}${client}:${window}`;
    const count = Number(await this.redis.eval(INCREMENT_WITH_EXPIRY, 1, key, String(Math.ceil(resetInMs))));
    return { allowed: count <= this.limit, count, remaining: Math.max(0, this.limit - count), resetInMs };
  }
}
