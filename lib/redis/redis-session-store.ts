import { randomBytes } from 'crypto';
import type Redis from 'ioredis';
import { assertFunction, assertPositiveDuration } from '../core/validate';

/** Options for {@link RedisSessionStore}. */
export interface RedisSessionStoreOptions {
  redis: Redis;
  /** Idle timeout: a session unused for this long expires; every access restarts it. */
  idleTtlMs: number;
  /** Key prefix (default `session:`). */
  prefix?: string;
  /** Session id generator (default: 128 random bits from `crypto`, base64url). */
  newId?: () => string;
}

/** A session's fields: a flat record of strings (one Redis hash field each). */
export type SessionFields = Record<string, string>;

// Update only a session that still exists: HSET on an expired id would resurrect it.
const UPDATE_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

/**
 * Sessions in Redis: one hash per session (`prefix + id`), fields read and written one by one
 * (no JSON blob to rewrite), with a sliding expiry: every `get` or `update` pushes the expiry
 * `idleTtlMs` further. Any application process can serve any user, and a logout is one `DEL`.
 */
export class RedisSessionStore {
  private readonly redis: Redis;
  private readonly idleTtlMs: number;
  private readonly prefix: string;
  private readonly newId: () => string;

  /**
   * @throws {RangeError} when `idleTtlMs` is not a positive duration.
   * @throws {TypeError} when `prefix` is not a string or `newId` not a function.
   */
  constructor(options: RedisSessionStoreOptions) {
    assertPositiveDuration('idleTtlMs', options.idleTtlMs);
    if (options.prefix !== undefined && typeof options.prefix !== 'string') throw new TypeError('prefix must be a string');
    if (options.newId !== undefined) assertFunction('newId', options.newId);
    this.redis = options.redis;
    this.idleTtlMs = Math.ceil(options.idleTtlMs);
    this.prefix = options.prefix ?? 'session:';
    this.newId = options.newId ?? (() => randomBytes(16).toString('base64url'));
  }

  /** The Redis key of session `id`. */
  keyOf(id: string): string {
    return `${this.prefix}${id}`;
  }

  /**
   * Creates a session with `fields`; resolves to its new id.
   * @throws {TypeError} when `fields` is empty or holds a non-string value.
   */
  async create(fields: SessionFields): Promise<string> {
    checkFields(fields);
    const id = this.newId();
    const result = await this.redis.multi().hset(this.keyOf(id), fields).pexpire(this.keyOf(id), this.idleTtlMs).exec();
    throwFirstError(result);
    return id;
  }

  /** The fields of session `id`, refreshing its expiry; undefined when it does not exist (or expired). */
  async get(id: string): Promise<SessionFields | undefined> {
    const result = await this.redis.multi().hgetall(this.keyOf(id)).pexpire(this.keyOf(id), this.idleTtlMs).exec();
    throwFirstError(result);
    const fields = (result as Array<[Error | null, unknown]>)[0][1] as SessionFields;
    return Object.keys(fields).length === 0 ? undefined : fields;
  }

  /**
   * Sets `fields` of an existing session and refreshes its expiry; false when it does not exist.
   * @throws {TypeError} when `fields` is empty or holds a non-string value.
   */
  async update(id: string, fields: SessionFields): Promise<boolean> {
    checkFields(fields);
    const pairs = Object.entries(fields).flat();
    return Number(await this.redis.eval(UPDATE_IF_EXISTS, 1, this.keyOf(id), String(this.idleTtlMs), ...pairs)) === 1;
  }

  /** Deletes session `id` (a logout); true when it existed. */
  async destroy(id: string): Promise<boolean> {
    return (await this.redis.del(this.keyOf(id))) === 1;
  }
}

function checkFields(fields: SessionFields): void {
  if (typeof fields !== 'object' || fields === null || Object.keys(fields).length === 0) throw new TypeError('fields must be a non-empty object of strings');
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string') throw new TypeError(`fields.${name} must be a string, got ${typeof value}`);
  }
}

function throwFirstError(result: Array<[Error | null, unknown]> | null): void {
  if (result === null) throw new Error('the MULTI transaction was discarded');
  for (const [error] of result) if (error) throw error;
}
