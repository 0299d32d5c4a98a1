/**
 * What the libCacheSim golden figures cover: which policies, which traces, which cache sizes.
 * Read by the script that produces the figures (`scripts/golden/libcachesim-figures.ts`) and by
 * the test that checks the library against them, so the two cannot drift apart.
 */

/** libCacheSim's names for the policies the course implements, in the order the figures list them. */
export const GOLDEN_POLICIES = ['lru', 'lfu', 'fifo', 'clock', 'sieve', 's3fifo', 'arc', 'wtinylfu'] as const;

/** A policy name as libCacheSim's `cachesim` spells it. */
export type GoldenPolicy = (typeof GOLDEN_POLICIES)[number];

/**
 * Count-based cache sizes (objects) per shipped trace: from a tenth of the distinct keys to
 * most of them. All multiples of 100, so a 1 % window (W-TinyLFU) is a whole number of entries
 * whichever way an implementation rounds it.
 */
export const GOLDEN_COUNT_SIZES: Readonly<Record<'gli' | 'multi1' | 'sprite' | '2_pools', readonly number[]>> = {
  gli: [200, 500, 1000, 1500, 2000],
  multi1: [200, 500, 1000, 1500, 2000],
  sprite: [200, 500, 1000, 2000, 4000],
  '2_pools': [500, 1000, 2000, 4000, 8000],
};

/** File (in test/golden/) of the sized trace for the byte-based figures, gzip'd oracleGeneral. */
export const SIZED_TRACE_FILE = 'zipf-sized.oracleGeneral.gz';

/** How the sized trace was generated (see `scripts/golden/libcachesim-figures.ts --make-sized-trace`). */
export const SIZED_TRACE = { seed: 2024, keySpace: 3000, length: 30000, exponent: 0.9, minLog2: 6, maxLog2: 16 } as const;

/** Byte-based cache sizes for the sized trace: 1, 2, 4 and 8 MiB. */
export const SIZED_TRACE_SIZES: readonly number[] = [1 << 20, 2 << 20, 4 << 20, 8 << 20];

/**
 * libCacheSim's default parameters for each policy (read from its sources at the commit the
 * figures name), recorded with the figures so a reader knows what was measured.
 */
export const LIBCACHESIM_DEFAULTS: Readonly<Record<GoldenPolicy, string>> = {
  lru: 'exact LRU',
  lfu: 'exact LFU, frequency counted since insertion (forgotten on eviction); ties: the entry that reached that frequency first',
  fifo: 'FIFO, hits do not reorder',
  clock: 'n-bit-counter=1: one reference bit, set on a hit; the hand clears it and reinserts at the head',
  sieve: 'one visited bit; the hand moves tail to head, clears bits, evicts the first unvisited and stays there',
  s3fifo:
    'fifo-size-ratio=0.10 (small = floor(0.1 × size)), ghost-size-ratio=0.90, move-to-main-threshold=2 (moved to main when hit ≥ 2 times in small), main is FIFO with reinsertion, frequency capped at 3; ' +
    'until the first eviction, a new key goes to main once small is full (the rule of S3FIFO.c at commit 035d832, Dec 2024, patched into the build: see README.md)',
  arc: 'Megiddo & Modha with p a real number (delta = max(|B2|/|B1|, 1) as a float)',
  wtinylfu:
    'main-cache=SLRU (seg-size=1:4: probation 20 %, protected 80 %), window-size=0.01 (window = floor(0.01 × size), static: no hill climbing), ' +
    'frequency: counting Bloom filter (10 hashes, 32-bit counters, ⌈14.38 × main size⌉ counters) halved every 32 × main size main-cache hits, no doorkeeper',
};

/** One figure of `libcachesim-miss-ratios.json`: what `cachesim` reported for one policy at one size. */
export interface GoldenRow {
  trace: string;
  policy: GoldenPolicy;
  /** The name `cachesim` printed for the policy (kept to show what was run). */
  libCacheSimName?: string;
  unit: 'objects' | 'bytes';
  cacheSize: number;
  requests: number;
  misses: number;
  missRatio: number;
  byteMisses?: number;
  byteMissRatio?: number;
}
