import { assertFunction } from '../core/validate';
import { encodeJson } from '../cache/json-codec';
import { CacheAside } from './cache-aside';
import { CoalescingWriteQueue } from './coalescing-write-queue';
import { KeyedMutex } from './keyed-mutex';
import { OneShotTimer } from './one-shot-timer';
import { retryWithBackoff } from './retry-with-backoff';
import { SerialJobs } from './serial-jobs';
import { WaitList } from './wait-list';
import { WriteBehindClosedError, WriteBehindFlushError, WriteBehindQueueFullError } from './errors';
import { WriteBehindOptions, WriteBehindSettings, writeBehindSettings } from './write-behind-options';
import { WriteBehindCounters, WriteBehindStats, zeroWriteBehindCounters } from './write-behind-stats';

export { WriteBehindOptions } from './write-behind-options';
export { WriteBehindStats } from './write-behind-stats';

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
  private readonly settings: WriteBehindSettings;
  private readonly mutex = new KeyedMutex();
  private readonly queue = new CoalescingWriteQueue<V>();
  /** Keys whose cache entry may be older than the truth because a cache write failed. */
  private readonly unsynced = new Set<string>();
  /** Flushes are serialised: one batch at a time, so a key's writes reach the database in order. */
  private readonly jobs = new SerialJobs();
  private readonly timer: OneShotTimer;
  /** Writers waiting for queue space (back-pressure). */
  private readonly spaceWaiters = new WaitList();
  private backgroundScheduled = false;
  private closed = false;
  private readonly counts: WriteBehindCounters = zeroWriteBehindCounters();
  private lastError: unknown;

  /**
   * @throws {TypeError} when `saveBatch`, `load` or `sleep` is not a function.
   * @throws {RangeError} when a size, count, duration or `overflow` is out of range.
   */
  constructor(private readonly options: WriteBehindOptions<V>) {
    this.settings = writeBehindSettings(options);
    this.timer = new OneShotTimer(this.settings.timers);
    this.reader = new CacheAside(options.cache, { ttlMs: this.settings.ttlMs });
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
    const pending = this.queue.pendingValue(key);
    if (pending) return pending.value;
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
    const target = this.queue.lastSeq;
    return this.jobs.run(() => this.drain((head) => head <= target));
  }

  /** Stops accepting writes, stops the timer and flushes everything. Call it on shutdown. */
  async close(): Promise<void> {
    this.closed = true;
    this.timer.clear();
    await this.flush();
  }

  /**
   * Simulates a crash: stops at once without flushing. Returns how many acknowledged writes are
   * lost (those queued or in flight), which is the crash-loss window at that moment.
   */
  abandon(): number {
    this.closed = true;
    this.timer.clear();
    const lost = this.queue.pending;
    this.counts.dropped += lost;
    this.queue.clearQueued();
    this.spaceWaiters.wakeAll();
    return lost;
  }

  /** A snapshot of the counters; `queued` is the crash-loss window right now. */
  stats(): WriteBehindStats {
    return { ...this.counts, queued: this.queue.pending };
  }

  /** The error of the last failed flush, if any (background flushes cannot throw to anyone). */
  get lastFlushError(): unknown {
    return this.lastError;
  }

  private async writeUnlocked(key: string, value: V): Promise<void> {
    if (this.closed) throw new WriteBehindClosedError();
    await this.waitForSpace(key);
    if (this.closed) throw new WriteBehindClosedError();
    if (this.queue.add(key, value)) this.counts.coalesced++;
    this.counts.writes++;
    this.counts.maxQueued = Math.max(this.counts.maxQueued, this.queue.pending);
    this.reader.markInflight((k) => k === key);
    let cached = false;
    try {
      cached = await this.options.cache.set(key, value, this.settings.ttlMs);
    } catch {
      cached = false;
    }
    if (cached) this.unsynced.delete(key);
    else this.unsynced.add(key);
    if (this.queue.size >= this.settings.maxBatchSize) this.scheduleBackground('size');
    else this.armTimer();
  }

  /** Back-pressure: a new key waits (or is refused) while `maxQueueSize` writes are pending. */
  private async waitForSpace(key: string): Promise<void> {
    let counted = false;
    while (!this.closed && !this.queue.has(key) && this.queue.pending >= this.settings.maxQueueSize) {
      if (this.settings.overflow === 'reject') throw new WriteBehindQueueFullError(this.settings.maxQueueSize);
      if (!counted) this.counts.blockedWrites++;
      counted = true;
      this.scheduleBackground('size');
      await this.spaceWaiters.wait();
    }
  }

  private scheduleBackground(reason: 'size' | 'timer'): void {
    if (this.backgroundScheduled) return;
    this.backgroundScheduled = true;
    this.jobs
      .run(async () => {
        this.backgroundScheduled = false;
        // By size: flush full batches. By timer: flush everything that has waited.
        await this.drain(reason === 'size' ? () => this.queue.size >= this.settings.maxBatchSize || this.spaceWaiters.length > 0 : () => true);
      })
      .catch(() => {
        // The entries stay queued; try again after an interval.
        if (!this.closed) this.armTimer();
      });
  }

  private armTimer(): void {
    if (this.closed || this.queue.size === 0) return;
    this.timer.arm(() => this.scheduleBackground('timer'), this.settings.flushIntervalMs);
  }

  /** Flushes batches while the queue's oldest entry satisfies `more`. */
  private async drain(more: (headSeq: number) => boolean): Promise<void> {
    for (;;) {
      const head = this.queue.headSeq();
      if (head === undefined || !more(head)) break;
      await this.flushBatch();
    }
    if (this.queue.size > 0) this.armTimer();
  }

  private async flushBatch(): Promise<void> {
    const batch = this.queue.takeBatch(this.settings.maxBatchSize);
    try {
      await retryWithBackoff(() => this.options.saveBatch(batch), {
        maxRetries: this.settings.maxRetries,
        baseMs: this.settings.retryBaseMs,
        maxMs: this.settings.retryMaxMs,
        sleep: this.settings.sleep,
        onRetry: () => this.counts.retries++,
      });
    } catch (error) {
      this.queue.batchFailed(batch);
      this.counts.failedFlushes++;
      this.lastError = error;
      throw new WriteBehindFlushError(this.queue.pending, error);
    }
    this.queue.batchSaved();
    this.counts.flushed += batch.length;
    this.counts.batches++;
    this.spaceWaiters.wakeAll();
  }
}
