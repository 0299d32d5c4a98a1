import { EventQueue } from './event-queue';
import { LatencySummary, summarizeLatencies } from './percentile';
import { ResolvedStampedeOptions, StampedeOptions, StampedeStrategy, resolveStampedeOptions } from './stampede-options';

/** What one stampede simulation measured. */
export interface StampedeReport {
  readonly strategy: StampedeStrategy;
  /** Requests that arrived (and completed) during the run. */
  readonly requests: number;
  /** Every database load, whether a request or a background job made it. */
  readonly dbLoads: number;
  /** Loads made by the `prewarm` background job (included in `dbLoads`). */
  readonly backgroundLoads: number;
  /** Times a request found a key expired (each expiry counted once): the moments a stampede can start. */
  readonly expiries: number;
  /** The most database loads running at the same moment: what the database feels. */
  readonly peakConcurrentLoads: number;
  /** Share of requests answered from the cache without waiting for a load. */
  readonly hitRatio: number;
  /** Request latency (arrival to answer), in ms. */
  readonly latency: LatencySummary;
  /** Start time of every database load, in ms, for plotting load over time. */
  readonly loadStartTimes: readonly number[];
}

interface Request {
  readonly arrival: number;
  readonly key: number;
  readonly process: number;
  /** Set when the request lost a lock race and came back: a later cache hit is no longer instant. */
  waited: boolean;
}

/**
 * Simulates a cache stampede in virtual time: hot keys cached at time 0 expire, Poisson
 * traffic keeps arriving, and the chosen strategy decides how many requests go to the
 * database. Database loads slow each other down (`dbSlowdownPerLoad`), which is why a
 * stampede hurts latency as well as the database.
 *
 * Deterministic for a given `random` seed; runs in milliseconds, so tests and notebooks can
 * compare strategies without sleeping.
 */
export function simulateStampede(options: StampedeOptions): StampedeReport {
  return new StampedeRun(resolveStampedeOptions(options)).run();
}

class StampedeRun {
  private readonly events = new EventQueue();
  private readonly expiresAt: number[];
  private readonly lastLoadMs: number[];
  private readonly lockHeldUntil: number[];
  /** Per key, the expiry time already counted in `expiries`. */
  private readonly countedExpiry: number[];
  private expiries = 0;
  private readonly waiting = new Map<string, Request[]>();
  private readonly latencies: number[] = [];
  private readonly loadStartTimes: number[] = [];
  private loadsRunning = 0;
  private peakConcurrentLoads = 0;
  private backgroundLoads = 0;
  private hits = 0;

  constructor(private readonly options: ResolvedStampedeOptions) {
    const keys = options.keys;
    this.expiresAt = Array.from({ length: keys }, () => this.ttl());
    this.lastLoadMs = new Array<number>(keys).fill(options.dbLatencyMs);
    this.lockHeldUntil = new Array<number>(keys).fill(-Infinity);
    this.countedExpiry = new Array<number>(keys).fill(NaN);
  }

  run(): StampedeReport {
    const { options } = this;
    this.scheduleArrivals();
    if (options.strategy === 'prewarm') {
      for (let key = 0; key < options.keys; key += 1) this.scheduleRefresh(key);
    }
    // Requests that arrived before the end are allowed to finish; refreshes after it are not needed.
    this.events.runUntil(options.durationMs);
    this.stopBackgroundWork = true;
    this.events.runUntil();
    if (this.latencies.length === 0) {
      throw new RangeError('no request arrived: increase durationMs or requestsPerSecond');
    }
    return {
      strategy: options.strategy,
      requests: this.latencies.length,
      dbLoads: this.loadStartTimes.length,
      backgroundLoads: this.backgroundLoads,
      expiries: this.expiries,
      peakConcurrentLoads: this.peakConcurrentLoads,
      hitRatio: this.hits / this.latencies.length,
      latency: summarizeLatencies(this.latencies),
      loadStartTimes: this.loadStartTimes,
    };
  }

  private stopBackgroundWork = false;

  private ttl(): number {
    const { ttlMs, ttlJitter, random } = this.options;
    return ttlJitter === 0 ? ttlMs : ttlMs * (1 - ttlJitter + 2 * ttlJitter * random());
  }

  private scheduleArrivals(): void {
    const { requestsPerSecond, durationMs, keys, processes, random } = this.options;
    const meanGapMs = 1000 / requestsPerSecond;
    // Exponential gaps make a Poisson process; 1 - random() is in (0, 1], so the log is finite.
    for (let time = -meanGapMs * Math.log(1 - random()); time < durationMs; time += -meanGapMs * Math.log(1 - random())) {
      const request: Request = { arrival: time, key: Math.floor(random() * keys), process: Math.floor(random() * processes), waited: false };
      this.events.at(time, () => this.handle(request));
    }
  }

  private handle(request: Request): void {
    const now = this.events.now;
    const { strategy, cacheLatencyMs } = this.options;
    const key = request.key;
    if (now < this.expiresAt[key]) {
      if (strategy === 'early-refresh' && this.shouldRefreshEarly(key, now)) {
        this.load(key, (end) => this.finish(request, end));
      } else {
        if (!request.waited) this.hits += 1;
        this.finish(request, now + cacheLatencyMs);
      }
      return;
    }
    if (this.countedExpiry[key] !== this.expiresAt[key]) {
      this.countedExpiry[key] = this.expiresAt[key];
      this.expiries += 1;
    }
    switch (strategy) {
      case 'coalescing':
        return this.coalesce(request);
      case 'lock':
        return this.withLock(request);
      default:
        return this.load(key, (end) => this.finish(request, end));
    }
  }

  /** XFetch: refresh when now − Δ·β·ln(u) ≥ expiry, Δ being the last load's duration. */
  private shouldRefreshEarly(key: number, now: number): boolean {
    const { earlyRefreshBeta, random } = this.options;
    return now - this.lastLoadMs[key] * earlyRefreshBeta * Math.log(1 - random()) >= this.expiresAt[key];
  }

  private coalesce(request: Request): void {
    const flight = `${request.key}/${request.process}`;
    const waiters = this.waiting.get(flight);
    if (waiters !== undefined) {
      waiters.push(request);
      return;
    }
    this.waiting.set(flight, [request]);
    this.load(request.key, (end) => {
      for (const waiter of this.waiting.get(flight) ?? []) this.finish(waiter, end);
      this.waiting.delete(flight);
    });
  }

  private withLock(request: Request): void {
    const now = this.events.now;
    const key = request.key;
    if (this.lockHeldUntil[key] <= now) {
      this.lockHeldUntil[key] = now + this.options.lockTtlMs;
      this.load(key, (end) => {
        this.lockHeldUntil[key] = -Infinity;
        this.finish(request, end);
      });
      return;
    }
    // Lost the lock: wait, then read the cache again (the winner has probably filled it).
    request.waited = true;
    this.events.at(now + this.options.lockRetryMs, () => this.handle(request));
  }

  private scheduleRefresh(key: number): void {
    const at = this.expiresAt[key] - this.options.refreshAheadMs;
    this.events.at(at, () => {
      if (this.stopBackgroundWork) return;
      this.backgroundLoads += 1;
      this.load(key, () => this.scheduleRefresh(key));
    });
  }

  /** One database load for `key`; when it ends, the entry is cached with a fresh TTL. */
  private load(key: number, done: (end: number) => void): void {
    const { dbLatencyMs, dbSlowdownPerLoad, cacheLatencyMs } = this.options;
    const start = this.events.now;
    const duration = dbLatencyMs * (1 + dbSlowdownPerLoad * this.loadsRunning);
    this.loadStartTimes.push(start);
    this.loadsRunning += 1;
    this.peakConcurrentLoads = Math.max(this.peakConcurrentLoads, this.loadsRunning);
    // The cache read that missed comes first, then the query.
    const end = start + cacheLatencyMs + duration;
    this.events.at(end, () => {
      this.loadsRunning -= 1;
      this.expiresAt[key] = end + this.ttl();
      this.lastLoadMs[key] = duration;
      done(end);
    });
  }

  private finish(request: Request, end: number): void {
    this.latencies.push(end - request.arrival);
  }
}
