import Redis, { Cluster } from 'ioredis';
import { assertFunction, assertPositiveDuration, assertPositiveInteger, assertString } from '../core/validate';
import { groupBySlot } from '../redis/hash-slot';
import { AsyncCache, AsyncCacheStats, statsSnapshot } from './async-cache';
import { CacheUnavailableError } from './errors';
import { decodeJson, encodeJson } from './json-codec';
import { PendingInvalidations } from './pending-invalidations';
import { escapeGlob } from '../redis/delete-by-prefix';
import { DEFAULT_TTL_MS } from '../core/default-ttl';

/** What a {@link RedisCache} does when Redis is down or slow. */
export type FailMode = 'open' | 'closed';

/** Options for {@link RedisCache}. */
export interface RedisCacheOptions {
  /**
   * Server URL, e.g. `startPrivateRedis()`'s `url` (default: the `REDIS_URL` env). There is
   * deliberately no fallback to `localhost:6379`: that server may be someone else's.
   */
  url?: string;
  /**
   * An existing ioredis client (a `Redis` or a `Cluster`) to use instead of `url`; the cache then
   * never closes it. Create it with `enableOfflineQueue: false` and a `commandTimeout`, or
   * fail-open reads will wait for a reconnect instead of falling through to the database at once.
   */
  client?: Redis | Cluster;
  /**
   * Seed nodes of a Redis Cluster as `host:port` (e.g. `startPrivateCluster().addresses`):
   * the cache opens an ioredis `Cluster` with its fail-open settings. Takes precedence over `url`.
   */
  clusterNodes?: readonly string[];
  /**
   * Wrap the namespace in a hash tag, `{ns}:key`, so every key of this cache lands on one slot of a
   * Redis Cluster: batches become single `MGET`s and pipelines, but that one shard takes all the
   * namespace's keys and load (a hot shard). Harmless on a single server (default false).
   */
  hashTag?: boolean;
  /** Prefix of every key, so several caches share a server without colliding (default `cachecraft`). */
  namespace?: string;
  /** TTL when `set` gets none, in ms (default 60 000). */
  defaultTtlMs?: number;
  /**
   * `open` (default): an unreachable or slow Redis turns reads into misses and skips writes,
   * counting a warning; nothing throws. `closed`: such operations throw {@link CacheUnavailableError}.
   */
  failMode?: FailMode;
  /** How long a command may take before Redis counts as unavailable (default 250 ms). */
  commandTimeoutMs?: number;
  /** How long the first command waits for the initial connection (default 2 000 ms). */
  connectTimeoutMs?: number;
  /** ioredis auto-pipelining: concurrent commands share one round trip (default false). */
  autoPipelining?: boolean;
  /** Called on every degraded operation, e.g. to log it. */
  onWarning?: (message: string, error: unknown) => void;
  /** Invalidations remembered during an outage before degrading to a full clear (default 10 000). */
  maxPendingInvalidations?: number;
}

/** The connection state of a {@link RedisCache}, for notebooks and health checks. */
export interface RedisCacheHealth {
  /** ioredis client status: `ready`, `connecting`, `reconnecting`, `end`, … */
  status: string;
  /** Invalidations waiting for Redis to come back. */
  pendingInvalidations: number;
  lastWarning?: string;
}

/**
 * An {@link AsyncCache} over Redis (ioredis): JSON values, a key namespace, TTL via `PX`,
 * `MGET`/pipelines for batches, prefix invalidation with `SCAN` (never `KEYS`), hit/miss stats.
 *
 * Fail-open by default: when Redis is down or times out, reads are misses and writes are
 * skipped with a counted warning, and the client reconnects on its own. Deletes and writes that
 * failed during an outage are remembered and replayed before the next use, so a value that
 * became stale meanwhile is never served when Redis returns.
 */
export class RedisCache<V = unknown> implements AsyncCache<V> {
  readonly kind = 'redis';
  /** The key prefix, including the trailing `:`. */
  readonly prefix: string;
  private readonly client: Redis | Cluster;
  /** True over a Redis Cluster: multi-key commands must then stay within one hash slot. */
  readonly clustered: boolean;
  private readonly ownsClient: boolean;
  private readonly defaultTtlMs: number;
  private readonly failMode: FailMode;
  private readonly connectTimeoutMs: number;
  private readonly onWarning?: (message: string, error: unknown) => void;
  private readonly pending: PendingInvalidations;
  private initialConnection?: Promise<void>;
  private counts = { hits: 0, misses: 0, sets: 0, deletes: 0, warnings: 0 };
  private lastWarning?: string;

  constructor(options: RedisCacheOptions = {}) {
    const commandTimeoutMs = options.commandTimeoutMs ?? 250;
    this.defaultTtlMs = options.defaultTtlMs ?? DEFAULT_TTL_MS;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
    assertPositiveDuration('defaultTtlMs', this.defaultTtlMs);
    assertPositiveDuration('commandTimeoutMs', commandTimeoutMs);
    assertPositiveDuration('connectTimeoutMs', this.connectTimeoutMs);
    if (options.onWarning !== undefined) assertFunction('onWarning', options.onWarning);
    if (options.failMode !== undefined && options.failMode !== 'open' && options.failMode !== 'closed') {
      throw new RangeError(`failMode must be "open" or "closed", got ${JSON.stringify(options.failMode)}`);
    }
    const namespace = options.namespace ?? 'cachecraft';
    if (typeof namespace !== 'string' || namespace === '') throw new RangeError('namespace must be a non-empty string');
    if (options.maxPendingInvalidations !== undefined) assertPositiveInteger('maxPendingInvalidations', options.maxPendingInvalidations);
    this.prefix = options.hashTag ? `{${namespace}}:` : `${namespace}:`;
    this.failMode = options.failMode ?? 'open';
    this.onWarning = options.onWarning;
    this.pending = new PendingInvalidations(options.maxPendingInvalidations);
    this.ownsClient = options.client === undefined;
    const url = options.url ?? process.env.REDIS_URL;
    if (options.clusterNodes !== undefined && (!Array.isArray(options.clusterNodes) || options.clusterNodes.length === 0)) {
      throw new TypeError('clusterNodes must be a non-empty array of "host:port" strings');
    }
    if (!options.client && !options.clusterNodes && !url) {
      throw new TypeError('url is required (or set REDIS_URL): start a private server with startPrivateRedis() and pass its url');
    }
    const connection = {
      // Without the offline queue a command fails at once while disconnected instead of
      // waiting: that is what lets a read fall through to the database immediately.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: commandTimeoutMs,
      connectTimeout: this.connectTimeoutMs,
      // Keep reconnecting forever, quickly at first: recovery must need no human.
      retryStrategy: (times: number) => Math.min(50 * times, 1_000),
    };
    const autoPipelining = options.autoPipelining ?? false;
    this.client =
      options.client ??
      (options.clusterNodes
        ? new Cluster(options.clusterNodes.map(parseAddress), {
            enableOfflineQueue: false,
            enableAutoPipelining: autoPipelining,
            redisOptions: connection,
            clusterRetryStrategy: connection.retryStrategy,
            // After a failover the slot map is stale: retry a moved slot soon, refresh it often.
            retryDelayOnFailover: 50,
            retryDelayOnClusterDown: 50,
            slotsRefreshInterval: 1_000,
          })
        : new Redis(url as string, { ...connection, enableAutoPipelining: autoPipelining }));
    this.clustered = this.client instanceof Cluster;
    // ioredis reports connection errors as events; without a listener they crash the process.
    this.client.on('error', (error: Error) => (this.lastWarning = error.message));
  }

  /** Resolves once connected (or rejects after `connectTimeoutMs`); optional, ops wait on their own. */
  async ready(): Promise<void> {
    if (this.client.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        reject(new CacheUnavailableError('connect', new Error(`not ready within ${this.connectTimeoutMs} ms`)));
      }, this.connectTimeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.client.once('ready', onReady);
    });
  }

  /** {@inheritDoc AsyncCache.get} */
  async get(key: string): Promise<V | undefined> {
    assertString('key', key);
    const [value] = await this.getMany([key]);
    return value;
  }

  /** {@inheritDoc AsyncCache.getMany} */
  async getMany(keys: readonly string[]): Promise<Array<V | undefined>> {
    keys.forEach((key, i) => assertString(`keys[${i}]`, key));
    if (keys.length === 0) return [];
    const raw = await this.guard('get', async () => {
      await this.reconcile();
      return this.fetchRaw(keys.map((k) => this.prefix + k));
    });
    const values = keys.map((_, i) => (raw === undefined || raw[i] === null ? undefined : this.decode(raw[i] as string)));
    for (const value of values) value === undefined ? this.counts.misses++ : this.counts.hits++;
    return values;
  }

  /** {@inheritDoc AsyncCache.set} */
  async set(key: string, value: V, ttlMs?: number): Promise<boolean> {
    assertString('key', key);
    return this.setMany([[key, value]], ttlMs);
  }

  /** Stores several entries in one pipelined round trip; `false` when skipped (fail-open). */
  async setMany(entries: ReadonlyArray<readonly [string, V]>, ttlMs = this.defaultTtlMs): Promise<boolean> {
    assertPositiveDuration('ttlMs', ttlMs);
    entries.forEach(([key], i) => assertString(`entries[${i}][0] (a key)`, key));
    const px = Math.ceil(ttlMs);
    const encoded = entries.map(([key, value]) => [this.prefix + key, encodeJson(value)] as const);
    const stored = await this.guard(
      'set',
      async () => {
        await this.reconcile();
        // A cluster pipeline must stay on one node: one pipeline per hash slot, all in parallel.
        const groups = this.clustered ? groupBySlot(encoded, ([key]) => key) : [encoded];
        await Promise.all(
          groups.map(async (group) => {
            if (group.length === 1) {
              await this.client.set(group[0][0], group[0][1], 'PX', px);
              return;
            }
            const pipeline = this.client.pipeline();
            for (const [key, text] of group) pipeline.set(key, text, 'PX', px);
            throwFirstPipelineError(await pipeline.exec());
          }),
        );
        return true;
      },
      () => encoded.forEach(([key]) => this.pending.addKey(key)),
    );
    if (stored) this.counts.sets += entries.length;
    return stored === true;
  }

  /** {@inheritDoc AsyncCache.delete} */
  async delete(key: string): Promise<boolean> {
    assertString('key', key);
    const removed = await this.guard(
      'delete',
      async () => {
        await this.reconcile();
        return (await this.client.del(this.prefix + key)) > 0;
      },
      () => this.pending.addKey(this.prefix + key),
    );
    if (removed) this.counts.deletes++;
    return removed === true;
  }

  /**
   * Deletes several keys (one `DEL` per hash slot over a cluster, one `DEL` otherwise) and
   * returns how many existed; failed deletes are remembered and replayed like {@link delete}'s.
   */
  async deleteMany(keys: readonly string[]): Promise<number> {
    keys.forEach((key, i) => assertString(`keys[${i}]`, key));
    if (keys.length === 0) return 0;
    const full = keys.map((k) => this.prefix + k);
    const removed = await this.guard(
      'delete',
      async () => {
        await this.reconcile();
        return this.deleteFullKeys(full);
      },
      () => full.forEach((key) => this.pending.addKey(key)),
    );
    this.counts.deletes += removed ?? 0;
    return removed ?? 0;
  }

  /** {@inheritDoc AsyncCache.deleteByPrefix} */
  async deleteByPrefix(prefix: string): Promise<number> {
    assertString('prefix', prefix);
    const removed = await this.guard(
      'deleteByPrefix',
      async () => {
        await this.reconcile();
        return this.scanDelete(this.prefix + prefix);
      },
      () => this.pending.addPrefix(this.prefix + prefix),
    );
    this.counts.deletes += removed ?? 0;
    return removed ?? 0;
  }

  /** {@inheritDoc AsyncCache.clear} */
  async clear(): Promise<void> {
    await this.deleteByPrefix('');
  }

  /** {@inheritDoc AsyncCache.size} */
  async size(): Promise<number> {
    const count = await this.guard('size', async () => {
      await this.reconcile();
      let total = 0;
      for await (const { keys } of this.scanKeys(this.prefix)) total += keys.length;
      return total;
    });
    return count ?? 0;
  }

  /** {@inheritDoc AsyncCache.stats} */
  stats(): AsyncCacheStats {
    return statsSnapshot(this.counts);
  }

  /** Zeroes the counters. */
  resetStats(): void {
    this.counts = { hits: 0, misses: 0, sets: 0, deletes: 0, warnings: 0 };
  }

  /** Connection status and what is waiting to be replayed. */
  health(): RedisCacheHealth {
    return { status: this.client.status, pendingInvalidations: this.pending.count, lastWarning: this.lastWarning };
  }

  /** Closes the connection if this cache opened it. */
  async close(): Promise<void> {
    if (!this.ownsClient || this.client.status === 'end') return;
    if (this.client.status === 'ready') {
      await this.client.quit().catch(() => this.client.disconnect());
    } else {
      this.client.disconnect();
    }
  }

  /**
   * Runs a Redis operation under the fail mode. On failure `onFailure` records what must be
   * invalidated later; fail-open then resolves `undefined`, fail-closed throws.
   */
  private async guard<T>(operation: string, run: () => Promise<T>, onFailure?: () => void): Promise<T | undefined> {
    try {
      await this.awaitFirstConnection();
      return await run();
    } catch (error) {
      onFailure?.();
      this.counts.warnings++;
      const message = `redis ${operation} failed: ${error instanceof Error ? error.message : String(error)}`;
      this.lastWarning = message;
      this.onWarning?.(message, error);
      if (this.failMode === 'closed') throw new CacheUnavailableError(operation, error);
      return undefined;
    }
  }

  /** Only the very first operation waits for the connection; later outages fail fast. */
  private async awaitFirstConnection(): Promise<void> {
    if (this.client.status === 'ready') return;
    this.initialConnection ??= this.ready().catch(() => undefined);
    await this.initialConnection;
  }

  private async reconcile(): Promise<void> {
    if (this.pending.empty) return;
    await this.pending.replay({
      deleteKeys: (keys) => this.deleteFullKeys(keys),
      // A pending full clear arrives as '': it means this namespace, never the whole server.
      deletePrefix: (fullPrefix) => this.scanDelete(fullPrefix || this.prefix),
    });
  }

  /** Raw values of full keys, in order: `GET` for one, `MGET` per hash slot over a cluster. */
  private async fetchRaw(fullKeys: string[]): Promise<Array<string | null>> {
    if (fullKeys.length === 1) return [await this.client.get(fullKeys[0])];
    if (!this.clustered) return this.client.mget(fullKeys);
    const indexed = fullKeys.map((key, index) => ({ key, index }));
    const raw = new Array<string | null>(fullKeys.length).fill(null);
    await Promise.all(
      groupBySlot(indexed, (item) => item.key).map(async (group) => {
        const values = await this.client.mget(group.map((item) => item.key));
        group.forEach((item, i) => (raw[item.index] = values[i]));
      }),
    );
    return raw;
  }

  /** `UNLINK`s full keys, one command per hash slot over a cluster (multi-key commands must not cross slots). */
  private async deleteFullKeys(fullKeys: readonly string[], node: Redis | Cluster = this.client): Promise<number> {
    const groups = this.clustered ? groupBySlot(fullKeys, (key) => key) : [fullKeys];
    const counts = await Promise.all(groups.map((group) => node.unlink(...group)));
    return counts.reduce((sum, n) => sum + n, 0);
  }

  private async scanDelete(fullPrefix: string): Promise<number> {
    let removed = 0;
    for await (const { node, keys } of this.scanKeys(fullPrefix)) {
      if (keys.length > 0) removed += await this.deleteFullKeys(keys, node);
    }
    return removed;
  }

  /** Every key under `fullPrefix`, batch by batch; over a cluster, every master is scanned. */
  private async *scanKeys(fullPrefix: string): AsyncGenerator<{ node: Redis; keys: string[] }> {
    const nodes = this.client instanceof Cluster ? this.client.nodes('master') : [this.client];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${escapeGlob(fullPrefix)}*`, 'COUNT', 500);
        cursor = next;
        yield { node, keys };
      } while (cursor !== '0');
    }
  }

  private decode(text: string): V | undefined {
    try {
      return decodeJson<V>(text);
    } catch (error) {
      this.counts.warnings++;
      this.lastWarning = `undecodable value in redis: ${(error as Error).message}`;
      return undefined;
    }
  }
}

/** `host:port` → ioredis' `{ host, port }`. */
function parseAddress(address: string): { host: string; port: number } {
  const match = typeof address === 'string' ? /^(.+):(\d+)$/.exec(address.trim()) : null;
  if (!match) throw new TypeError(`clusterNodes entries must be "host:port", got ${JSON.stringify(address)}`);
  return { host: match[1], port: Number(match[2]) };
}

function throwFirstPipelineError(results: Array<[Error | null, unknown]> | null): void {
  if (results === null) throw new Error('pipeline was discarded');
  for (const [error] of results) if (error) throw error;
}
