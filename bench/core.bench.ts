/**
 * Core section: the lib's in-memory caches (LRU, LFU, TTL and every eviction policy) against
 * npm `lru-cache` and `mnemonist` on the same precomputed key streams, in one process, with a
 * get-or-set loop (`get`, on miss `set`). Each workload runs with integer keys and with string
 * keys (`"key:123"`, the common case), next to the ceiling: an unbounded `Map` doing the same
 * get-or-set, which no bounded cache can beat.
 */
import { LRUCache as NpmLRU } from 'lru-cache';
import { LRUCache as MnemonistLRU } from 'mnemonist';
import { LFUCache } from '../lib/core/lfu-cache';
import { LRUCache } from '../lib/core/lru-cache';
import { TTLCache } from '../lib/core/ttl-cache';
import { ARCCache } from '../lib/policies/arc-cache';
import { ClockCache } from '../lib/policies/clock-cache';
import { FIFOCache } from '../lib/policies/fifo-cache';
import { S3FIFOCache } from '../lib/policies/s3fifo-cache';
import { SieveCache } from '../lib/policies/sieve-cache';
import { WTinyLFUCache } from '../lib/policies/w-tinylfu-cache';
import { currentLoad } from './machine';
import { NaiveMapLRU } from './naive-lru';
import { scanStream, uniformStream, zipfStream } from './streams';

/** The options every `bench/*.bench.ts` module's `run` receives. */
export interface BenchOptions {
  /** Tiny sizes for a smoke test; numbers are meaningless. */
  quick: boolean;
}

/** One section of BENCHMARKS.md. */
export interface BenchSection {
  title: string;
  markdown: string;
}

/** A benchmark key: the stream's integer, or the string `"key:<integer>"`. */
type Key = number | string;

/** The two operations the loop calls; every contender is adapted to this. */
interface GetSet {
  get(key: Key): unknown;
  set(key: Key, value: number): unknown;
}

interface Contender {
  name: string;
  /** Peers are the npm libraries the lib's caches are compared with. */
  peer: boolean;
  /** Timed in the first round only: for a baseline too slow to be worth five rounds. */
  once?: boolean;
  create(capacity: number): GetSet;
}

/** An unbounded `Map` doing the same get-or-set: the physical limit of any cache built on a `Map`. */
class MapCeiling {
  private readonly map = new Map<Key, number>();
  get(key: Key): number | undefined {
    return this.map.get(key);
  }
  set(key: Key, value: number): void {
    this.map.set(key, value);
  }
}

/** Every contender, one line each (policies from other branches add theirs here). */
const CONTENDERS: Contender[] = [
  { name: 'cachecraft LRUCache', peer: false, create: (capacity) => new LRUCache<Key, number>({ capacity }) },
  { name: 'cachecraft LFUCache', peer: false, create: (capacity) => new LFUCache<Key, number>({ capacity }) },
  {
    name: 'cachecraft TTLCache (1 h TTL)',
    peer: false,
    create: (capacity) => new TTLCache<Key, number>({ capacity, defaultTtlMs: 3_600_000 }),
  },
  { name: 'cachecraft FIFOCache', peer: false, create: (capacity) => new FIFOCache<Key, number>({ capacity }) },
  { name: 'cachecraft ClockCache', peer: false, create: (capacity) => new ClockCache<Key, number>({ capacity }) },
  { name: 'cachecraft SieveCache', peer: false, create: (capacity) => new SieveCache<Key, number>({ capacity }) },
  { name: 'cachecraft S3FIFOCache', peer: false, create: (capacity) => new S3FIFOCache<Key, number>({ capacity }) },
  { name: 'cachecraft ARCCache', peer: false, create: (capacity) => new ARCCache<Key, number>({ capacity }) },
  { name: 'cachecraft WTinyLFUCache', peer: false, create: (capacity) => new WTinyLFUCache<Key, number>({ capacity }) },
  { name: 'lru-cache@11', peer: true, create: (max) => new NpmLRU<Key, number>({ max }) },
  { name: 'mnemonist LRUCache', peer: true, create: (capacity) => new MnemonistLRU<Key, number>(capacity) },
  { name: 'naive Map LRU', peer: false, once: true, create: (capacity) => new NaiveMapLRU<Key, number>(capacity) },
  { name: 'unbounded Map (ceiling)', peer: false, create: () => new MapCeiling() },
];

/** Runs the get-or-set loop over `stream` and returns the number of hits. */
type Loop = (cache: GetSet, stream: ArrayLike<Key>, from: number, to: number) => number;

/**
 * Compiles a separate copy of the loop for each contender: with one shared loop, its `get`/`set`
 * call sites would see every cache class, turn megamorphic, and slow down whoever runs later.
 */
function compileLoop(): Loop {
  return new Function(
    'cache',
    'stream',
    'from',
    'to',
    `let hits = 0;
     for (let i = from; i < to; i++) {
       const key = stream[i];
       if (cache.get(key) === undefined) cache.set(key, key);
       else hits++;
     }
     return hits;`,
  ) as Loop;
}

interface Workload {
  name: string;
  description: string;
  stream: Int32Array;
  capacity: number;
}

/** The key types every workload runs with. */
const KEY_TYPES = ['integer', 'string'] as const;
type KeyType = (typeof KEY_TYPES)[number];

/** The stream's keys as the loop sees them: the integers, or `"key:<integer>"` strings built up front. */
function keysOf(stream: Int32Array, keyType: KeyType): ArrayLike<Key> {
  return keyType === 'integer' ? stream : Array.from(stream, (key) => `key:${key}`);
}

interface Measurement {
  mops: number[];
  hitRatio: number;
}

interface Sizes {
  keySpace: number;
  capacity: number;
  ops: number;
  rounds: number;
}

const FULL: Sizes = { keySpace: 100_000, capacity: 10_000, ops: 2_000_000, rounds: 5 };
const QUICK: Sizes = { keySpace: 2_000, capacity: 200, ops: 20_000, rounds: 1 };

function workloads(sizes: Sizes): Workload[] {
  const { keySpace, capacity, ops } = sizes;
  const scanKeys = Math.round(capacity * 1.5);
  return [
    {
      name: 'Zipf',
      description: `Zipf(s = 0.99) over ${fmtInt(keySpace)} keys`,
      stream: zipfStream(keySpace, 0.99, ops, 42),
      capacity,
    },
    {
      name: 'uniform',
      description: `uniform over ${fmtInt(keySpace)} keys`,
      stream: uniformStream(keySpace, ops, 7),
      capacity,
    },
    {
      name: 'scan',
      description: `sequential loop over ${fmtInt(scanKeys)} keys (1.5 × capacity)`,
      stream: scanStream(scanKeys, ops),
      capacity,
    },
  ];
}

/**
 * Times every contender on one workload: each round builds a fresh cache, warms it (and the JIT)
 * on the first quarter of the stream, then times the whole stream. Rounds alternate the
 * contenders' order so none always runs first; the median round is reported.
 */
function measure(workload: Workload, stream: ArrayLike<Key>, rounds: number, loops: Loop[]): Measurement[] {
  const { capacity } = workload;
  const results: Measurement[] = CONTENDERS.map(() => ({ mops: [], hitRatio: 0 }));
  const warmup = Math.floor(stream.length / 4);
  for (let round = 0; round < rounds; round++) {
    const order = CONTENDERS.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      if (round > 0 && CONTENDERS[i].once) continue;
      const cache = CONTENDERS[i].create(capacity);
      loops[i](cache, stream, 0, warmup);
      // CPU time of this process, not wall time: on shared cores, time spent running other
      // processes would otherwise land on whichever contender happened to be timed.
      const start = process.cpuUsage();
      const hits = loops[i](cache, stream, 0, stream.length);
      const used = process.cpuUsage(start);
      const seconds = (used.user + used.system) / 1e6;
      results[i].mops.push(stream.length / seconds / 1e6);
      results[i].hitRatio = hits / stream.length;
    }
  }
  return results;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

function table(workload: Workload, keyType: KeyType, results: Measurement[]): { markdown: string; medians: number[] } {
  const medians = results.map((r) => median(r.mops));
  const fastestPeer = Math.max(...CONTENDERS.map((c, i) => (c.peer ? medians[i] : 0)));
  const ceiling = medians[at('unbounded Map')];
  const rows = CONTENDERS.map((c, i) => {
    const r = results[i];
    const spread = `${Math.min(...r.mops).toFixed(2)}–${Math.max(...r.mops).toFixed(2)}`;
    const ofCeiling = `${Math.round((100 * medians[i]) / ceiling)} %`;
    return `| ${c.name} | ${medians[i].toFixed(2)} | ${spread} | ${r.hitRatio.toFixed(4)} | ${(medians[i] / fastestPeer).toFixed(2)}× | ${ofCeiling} |`;
  });
  const markdown = [
    `#### ${workload.name} (${keyType} keys): ${workload.description}`,
    '',
    '| Contender | Mops/s (median) | min–max | Hit ratio | vs fastest peer | of Map ceiling |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  return { markdown, medians };
}

/** The index of the contender whose name starts with `name`. */
function at(name: string): number {
  return CONTENDERS.findIndex((c) => c.name.startsWith(name));
}

/** Checks the issue's targets on the Zipf workload (one key type) and renders them as a list. */
function targets(keyType: KeyType, results: Measurement[], medians: number[]): string {
  const lru = at('cachecraft LRUCache');
  const lfu = at('cachecraft LFUCache');
  const npm = at('lru-cache');
  const peer = Math.max(medians[npm], medians[at('mnemonist')]);
  const check = (ok: boolean) => (ok ? '✅' : '❌');
  const lruVsPeer = medians[lru] / peer;
  const lruTarget = keyType === 'string' ? 1.3 : 1.5;
  const vsLru = (name: string) => medians[at(name)] / medians[lru];
  const sameHits = results[lru].hitRatio === results[npm].hitRatio;
  return [
    `Targets (Zipf, ${keyType} keys):`,
    `- ${check(lruVsPeer >= lruTarget)} LRUCache ≥ ${lruTarget}× the fastest peer: ${lruVsPeer.toFixed(2)}×`,
    `- ${check(vsLru('cachecraft SieveCache') >= 1)} SieveCache ≥ 1.0× LRUCache: ${vsLru('cachecraft SieveCache').toFixed(2)}×`,
    `- ${check(vsLru('cachecraft S3FIFOCache') >= 1)} S3FIFOCache ≥ 1.0× LRUCache: ${vsLru('cachecraft S3FIFOCache').toFixed(2)}×`,
    `- ${check(vsLru('cachecraft WTinyLFUCache') >= 0.5)} WTinyLFUCache ≥ 0.5× LRUCache: ${vsLru('cachecraft WTinyLFUCache').toFixed(2)}×`,
    `- ${check(medians[lfu] / medians[lru] >= 0.5)} LFUCache ≥ 0.5× LRUCache: ${(medians[lfu] / medians[lru]).toFixed(2)}×`,
    `- ${check(sameHits)} LRUCache hit ratio equals lru-cache's: ${results[lru].hitRatio.toFixed(4)} vs ${results[npm].hitRatio.toFixed(4)}`,
  ].join('\n');
}

/** Runs the core section; `quick` uses tiny sizes (for the smoke test). */
export async function run(options: BenchOptions): Promise<BenchSection> {
  const sizes = options.quick ? QUICK : FULL;
  // One loop per contender and key type, so no call site ever sees two caches or two key types.
  const loops = new Map(KEY_TYPES.map((keyType) => [keyType, CONTENDERS.map(() => compileLoop())]));
  const loadBefore = currentLoad();
  const parts: string[] = [];
  const targetNotes: string[] = [];
  for (const workload of workloads(sizes)) {
    for (const keyType of KEY_TYPES) {
      const results = measure(workload, keysOf(workload.stream, keyType), sizes.rounds, loops.get(keyType) as Loop[]);
      const { markdown, medians } = table(workload, keyType, results);
      parts.push(markdown);
      if (workload.name === 'Zipf') targetNotes.push(targets(keyType, results, medians));
    }
  }
  const loadAfter = currentLoad();
  const intro = [
    `Get-or-set loop (\`get\`; on a miss, \`set\`) over precomputed, seeded key streams of ` +
      `${fmtInt(sizes.ops)} operations, capacity ${fmtInt(sizes.capacity)}, all contenders in one process. ` +
      `Each of ${sizes.rounds} rounds builds a fresh cache, warms it on the first quarter of the stream, ` +
      `then times the whole stream (CPU time of the process, so other processes on shared cores do not count); ` +
      `rounds alternate the contenders' order and the median is reported ` +
      `(the naive Map LRU, an order of magnitude slower and only there for scale, is timed once). ` +
      `Hit ratio is from the timed pass. "vs fastest peer" divides by the faster of lru-cache and mnemonist ` +
      `on the same workload; "of Map ceiling" by an unbounded \`Map\` doing the same get-or-set (it never evicts, ` +
      `so it hits more, but it ends up holding the whole key space: with integer keys a bounded cache can outrun it). Every workload runs with integer keys and with string keys \`"key:<n>"\` (built before timing).`,
    '',
    `Load average (1 min): ${loadBefore} before, ${loadAfter} after — on a shared machine compare ratios within one run.`,
  ].join('\n');
  return { title: 'Core in-memory caches', markdown: [intro, ...targetNotes, ...parts].join('\n\n') };
}
