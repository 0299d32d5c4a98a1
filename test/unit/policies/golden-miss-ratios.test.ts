/**
 * Every policy cache of the library against libCacheSim, the simulator the policies' papers
 * were evaluated with: the miss ratio on each shipped trace at each size (count-based), and the
 * miss and byte miss ratios on a sized Zipf trace (byte-based), from
 * `test/golden/libcachesim-miss-ratios.json` (how it was produced: test/golden/README.md).
 *
 * Equality is exact — the same number of misses — for every policy whose definition the
 * library shares with libCacheSim. W-TinyLFU is the exception; see WTINYLFU_CONFIGURATIONS.
 */
import { expect } from 'chai';
import { join } from 'path';
import { LFUCache } from '../../../lib/core/lfu-cache';
import { LRUCache } from '../../../lib/core/lru-cache';
import { ARCCache } from '../../../lib/policies/arc-cache';
import { ClockCache } from '../../../lib/policies/clock-cache';
import { FIFOCache } from '../../../lib/policies/fifo-cache';
import { S3FIFOCache } from '../../../lib/policies/s3fifo-cache';
import { SieveCache } from '../../../lib/policies/sieve-cache';
import { WTinyLFUCache } from '../../../lib/policies/w-tinylfu-cache';
import { simulate } from '../../../lib/sim/simulate';
import { simulateSized, SizedRequest } from '../../../lib/sim/simulate-sized';
import { countPolicy, PolicyCacheClass, sizedPolicy } from '../../../lib/sim/policies';
import { readTrace } from '../../../lib/sim/trace-reader';
import { readTraceRequests } from '../../../lib/sim/trace-stream';
import { GOLDEN_POLICIES, GoldenPolicy, GoldenRow, SIZED_TRACE_FILE } from '../../golden/golden-plan';
import golden from '../../golden/libcachesim-miss-ratios.json';

const CACHES: Record<GoldenPolicy, PolicyCacheClass> = {
  lru: LRUCache,
  lfu: LFUCache,
  fifo: FIFOCache,
  clock: ClockCache,
  sieve: SieveCache,
  s3fifo: S3FIFOCache,
  arc: ARCCache,
  wtinylfu: WTinyLFUCache,
};

/**
 * W-TinyLFU, count-based: within a tolerance, for two configurations. Exact equality is not to
 * be had: the library builds W-TinyLFU as Caffeine does and libCacheSim builds its own variant.
 * What separates them, measured on these traces while writing this test:
 * - aging: we halve the sketch every 10 × capacity accesses (Caffeine); libCacheSim every
 *   32 × main-size hits in the main cache, a period several times longer. This is most of the
 *   gap: with `sampleFactor: 32` and no doorkeeper, sprite's largest difference falls from 0.039
 *   to 0.017 (faster aging helps sprite: our default misses less there);
 * - the doorkeeper: Caffeine's design has one, libCacheSim's has none;
 * - the sketch: a count-min sketch of 4-bit counters (16 per key, blocked: all of a key's in one
 *   cache line) vs a counting Bloom filter with 10 hashes and 32-bit counters (14.4 per
 *   main-cache entry), each seeded differently, so which keys collide differs (our seeds 0, 7
 *   and 99 differ by up to 0.004 on one row: gli at 500, libCacheSim-like, from 0.017 to 0.021);
 * - the eviction loop: libCacheSim keeps moving window entries into main as long as they win
 *   their duels (the window drains, the cache then holds one entry fewer than its size until it
 *   refills), and while main is not full its SLRU puts entries straight into protected; Caffeine
 *   moves one candidate per insertion and fills probation first. This is what remains in the
 *   libCacheSim-like configuration (largest difference 0.021, gli at 500 objects, with seed 0;
 *   0.017 to 0.021 over seeds, with the sketch's earlier row layout as with the blocked one).
 * The tolerances sit above the largest difference over seeds 0, 7 and 99 (0.039 and 0.021).
 */
const WTINYLFU_CONFIGURATIONS = [
  { name: 'defaults (Caffeine: doorkeeper, halving every 10 × capacity)', tuning: {}, tolerance: 0.045 },
  { name: 'libCacheSim-like (no doorkeeper, halving every 32 × capacity)', tuning: { doorkeeper: false, sampleFactor: 32 }, tolerance: 0.025 },
];

/**
 * W-TinyLFU, byte-based: not compared. libCacheSim's window is 1 % of the bytes and it never
 * admits an object larger than the window (at 1 MiB: nothing above 10 KiB, about a quarter of
 * the sized trace's objects and most of its bytes), so it trades a lower object miss ratio for
 * a much higher byte miss ratio (at 1 MiB: 0.40 and 0.84, against our 0.50 and 0.59); Caffeine, and this library, let a heavy entry through the window
 * into the admission duel. Two different policies for sized objects, not one policy to check.
 */
const skipsBytes = (policy: GoldenPolicy): boolean => policy === 'wtinylfu';

const rows = golden.results as GoldenRow[];
const tracesDir = join(__dirname, '..', '..', '..', 'data', 'traces');

describe('miss ratios equal libCacheSim’s (test/golden)', function () {
  this.timeout(60_000);
  const keysOf = new Map<string, number[]>();
  let sized: SizedRequest<number | string>[] = [];

  before(async () => {
    for (const row of rows) if (row.unit === 'objects' && !keysOf.has(row.trace)) keysOf.set(row.trace, readTrace(join(tracesDir, `${row.trace}.trace.gz`)));
    sized = await readTraceRequests(join(__dirname, '..', '..', 'golden', SIZED_TRACE_FILE), { format: 'oracleGeneral' });
  });

  it('covers every policy of the library on every trace', () => {
    expect(Object.keys(CACHES)).to.deep.equal([...GOLDEN_POLICIES]);
    expect(new Set(rows.map((row) => row.policy))).to.deep.equal(new Set(GOLDEN_POLICIES));
    expect(new Set(rows.map((row) => row.trace))).to.deep.equal(new Set(['gli', 'multi1', 'sprite', '2_pools', 'zipf-sized']));
  });

  for (const policy of GOLDEN_POLICIES) {
    it(`${policy}: count-based, on gli, multi1, sprite and 2_pools at five sizes each`, () => {
      const mine = rows.filter((row) => row.policy === policy && row.unit === 'objects');
      for (const row of mine) expect((keysOf.get(row.trace) as number[]).length, `${row.trace} request count`).to.equal(row.requests);
      if (policy === 'wtinylfu') {
        for (const { name, tuning, tolerance } of WTINYLFU_CONFIGURATIONS) {
          for (const row of mine) {
            const cache = new WTinyLFUCache<number, true>({ capacity: row.cacheSize, ...tuning });
            const { misses } = simulate(keysOf.get(row.trace) as number[], cache);
            expect(misses / row.requests, `${name}: ${row.trace} at ${row.cacheSize}`).to.be.closeTo(row.missRatio, tolerance);
          }
        }
      } else {
        const measured = mine.map((row) => ({ row, misses: simulate(keysOf.get(row.trace) as number[], countPolicy(CACHES[policy])(row.cacheSize)).misses }));
        const label = (row: GoldenRow): string => `${row.trace}@${row.cacheSize}`;
        expect(Object.fromEntries(measured.map(({ row, misses }) => [label(row), misses]))).to.deep.equal(
          Object.fromEntries(mine.map((row) => [label(row), row.misses])),
        );
      }
    });

    if (skipsBytes(policy)) continue;
    it(`${policy}: byte-based, misses and missed bytes on the sized Zipf trace at 1–8 MiB`, () => {
      const mine = rows.filter((row) => row.policy === policy && row.unit === 'bytes');
      expect(mine).to.have.length(4);
      for (const row of mine) {
        const result = simulateSized(sized, sizedPolicy(CACHES[policy])(row.cacheSize));
        expect({ misses: result.misses, missBytes: result.missBytes }, `${row.cacheSize} bytes`).to.deep.equal({ misses: row.misses, missBytes: row.byteMisses });
      }
    });
  }
});
