/**
 * cachecraft — the course's cache library.
 *
 * Notebooks import it as `cachecraft` (lib/ is an npm workspace package compiled to lib/dist);
 * tests and scripts import the sources directly.
 *
 * @packageDocumentation
 */

// --- core: caches, clocks, randomness, argument checks ---
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

// --- policies: FIFO-family caches, the shared options and contract (policies-fifo) ---
export * from './policies/policy-options';
export * from './policies/policy-cache';
export * from './policies/fifo-cache';
export * from './policies/clock-cache';
export * from './policies/sieve-cache';
export * from './policies/s3fifo-cache';

// --- policies: ARC and W-TinyLFU with its frequency filter (policies-arc) ---
export * from './policies/arc-cache';
export * from './policies/count-min-sketch';
export * from './policies/doorkeeper';
export * from './policies/tiny-lfu';
export * from './policies/w-tinylfu-cache';

// --- Redis ---
export * from './redis/private-redis';
export * from './redis/redis-endpoint';
export * from './redis/redis-lock';
export * from './redis/errors';
// issue 11 (notebooks-fix): one application instance per child process, for cross-process races.
export * from './redis/redis-client-process';
// Redis operations, security and use cases (chapters 08 and 10)
export * from './redis/redis-client';
export * from './redis/throwaway-tls';
export * from './redis/delete-by-prefix';
export * from './redis/fixed-window-rate-limiter';
export * from './redis/redis-session-store';
// Redis Cluster (issue 9, cluster branch)
export * from './redis/private-cluster';
export * from './redis/hash-slot';
export * from './redis/failover-drill';
export * from './redis/shard-load';

// --- database, patterns, e-commerce service ---
export * from './db';
export * from './cache';
export * from './patterns';
// --- two-tier cache: L1 in process, L2 shared, invalidation bus (issue 9) ---
export * from './two-tier';
// chapter 11's multi-process experiments over the two-tier cache (issue 9, cluster branch)
export * from './two-tier/app-instance';
export * from './two-tier/app-fleet';
export * from './two-tier/invalidation-delay';
export * from './two-tier/cross-instance-stampede';
export * from './ecommerce';

// --- simulation, workloads, traces, stampede, plotting ---
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
export * from './sim/zipf-sampler';
export * from './sim/workloads';
export * from './sim/trace-reader';
// trace formats: streaming text / key,size CSV / oracleGeneral, gzip and zstd (policies-arc)
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
export * from './plot/plot-spec';
export * from './plot/validate-plot-spec';
export * from './plot/plotly-bundle';
export * from './plot/plot';
