/**
 * cachecraft — the course's cache library.
 *
 * Notebooks import it as `cachecraft` (lib/ is an npm workspace package compiled to lib/dist);
 * tests and scripts import the sources directly.
 *
 * @packageDocumentation
 */

// --- core: the in-memory caches, the time seam, randomness, argument checks, stats ---
export * from './core/validate';
export * from './core/clock';
export * from './core/default-ttl';
export * from './core/random';
export * from './core/fault-schedule';
export * from './core/stats';
export * from './core/lru-cache';
export * from './core/lfu-cache';
export * from './core/ttl-cache';
export * from './core/memoize';

// --- policies: eviction policies behind one interface (FIFO family, ARC, W-TinyLFU and its frequency filter) ---
export * from './policies/policy-options';
export * from './policies/policy-cache';
export * from './policies/fifo-cache';
export * from './policies/clock-cache';
export * from './policies/sieve-cache';
export * from './policies/s3fifo-cache';
export * from './policies/arc-cache';
export * from './policies/count-min-sketch';
export * from './policies/doorkeeper';
export * from './policies/tiny-lfu';
export * from './policies/w-tinylfu-cache';

// --- redis: private servers and clusters, clients, locks, operations, security and use cases; its errors ---
export * from './redis/private-redis';
export * from './redis/redis-endpoint';
export * from './redis/redis-lock';
export * from './redis/errors';
export * from './redis/redis-client-process';
export * from './redis/redis-client';
export * from './redis/throwaway-tls';
export * from './redis/delete-by-prefix';
export * from './redis/fixed-window-rate-limiter';
export * from './redis/redis-session-store';
export * from './redis/private-cluster';
export * from './redis/hash-slot';
export * from './redis/failover-drill';
export * from './redis/shard-load';

// --- db: the shop database (SQLite), its sample data, latency and fault injection ---
export * from './db';

// --- cache: the async cache interface, in-memory and Redis implementations, wrappers ---
export * from './cache';

// --- patterns: cache-aside, write-through, write-behind, write-around and their helpers ---
export * from './patterns';

// --- two-tier: L1 in process, L2 shared, invalidation buses; app instances as processes (chapter 11) ---
export * from './two-tier';
export * from './two-tier/app-instance';
export * from './two-tier/app-fleet';
export * from './two-tier/invalidation-delay';
export * from './two-tier/cross-instance-stampede';

// --- ecommerce: the course's demo service and its performance test ---
export * from './ecommerce';

// --- sim: simulators, workloads, trace formats, miss-ratio curves, stampede and eviction experiments ---
export * from './sim/binary-heap';
export * from './sim/event-queue';
export * from './sim/simulated-cache';
export * from './sim/simulation-result';
export * from './sim/simulate';
export * from './sim/simulate-sized';
export * from './sim/sized-miss-ratio-curve';
export * from './sim/sized-workloads';
export * from './sim/miss-ratio-curve';
export * from './sim/belady';
export * from './sim/ttl-simulation';
export * from './sim/freshness-simulation';
export * from './sim/policies';
export * from './sim/policy-speed';
export * from './sim/timing-loops';
export * from './sim/zipf-sampler';
export * from './sim/workloads';
export * from './sim/trace-reader';
export * from './sim/trace-format';
export * from './sim/trace-key';
export * from './sim/trace-bytes';
export * from './sim/trace-line-parsers';
export * from './sim/oracle-general-format';
export * from './sim/oracle-general-records';
export * from './sim/trace-stream';
export * from './sim/percentile';
export * from './sim/stampede-options';
export * from './sim/stampede-simulator';
export * from './sim/redis-eviction-replay';
export * from './sim/redis-eviction-experiment';
export * from './sim/one-hit-wonders';

// --- plot: chart specs checked for axis units, rendered with Plotly ---
export * from './plot/plot-spec';
export * from './plot/validate-plot-spec';
export * from './plot/plotly-bundle';
export * from './plot/plot';
