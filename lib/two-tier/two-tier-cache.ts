import { AsyncCache } from '../cache/async-cache';
import { realTimers, systemClock } from '../core/clock';
import { hitRate } from '../core/stats';
import { TTLCache } from '../core/ttl-cache';
import { assertFunction, assertPositiveDuration } from '../core/validate';
import { SingleFlight } from '../patterns/single-flight';
import { InvalidationListener } from './invalidation-bus';
import { ResolvedTwoTierOptions, TwoTierCacheOptions, resolveTwoTierOptions } from './two-tier-options';
import { TwoTierStats } from './two-tier-stats';

/** Per-call options of {@link TwoTierCache.getOrLoad}. */
export interface GetOrLoadOptions {
  /** L2 TTL of the loaded value, in ms (default: the cache's `l2TtlMs`). */
  ttlMs?: number;
  /** Take the cross-instance lock for this load (default: true when the cache has a `lock`). */
  lock?: boolean;
}

/** An L1 entry: served while fresh; past `freshUntil` only by `getOrLoad`, in grace. */
interface L1Entry<V> {
  readonly value: V;
  readonly freshUntil: number;
}

/** A read or write of a key in flight; an invalidation arriving meanwhile marks it. */
interface Ticket {
  invalidated: boolean;
}

type Counters = Omit<TwoTierStats, 'hits' | 'hitRate' | 'l1Size'>;

const ZERO: Counters = {
  l1Hits: 0, l2Hits: 0, misses: 0, sets: 0, deletes: 0, warnings: 0, loads: 0, loadErrors: 0, coalesced: 0,
  staleServed: 0, softTimeouts: 0, lockSavedLoads: 0, lockFailures: 0, discardedLoads: 0, invalidationsSent: 0,
  invalidationsReceived: 0, l1Invalidated: 0, l1Bypassed: 0, resyncs: 0,
};

/**
 * A two-tier cache: L1 in this process (a bounded {@link TTLCache}), L2 shared by every instance
 * (any {@link AsyncCache}, Redis in practice), kept coherent by an {@link InvalidationBus}.
 *
 * Reads go L1 → L2 (filling L1) → loader. `set`/`delete` write L2 first, then publish an
 * invalidation; the other instances drop the key from L1 while the writer keeps its own fresh
 * entry. A lost message leaves another instance stale for at most `l1TtlMs`. While the bus is
 * not subscribed (before `start`, during an outage) L1 is bypassed, and when it comes back L1 is
 * cleared: invalidations sent meanwhile are lost, so nothing L1 held can be trusted.
 *
 * A read or load racing with an invalidation of its key does not fill L1 (and a load does not
 * fill L2) with what it got: that may predate the write the invalidation announced.
 *
 * Loads: one per key per process (single-flight), optionally one across instances (a
 * {@link RedisLock}, double-checking L2 once held), a grace period that serves the old value
 * while one caller refreshes, and a soft timeout after which a waiting caller gets the old value
 * while the load carries on in the background. L2 errors are fail-open for reads (a miss, then
 * the loader); values are shared, not copied: treat them as immutable.
 */
export class TwoTierCache<V = unknown> implements AsyncCache<V> {
  readonly kind = 'two-tier';
  private readonly options: ResolvedTwoTierOptions<V>;
  private readonly l1: TTLCache<string, L1Entry<V>>;
  private readonly flights = new SingleFlight();
  private readonly tickets = new Map<string, Set<Ticket>>();
  private counts: Counters = { ...ZERO };
  /** L1 may be served: no bus, or a bus that is subscribed and has not missed anything since L1 was last cleared. */
  private l1Trusted: boolean;
  private started = false;

  /**
   * @throws TypeError if `l2`, `bus`, `lock`, `now`, `timers` or `onWarning` is of the wrong kind.
   * @throws RangeError if `l1Capacity` is not a positive integer or a duration is out of range.
   */
  constructor(options: TwoTierCacheOptions<V>) {
    this.options = resolveTwoTierOptions(options, realTimers, systemClock);
    const { l1Capacity, l1TtlMs, graceMs, now } = this.options;
    this.l1 = new TTLCache({ capacity: l1Capacity, defaultTtlMs: l1TtlMs + graceMs, now });
    this.l1Trusted = this.options.bus === undefined;
  }

  /** This instance's id on the bus (`undefined` without a bus). */
  get instanceId(): string | undefined {
    return this.options.bus?.instanceId;
  }

  /** Whether reads may be answered from L1 right now (false before `start` and during a bus outage). */
  get l1Enabled(): boolean {
    return this.l1Trusted;
  }

  /** Subscribes the bus; until it resolves, L1 is bypassed. Call once. */
  async start(): Promise<void> {
    if (this.started) throw new Error('start() was already called');
    this.started = true;
    const bus = this.options.bus;
    if (!bus) return;
    const listener: InvalidationListener = {
      invalidate: (keys) => this.receiveInvalidation(keys),
      disconnected: () => this.distrustL1(),
      reconnected: () => this.resync(),
    };
    await bus.start(listener);
    this.resync();
  }

  /** {@inheritDoc AsyncCache.get} */
  async get(key: string): Promise<V | undefined> {
    assertKey(key);
    const entry = this.freshL1(key);
    if (entry !== undefined) return entry.value;
    return this.readThroughL2(key, true);
  }

  /** {@inheritDoc AsyncCache.getMany} */
  getMany(keys: readonly string[]): Promise<Array<V | undefined>> {
    return Promise.all(keys.map((key) => this.get(key)));
  }

  /**
   * The value of `key` from L1, L2 or else `loader()` (whose result is written to L2 and L1; an
   * `undefined` result is returned, not cached). Concurrent callers in this process share one
   * refresh; see the class comment for the lock, grace and soft timeout. Loader errors propagate
   * unless an in-grace value can be served instead.
   */
  async getOrLoad(key: string, loader: () => Promise<V>, options: GetOrLoadOptions = {}): Promise<V> {
    assertKey(key);
    assertFunction('loader', loader);
    const ttlMs = options.ttlMs ?? this.options.l2TtlMs;
    assertPositiveDuration('ttlMs', ttlMs);
    const useLock = (options.lock ?? true) && this.options.lock !== undefined;
    const entry = this.l1Trusted ? this.l1.get(key) : undefined;
    if (!this.l1Trusted) this.counts.l1Bypassed++;
    if (entry !== undefined && this.options.now() < entry.freshUntil) {
      this.counts.l1Hits++;
      return entry.value;
    }
    if (this.flights.has(key)) this.counts.coalesced++;
    const refresh = this.flights.run(key, () => this.refresh(key, loader, ttlMs, useLock));
    return entry === undefined ? refresh : this.staleUnlessQuick(refresh, entry.value);
  }

  /**
   * Writes L2 (for `ttlMs`, default `l2TtlMs`), then this instance's L1, then publishes the
   * invalidation. Resolves `false` when L2 did not store it (fail-open L2): L1 then drops the
   * key instead of holding a value L2 lacks. An L2 that throws makes `set` reject, after the
   * same L1 drop and publish.
   */
  async set(key: string, value: V, ttlMs: number = this.options.l2TtlMs): Promise<boolean> {
    const [stored] = await this.setEntries([[key, value]], ttlMs);
    return stored;
  }

  /** Like {@link TwoTierCache.set} for several entries, announced in one message; `true` if L2 stored them all. */
  async setMany(entries: ReadonlyArray<readonly [string, V]>, ttlMs: number = this.options.l2TtlMs): Promise<boolean> {
    if (!Array.isArray(entries)) throw new TypeError('entries must be an array of [key, value] pairs');
    const stored = await this.setEntries(entries, ttlMs);
    return stored.every(Boolean);
  }

  /** Deletes from L2, then L1, then publishes; resolves to whether L2 held the key. */
  async delete(key: string): Promise<boolean> {
    assertKey(key);
    const [removed] = await this.write([[key, undefined]], async () => {
      const result = await this.options.l2.delete(key);
      if (result) this.counts.deletes++;
      return [result];
    });
    return removed;
  }

  /** Deletes every key starting with `prefix` in L2 and L1; the others clear their L1 (the message carries no prefix). */
  async deleteByPrefix(prefix: string): Promise<number> {
    if (typeof prefix !== 'string') throw new TypeError('prefix must be a string');
    this.markTickets(() => true);
    try {
      const removed = await this.options.l2.deleteByPrefix(prefix);
      this.counts.deletes += removed;
      return removed;
    } finally {
      for (const key of [...this.l1.keys()]) if (key.startsWith(prefix)) this.l1.delete(key);
      await this.publish(null);
    }
  }

  /** Clears L2 (this namespace), L1, and every other instance's L1. */
  async clear(): Promise<void> {
    this.markTickets(() => true);
    try {
      await this.options.l2.clear();
    } finally {
      this.l1.clear();
      await this.publish(null);
    }
  }

  /** {@inheritDoc AsyncCache.size} — of L2, the shared tier. */
  size(): Promise<number> {
    return this.options.l2.size();
  }

  /** A snapshot of the counters. */
  stats(): TwoTierStats {
    const hits = this.counts.l1Hits + this.counts.l2Hits;
    return { ...this.counts, hits, hitRate: hitRate(hits, this.counts.misses), l1Size: this.l1.size };
  }

  /** Zeroes the counters. */
  resetStats(): void {
    this.counts = { ...ZERO };
  }

  /** Closes the bus (the connections stay open: they are the caller's). */
  async close(): Promise<void> {
    this.l1Trusted = false;
    this.l1.clear();
    await this.options.bus?.close();
  }

  // --- reads -------------------------------------------------------------------------------

  private freshL1(key: string): L1Entry<V> | undefined {
    if (!this.l1Trusted) {
      this.counts.l1Bypassed++;
      return undefined;
    }
    const entry = this.l1.get(key);
    if (entry === undefined || this.options.now() >= entry.freshUntil) return undefined;
    this.counts.l1Hits++;
    return entry;
  }

  /** Reads L2 (fail-open), fills L1 unless invalidated meanwhile; counts an L2 hit or, if `countMiss`, a miss. */
  private async readThroughL2(key: string, countMiss: boolean): Promise<V | undefined> {
    const ticket = this.openTicket(key);
    try {
      const value = await this.readL2(key);
      if (value !== undefined) {
        this.counts.l2Hits++;
        this.fillL1(key, value, ticket);
      } else if (countMiss) {
        this.counts.misses++;
      }
      return value;
    } finally {
      this.closeTicket(key, ticket);
    }
  }

  private async readL2(key: string): Promise<V | undefined> {
    try {
      return await this.options.l2.get(key);
    } catch (error) {
      this.warn(`L2 read of "${key}" failed, treated as a miss`, error);
      return undefined;
    }
  }

  // --- loads -------------------------------------------------------------------------------

  private async refresh(key: string, loader: () => Promise<V>, ttlMs: number, useLock: boolean): Promise<V> {
    const cached = await this.readThroughL2(key, true);
    if (cached !== undefined) return cached;
    if (!useLock) return this.loadAndStore(key, loader, ttlMs);
    let loaderFailed = false;
    try {
      return await (this.options.lock as NonNullable<typeof this.options.lock>).withLock(this.options.lockPrefix + key, async () => {
        // Whoever held the lock before us has probably filled L2 by now.
        const filled = await this.readThroughL2(key, false);
        if (filled !== undefined) {
          this.counts.lockSavedLoads++;
          return filled;
        }
        try {
          return await this.loadAndStore(key, loader, ttlMs);
        } catch (error) {
          loaderFailed = true;
          throw error;
        }
      });
    } catch (error) {
      if (loaderFailed) throw error;
      // The lock is an optimisation: when Redis cannot give it, load anyway.
      this.counts.lockFailures++;
      this.warn(`lock for "${key}" not taken, loading without it`, error);
      return this.loadAndStore(key, loader, ttlMs);
    }
  }

  private async loadAndStore(key: string, loader: () => Promise<V>, ttlMs: number): Promise<V> {
    const ticket = this.openTicket(key);
    try {
      this.counts.loads++;
      let value: V;
      try {
        value = await loader();
      } catch (error) {
        this.counts.loadErrors++;
        throw error;
      }
      if (value === undefined) return value;
      if (ticket.invalidated) {
        this.counts.discardedLoads++;
        return value;
      }
      // A load fills a miss; the data did not change, so nobody needs to hear about it.
      const stored = await this.options.l2.set(key, value, ttlMs).catch((error: unknown) => {
        this.warn(`L2 write of loaded "${key}" failed`, error);
        return false;
      });
      if (stored) this.counts.sets++;
      this.fillL1(key, value, ticket);
      return value;
    } finally {
      this.closeTicket(key, ticket);
    }
  }

  /** Returns `stale` at once or after `softTimeoutMs` unless `refresh` settles first with a value. */
  private staleUnlessQuick(refresh: Promise<V>, stale: V): Promise<V> {
    const serveStale = (timedOut: boolean) => {
      this.counts.staleServed++;
      if (timedOut) this.counts.softTimeouts++;
      return stale;
    };
    // The refresh goes on in the background; its failure must not become an unhandled rejection.
    refresh.catch((error: unknown) => this.warn('background refresh failed; the in-grace value was served', error));
    if (this.options.softTimeoutMs === 0) return Promise.resolve(serveStale(false));
    return new Promise<V>((resolve) => {
      const { timers } = this.options;
      const timer = timers.setTimeout(() => resolve(serveStale(true)), this.options.softTimeoutMs);
      refresh.then(
        (value) => {
          timers.clearTimeout(timer);
          resolve(value);
        },
        () => {
          timers.clearTimeout(timer);
          resolve(serveStale(false));
        },
      );
    });
  }

  // --- writes ------------------------------------------------------------------------------

  private setEntries(entries: ReadonlyArray<readonly [string, V]>, ttlMs: number): Promise<boolean[]> {
    for (const entry of entries) assertKey(Array.isArray(entry) ? entry[0] : entry);
    assertPositiveDuration('ttlMs', ttlMs);
    return this.write(entries, async () => {
      // One command per entry: AsyncCache has no batch write, and ioredis pipelines them anyway.
      const stored = await Promise.all(entries.map(([key, value]) => this.options.l2.set(key, value, ttlMs)));
      this.counts.sets += stored.filter(Boolean).length;
      return stored;
    });
  }

  /**
   * Runs an L2 write of `entries` (value `undefined`: a delete), then refreshes this instance's
   * L1 with what L2 accepted and publishes the keys in one message, whether L2 succeeded or not.
   */
  private async write(entries: ReadonlyArray<readonly [string, V | undefined]>, writeL2: () => Promise<boolean[]>): Promise<boolean[]> {
    const keys = entries.map(([key]) => key);
    const written = new Set(keys);
    // Reads and loads of these keys in flight may carry the old values: they must not fill L1.
    this.markTickets((key) => written.has(key));
    const tickets = keys.map((key) => this.openTicket(key));
    let results: boolean[] | undefined;
    try {
      results = await writeL2();
      return results;
    } finally {
      entries.forEach(([key, value], i) => {
        this.l1.delete(key);
        if (results?.[i] && value !== undefined) this.fillL1(key, value, tickets[i]);
        this.closeTicket(key, tickets[i]);
      });
      if (keys.length > 0) await this.publish(keys);
    }
  }

  private async publish(keys: readonly string[] | null): Promise<void> {
    const bus = this.options.bus;
    if (!bus) return;
    if (await bus.publish(keys)) this.counts.invalidationsSent++;
  }

  // --- L1 coherence ------------------------------------------------------------------------

  private fillL1(key: string, value: V, ticket: Ticket): void {
    if (!this.l1Trusted || ticket.invalidated) return;
    this.l1.set(key, { value, freshUntil: this.options.now() + this.options.l1TtlMs });
  }

  private receiveInvalidation(keys: readonly string[] | null): void {
    this.counts.invalidationsReceived++;
    if (keys === null) {
      this.markTickets(() => true);
      this.counts.l1Invalidated += this.l1.size;
      this.l1.clear();
      return;
    }
    for (const key of keys) {
      this.markTickets((k) => k === key);
      if (this.l1.delete(key)) this.counts.l1Invalidated++;
    }
  }

  /** The bus lost its subscription: invalidations may be lost from now on. */
  private distrustL1(): void {
    this.l1Trusted = false;
    this.markTickets(() => true);
    this.l1.clear();
  }

  /** The bus is subscribed (again): whatever L1 held may have been invalidated meanwhile. */
  private resync(): void {
    this.markTickets(() => true);
    this.l1.clear();
    this.l1Trusted = true;
    this.counts.resyncs++;
  }

  private openTicket(key: string): Ticket {
    const ticket: Ticket = { invalidated: false };
    const set = this.tickets.get(key) ?? new Set<Ticket>();
    set.add(ticket);
    this.tickets.set(key, set);
    return ticket;
  }

  private closeTicket(key: string, ticket: Ticket): void {
    const set = this.tickets.get(key);
    if (!set) return;
    set.delete(ticket);
    if (set.size === 0) this.tickets.delete(key);
  }

  private markTickets(matches: (key: string) => boolean): void {
    for (const [key, set] of this.tickets) if (matches(key)) for (const ticket of set) ticket.invalidated = true;
  }

  private warn(message: string, error: unknown): void {
    this.counts.warnings++;
    this.options.onWarning?.(`${message}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

function assertKey(key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new TypeError(`key must be a string, got ${typeof key}`);
}
