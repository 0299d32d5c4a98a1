/**
 * Reference solution: a write-behind queue (write-back). A write is acknowledged as soon as it
 * is queued; the queue is written to the database later, in batches, with one value per key (the
 * latest wins). Failed batches are retried with exponential backoff; a batch that still fails
 * after `maxRetries` retries goes back into the queue (never dropped) and the flush reports the
 * failure. A full queue makes writers wait (back-pressure), and `close()` writes everything.
 *
 * Time has one seam, the injected async `sleep(ms)`: the flush interval and the backoff both wait
 * through it, so a test drives time with a fake clock.
 */

/** One entry of a batch handed to the database. */
export interface WriteBehindEntry<V> {
  key: string;
  value: V;
}

/** Options for {@link WriteBehindQueue}. */
export interface WriteBehindOptions<V> {
  /** Persists one batch (distinct keys); rejects when the database fails. */
  write: (batch: Array<WriteBehindEntry<V>>) => Promise<void>;
  /** Most entries per `write` call; queuing this many distinct keys starts a flush. */
  maxBatchSize: number;
  /** Longest a queued write waits before a flush starts, in ms. */
  flushIntervalMs: number;
  /** Most distinct keys waiting in the queue (≥ maxBatchSize); beyond it `enqueue` waits. */
  maxQueueSize: number;
  /** Retries of a failed batch before giving up on it (0 = try once). */
  maxRetries: number;
  /** Wait before retry n (1-based) is `retryBaseMs · 2^(n−1)`. */
  retryBaseMs: number;
  /** How to wait (default: real timers). */
  sleep?: (ms: number) => Promise<void>;
}

/** Counters of a {@link WriteBehindQueue}. */
export interface WriteBehindStats {
  /** Distinct keys waiting in the queue. */
  queued: number;
  /** Entries of the batch being written (0 when none). */
  inFlight: number;
  /** Entries the database accepted. */
  written: number;
  /** Successful `write` calls. */
  batches: number;
  /** Enqueues merged into a queued write of the same key. */
  coalesced: number;
  /** Failed `write` calls that were retried. */
  retries: number;
  /** Batches given up on after `maxRetries` retries (their entries went back into the queue). */
  failed: number;
}

/** A write-behind queue: coalescing, batching, retrying, back-pressured, lossless on close. */
export class WriteBehindQueue<V> {
  private readonly write: (batch: Array<WriteBehindEntry<V>>) => Promise<void>;
  private readonly maxBatchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxQueueSize: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  /** Waiting writes, oldest first; a Map keeps a key's first position when its value is replaced. */
  private readonly queue = new Map<string, V>();
  /** Writers waiting for space, woken in order. */
  private readonly waiters: Array<() => void> = [];
  private draining: Promise<void> | undefined;
  private timerArmed = false;
  private closed = false;
  private counters = { inFlight: 0, written: 0, batches: 0, coalesced: 0, retries: 0, failed: 0 };

  /**
   * @throws {TypeError} when `write` or `sleep` is not a function.
   * @throws {RangeError} when a size, count or duration is out of range (the message names it).
   */
  constructor(options: WriteBehindOptions<V>) {
    if (typeof options !== 'object' || options === null) throw new TypeError(`options must be an object, got ${String(options)}`);
    const { write, maxBatchSize, flushIntervalMs, maxQueueSize, maxRetries, retryBaseMs, sleep } = options;
    if (typeof write !== 'function') throw new TypeError(`write must be a function, got ${typeof write}`);
    if (sleep !== undefined && typeof sleep !== 'function') throw new TypeError(`sleep must be a function, got ${typeof sleep}`);
    requireInteger('maxBatchSize', maxBatchSize, 1);
    requirePositive('flushIntervalMs', flushIntervalMs);
    requireInteger('maxQueueSize', maxQueueSize, 1);
    if (maxQueueSize < maxBatchSize) throw new RangeError(`maxQueueSize must be ≥ maxBatchSize (${maxBatchSize}), got ${maxQueueSize}`);
    requireInteger('maxRetries', maxRetries, 0);
    requirePositive('retryBaseMs', retryBaseMs);
    this.write = write;
    this.maxBatchSize = maxBatchSize;
    this.flushIntervalMs = flushIntervalMs;
    this.maxQueueSize = maxQueueSize;
    this.maxRetries = maxRetries;
    this.retryBaseMs = retryBaseMs;
    this.sleep = sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Queues `value` for `key`; resolves once it is queued (acknowledged). A key already queued
   * gets the new value in place. A new key waits while the queue is full.
   */
  async enqueue(key: string, value: V): Promise<void> {
    if (typeof key !== 'string' || key === '') throw new TypeError(`key must be a non-empty string, got ${JSON.stringify(key)}`);
    if (value === undefined) throw new TypeError('value must not be undefined');
    this.assertOpen();
    while (!this.queue.has(key) && this.queue.size >= this.maxQueueSize) {
      this.startFlush();
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      this.assertOpen();
    }
    if (this.queue.has(key)) this.counters.coalesced++;
    this.queue.set(key, value);
    if (this.queue.size >= this.maxBatchSize) this.startFlush();
    else this.armTimer();
  }

  /** Writes batches until the queue is empty; rejects if a batch is given up on. */
  flush(): Promise<void> {
    if (this.draining === undefined) {
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
        if (this.queue.size > 0) this.armTimer();
      });
    }
    return this.draining;
  }

  /** Rejects later enqueues and writes everything queued; rejects if that fails. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.queue.size > 0 || this.draining !== undefined || this.waiters.length > 0) {
      this.wakeWaiters();
      await this.flush();
    }
  }

  /** A snapshot of the counters. */
  stats(): WriteBehindStats {
    return { queued: this.queue.size, ...this.counters };
  }

  private async drain(): Promise<void> {
    while (this.queue.size > 0) {
      const batch = this.takeBatch();
      this.counters.inFlight = batch.length;
      this.wakeWaiters();
      try {
        await this.writeWithRetries(batch);
        this.counters.written += batch.length;
        this.counters.batches++;
      } catch (error) {
        this.counters.failed++;
        this.requeue(batch);
        throw error;
      } finally {
        this.counters.inFlight = 0;
      }
    }
  }

  private takeBatch(): Array<WriteBehindEntry<V>> {
    const batch: Array<WriteBehindEntry<V>> = [];
    for (const [key, value] of this.queue) {
      if (batch.length === this.maxBatchSize) break;
      batch.push({ key, value });
    }
    for (const { key } of batch) this.queue.delete(key);
    return batch;
  }

  private async writeWithRetries(batch: Array<WriteBehindEntry<V>>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.write(batch.map((entry) => ({ ...entry })));
        return;
      } catch (error) {
        if (attempt >= this.maxRetries) {
          throw new Error(`write-behind gave up on a batch of ${batch.length} after ${attempt + 1} attempts: ${describe(error)}`);
        }
        this.counters.retries++;
        await this.sleep(this.retryBaseMs * 2 ** attempt);
      }
    }
  }

  /** Puts a failed batch back at the front, unless a newer value for a key was queued meanwhile. */
  private requeue(batch: Array<WriteBehindEntry<V>>): void {
    const newer = new Map(this.queue);
    this.queue.clear();
    for (const { key, value } of batch) this.queue.set(key, newer.has(key) ? (newer.get(key) as V) : value);
    for (const [key, value] of newer) this.queue.set(key, value);
  }

  private startFlush(): void {
    // Background flushes report failures through stats().failed; the queue keeps the entries.
    this.flush().catch(() => undefined);
  }

  private armTimer(): void {
    if (this.timerArmed || this.queue.size === 0) return;
    this.timerArmed = true;
    this.sleep(this.flushIntervalMs).then(
      () => {
        this.timerArmed = false;
        if (this.queue.size > 0) this.startFlush();
      },
      () => {
        this.timerArmed = false;
      },
    );
  }

  private wakeWaiters(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the write-behind queue is closed: enqueue after close() is refused');
  }
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${String(value)}`);
}

function requirePositive(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive finite number, got ${String(value)}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
