import { assertFunction, assertNonNegativeInteger, assertPositiveDuration, assertPositiveInteger } from '../core/validate';
import { AsyncCache } from '../cache/async-cache';
import { encodeJson } from '../cache/json-codec';
import { Delay, realDelay } from '../db/latency';
import { CacheAside } from './cache-aside';
import { KeyedMutex } from './keyed-mutex';
import { Timers, realTimers } from './timers';
import { WriteBehindClosedError, WriteBehindFlushError, WriteBehindQueueFullError } from './write-behind-errors';

/** Options for {@link WriteBehind}. */
export interface WriteBehindOptions<V> {
  cache: AsyncCache<V>;
  /** Persists a batch in the database; must be all-or-nothing (one transaction) so retries are safe. */
  saveBatch: (entries: ReadonlyArray<readonly [string, V]>) => Promise<void>;
  /** Reads a value from the database of record, for keys neither queued nor cached. */
  load: (key: string) => Promise<V | undefined>;
  /** TTL of cached values, in ms (default 60 000). */
  ttlMs?: number;
  /** Most entries per database write; reaching it triggers a flush (default 100). */
  maxBatchSize?: number;
  /** Longest an acknowledged write waits before a flush starts, in ms (default 1 000). */
  flushIntervalMs?: number;
  /** Most distinct keys queued or in flight; beyond it writers wait (default 10 000). */
  maxQueueSize?: number;
  /** When the queue is full: `block` (default) makes `write` wait for space; `reject` throws. */
  overflow?: 'block' | 'reject';
  /** Retries of a failing batch before `flush` gives up, keeping the batch queued (default 5). */
  maxRetries?: number;
  /** Backoff before retry n is `min(retryBaseMs · 2ⁿ, retryMaxMs)` (defaults 50 and 2 000 ms). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How backoff waits (default real `setTimeout`); tests inject an instant one. */
  sleep?: Delay;
  /** Timers for the flush interval (default real, unref'd). */
  timers?: Timers;
}

/** Counters of a {@link WriteBehind}. */
export interface WriteBehindStats {
  /** Writes acknowledged. */
  writes: number;
  /** Acknowledged writes not yet in the database (queued or in flight): what a crash now would lose. */
  queued: number;
  /** Writes merged into a queued write of the same key (last write wins). */
  coalesced: number;
  /** Entries persisted. */
  flushed: number;
  /** Successful database batch writes. */
  batches: number;
  /** Failed batch attempts that were retried. */
  retries: number;
  /** Flushes that gave up after `maxRetries` (their entries stayed queued). */
  failedFlushes: number;
  /** Writes that had to wait for queue space (back-pressure). */
  blockedWrites: number;
  /** Acknowledged writes discarded by {@link WriteBehind.abandon} (a simulated crash). */
  dropped: number;
  /** Largest `queued` seen. */
  maxQueued: number;
}

/**
 * Write-behind (write-back): a write updates the cache and a queue, and is acknowledged at cache
 * speed; the queue is flushed to the database later, in batches, coalescing writes per key
 * (the last value wins), retrying with exponential backoff while the database fails.
 *
 * **Crash-loss window.** Durability is deferred: writes acknowledged but not yet flushed live
 * only in this process's memory. If the process dies, exactly {@link WriteBehindStats.queued}
 * writes are lost. That number is bounded by `maxQueueSize`, and in steady state by what arrives
 * within one `flushIntervalMs` (plus one batch in flight): a flush starts once `maxBatchSize`
 * keys are queued or the oldest has waited `flushIntervalMs`. Call {@link flush} for a durability
 * point and {@link close} on shutdown; {@link abandon} simulates the crash.
 *
 * Reads see the freshest value: the queue first, then the cache, then the database. If the cache
 * failed to take a write, the key bypasses the cache until the cache has dropped it.
 */
export class WriteBehind<V = unknown> {
  readonly reader: CacheAside<V>;
  private readonly ttlMs: number;
  private readonly maxBatchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxQueueSize: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly sleep: Delay;
  private readonly timers: Timers;
  private readonly mutex = new KeyedMutex();
  /** Queued entries in order of first write; `seq` is the write sequence number of that first write. */
  private queue = new Map<string, { value: V; seq: number }>();
  private inFlight = new Map<string, V>();
  /** Keys whose cache entry may be older than the truth because a cache write failed. */
  private readonly unsynced = new Set<string>();
  private seq = 0;
  private tail: Promise<void> = Promise.resolve();
  private backgroundScheduled = false;
  private timer: unknown;
  private spaceWaiters: Array<() => void> = [];
  private closed = false;
  private counts: Omit<WriteBehindStats, 'queued'> = {
    writes: 0, coalesced: 0, flushed: 0, batches: 0, retries: 0, failedFlushes: 0, blockedWrites: 0, dropped: 0, maxQueued: 0,
  };
  private lastError: unknown;

  constructor(private readonly options: WriteBehindOptions<V>) {
    assertFunction('saveBatch', options.saveBatch);
    assertFunction('load', options.load);
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxBatchSize = options.maxBatchSize ?? 100;
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.maxQueueSize = options.maxQueueSize ?? 10_000;
    this.maxRetries = options.maxRetries ?? 5;
    this.retryBaseMs = options.retryBaseMs ?? 50;
    this.retryMaxMs = options.retryMaxMs ?? 2_000;
    assertPositiveDuration('ttlMs', this.ttlMs);
    assertPositiveInteger('maxBatchSize', this.maxBatchSize);
    assertPositiveDuration('flushIntervalMs', this.flushIntervalMs);
    assertPositiveInteger('maxQueueSize', this.maxQueueSize);
    assertNonNegativeInteger('maxRetries', this.maxRetries);
    assertPositiveDuration('retryBaseMs', this.retryBaseMs);
    assertPositiveDuration('retryMaxMs', this.retryMaxMs);
    if (options.overflow !== undefined && options.overflow !== 'block' && options.overflow !== 'reject') {
      throw new RangeError(`overflow must be "block" or "reject", got ${JSON.stringify(options.overflow)}`);
    }
    if (options.sleep !== undefined) assertFunction('sleep', options.sleep);
    this.sleep = options.sleep ?? realDelay;
    this.timers = options.timers ?? realTimers;
    this.reader = new CacheAside(options.cache, { ttlMs: this.ttlMs });
  }

  /** Acknowledges `value` for `key` once it is queued and cached; the database gets it later. */
  write(key: string, value: V): Promise<void> {
    encodeJson(value);
    return this.mutex.run(key, () => this.writeUnlocked(key, value));
  }

  /**
   * Read-modify-write of one key, serialised per key so concurrent updates are not lost
   * (e.g. counters). `fn` gets the freshest value (`undefined` if none) and returns the next.
   */
  update(key: string, fn: (current: V | undefined) => V): Promise<V> {
    assertFunction('fn', fn);
    return this.mutex.run(key, async () => {
      const next = fn(await this.read(key));
      encodeJson(next);
      await this.writeUnlocked(key, next);
      return next;
    });
  }

  /** The freshest value of `key`: queued, else cached, else loaded from the database. */
  async read(key: string): Promise<V | undefined> {
    const queued = this.queue.get(key);
    if (queued) return queued.value;
    if (this.inFlight.has(key)) return this.inFlight.get(key);
    if (this.unsynced.has(key)) {
      try {
        await this.options.cache.delete(key);
        this.unsynced.delete(key);
      } catch {
        return this.options.load(key);
      }
    }
    return this.reader.getOrLoad(key, () => this.options.load(key));
  }

  /** Persists every write acknowledged before this call (retrying); rejects if the database keeps failing. */
  flush(): Promise<void> {
    const target = this.seq;
    return this.enqueueJob(() => this.drain((head) => head <= target));
  }

  /** Stops accepting writes, stops the timer and flushes everything. Call it on shutdown. */
  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    await this.flush();
  }

  /**
   * Simulates a crash: stops at once without flushing. Returns how many acknowledged writes are
   * lost (those queued or in flight), which is the crash-loss window at that moment.
   */
  abandon(): number {
    this.closed = true;
    this.clearTimer();
    const lost = this.queue.size + this.inFlight.size;
    this.counts.dropped += lost;
    this.queue.clear();
    this.wakeWriters();
    return lost;
  }

  /** A snapshot of the counters; `queued` is the crash-loss window right now. */
  stats(): WriteBehindStats {
    return { ...this.counts, queued: this.pendingCount() };
  }

  /** The error of the last failed flush, if any (background flushes cannot throw to anyone). */
  get lastFlushError(): unknown {
    return this.lastError;
  }

  private async writeUnlocked(key: string, value: V): Promise<void> {
    if (this.closed) throw new WriteBehindClosedError();
    await this.waitForSpace(key);
    if (this.closed) throw new WriteBehindClosedError();
    const queued = this.queue.get(key);
    this.seq++;
    if (queued) {
      queued.value = value;
      this.counts.coalesced++;
    } else {
      this.queue.set(key, { value, seq: this.seq });
    }
    this.counts.writes++;
    this.counts.maxQueued = Math.max(this.counts.maxQueued, this.pendingCount());
    this.reader.markInflight((k) => k === key);
    let cached = false;
    try {
      cached = await this.options.cache.set(key, value, this.ttlMs);
    } catch {
      cached = false;
    }
    if (cached) this.unsynced.delete(key);
    else this.unsynced.add(key);
    if (this.queue.size >= this.maxBatchSize) this.scheduleBackground('size');
    else this.armTimer();
  }

  private async waitForSpace(key: string): Promise<void> {
    let counted = false;
    while (!this.closed && !this.queue.has(key) && this.pendingCount() >= this.maxQueueSize) {
      if (this.options.overflow === 'reject') throw new WriteBehindQueueFullError(this.maxQueueSize);
      if (!counted) this.counts.blockedWrites++;
      counted = true;
      this.scheduleBackground('size');
      await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
    }
  }

  private pendingCount(): number {
    return this.queue.size + this.inFlight.size;
  }

  /** Flushes are serialised: one batch at a time, so a key's writes reach the database in order. */
  private enqueueJob(job: () => Promise<void>): Promise<void> {
    const run = this.tail.then(job);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private scheduleBackground(reason: 'size' | 'timer'): void {
    if (this.backgroundScheduled) return;
    this.backgroundScheduled = true;
    this.enqueueJob(async () => {
      this.backgroundScheduled = false;
      // By size: flush full batches. By timer: flush everything that has waited.
      await this.drain(reason === 'size' ? () => this.queue.size >= this.maxBatchSize || this.spaceWaiters.length > 0 : () => true);
    }).catch(() => {
      // The entries stay queued; try again after an interval.
      if (!this.closed) this.armTimer();
    });
  }

  private armTimer(): void {
    if (this.timer !== undefined || this.closed || this.queue.size === 0) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.scheduleBackground('timer');
    }, this.flushIntervalMs);
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Flushes batches while the queue's oldest entry satisfies `more`. */
  private async drain(more: (headSeq: number) => boolean): Promise<void> {
    for (;;) {
      const head = this.queue.values().next();
      if (head.done || !more(head.value.seq)) break;
      await this.flushBatch();
    }
    if (this.queue.size > 0) this.armTimer();
  }

  private async flushBatch(): Promise<void> {
    const batch: Array<readonly [string, V]> = [];
    for (const [key, entry] of this.queue) {
      if (batch.length >= this.maxBatchSize) break;
      batch.push([key, entry.value]);
    }
    for (const [key, value] of batch) {
      this.queue.delete(key);
      this.inFlight.set(key, value);
    }
    try {
      await this.saveWithRetry(batch);
    } catch (error) {
      this.inFlight.clear();
      this.requeue(batch);
      this.counts.failedFlushes++;
      this.lastError = error;
      throw new WriteBehindFlushError(this.pendingCount(), error);
    }
    this.inFlight.clear();
    this.counts.flushed += batch.length;
    this.counts.batches++;
    this.wakeWriters();
  }

  private async saveWithRetry(batch: ReadonlyArray<readonly [string, V]>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.saveBatch(batch);
        return;
      } catch (error) {
        if (attempt >= this.maxRetries) throw error;
        this.counts.retries++;
        await this.sleep(Math.min(this.retryBaseMs * 2 ** attempt, this.retryMaxMs));
      }
    }
  }

  /** Puts a failed batch back at the head of the queue; a newer write of the same key wins. */
  private requeue(batch: ReadonlyArray<readonly [string, V]>): void {
    const rebuilt = new Map<string, { value: V; seq: number }>();
    // seq 0: these writes predate every flush still waiting, which must therefore persist them.
    for (const [key, value] of batch) rebuilt.set(key, { value: this.queue.get(key)?.value ?? value, seq: 0 });
    for (const [key, entry] of this.queue) if (!rebuilt.has(key)) rebuilt.set(key, entry);
    this.queue = rebuilt;
  }

  private wakeWriters(): void {
    const waiters = this.spaceWaiters;
    this.spaceWaiters = [];
    for (const wake of waiters) wake();
  }
}
