/**
 * What the core section measures, in one place: the contenders, the workloads, the key types and
 * the get-or-set loop. `core.bench.ts` (the parent, which renders the tables) and
 * `core-contender.ts` (the child process that times one contender) both read these definitions,
 * so the contender list and the streams cannot drift apart between the two.
 */
import { freshGetOrSetLoop, type TimedCache, type TimingLoop } from '../lib/sim/timing-loops';
import { NaiveMapLRU } from './naive-lru';
import { scanStream, uniformStream, zipfStream } from './streams';

/** A benchmark key: the stream's integer, or the string `"key:<integer>"`. */
export type Key = number | string;

/** The two operations the loop calls (the library's timing loop stores each key as its own value); every contender is adapted to this. */
export type GetSet = TimedCache<Key>;

/** Builds one fresh cache of the given capacity. */
export type CacheFactory = (capacity: number) => GetSet;

/** One cache implementation under test. */
export interface Contender {
  name: string;
  /** Peers are the npm libraries the lib's caches are compared with. */
  peer: boolean;
  /** Timed in the first round only: for a baseline too slow to be worth five rounds. */
  once?: boolean;
  /**
   * Loads the contender's module and returns its factory. Loading is deferred so that a child
   * process loads (and ts-node transpiles) only the one cache it times: that keeps each child's
   * start-up short and its heap free of the other contenders' modules.
   */
  load(): Promise<CacheFactory>;
}

/** An unbounded `Map` doing the same get-or-set: the physical limit of any cache built on a `Map`. */
class MapCeiling {
  private readonly map = new Map<Key, Key>();
  get(key: Key): Key | undefined {
    return this.map.get(key);
  }
  set(key: Key, value: Key): void {
    this.map.set(key, value);
  }
}

/** A `load` that imports `module` on demand and builds caches with `create`. */
function lazy<M>(module: () => Promise<M>, create: (mod: M, capacity: number) => GetSet): () => Promise<CacheFactory> {
  return async () => {
    const mod = await module();
    return (capacity) => create(mod, capacity);
  };
}

/** Every contender, one line each, in table order (policies from other branches add theirs here). */
export const CONTENDERS: readonly Contender[] = [
  {
    name: 'cachecraft LRUCache',
    peer: false,
    load: lazy(() => import('../lib/core/lru-cache'), (m, capacity) => new m.LRUCache<Key, Key>({ capacity })),
  },
  {
    name: 'cachecraft LFUCache',
    peer: false,
    load: lazy(() => import('../lib/core/lfu-cache'), (m, capacity) => new m.LFUCache<Key, Key>({ capacity })),
  },
  {
    name: 'cachecraft TTLCache (1 h TTL)',
    peer: false,
    load: lazy(
      () => import('../lib/core/ttl-cache'),
      (m, capacity) => new m.TTLCache<Key, Key>({ capacity, defaultTtlMs: 3_600_000 }),
    ),
  },
  {
    name: 'cachecraft FIFOCache',
    peer: false,
    load: lazy(() => import('../lib/policies/fifo-cache'), (m, capacity) => new m.FIFOCache<Key, Key>({ capacity })),
  },
  {
    name: 'cachecraft ClockCache',
    peer: false,
    load: lazy(() => import('../lib/policies/clock-cache'), (m, capacity) => new m.ClockCache<Key, Key>({ capacity })),
  },
  {
    name: 'cachecraft SieveCache',
    peer: false,
    load: lazy(() => import('../lib/policies/sieve-cache'), (m, capacity) => new m.SieveCache<Key, Key>({ capacity })),
  },
  {
    name: 'cachecraft S3FIFOCache',
    peer: false,
    load: lazy(() => import('../lib/policies/s3fifo-cache'), (m, capacity) => new m.S3FIFOCache<Key, Key>({ capacity })),
  },
  {
    name: 'cachecraft ARCCache',
    peer: false,
    load: lazy(() => import('../lib/policies/arc-cache'), (m, capacity) => new m.ARCCache<Key, Key>({ capacity })),
  },
  {
    name: 'cachecraft WTinyLFUCache',
    peer: false,
    load: lazy(
      () => import('../lib/policies/w-tinylfu-cache'),
      (m, capacity) => new m.WTinyLFUCache<Key, Key>({ capacity }),
    ),
  },
  {
    name: 'lru-cache@11',
    peer: true,
    load: lazy(() => import('lru-cache'), (m, max) => new m.LRUCache<Key, Key>({ max })),
  },
  {
    name: 'mnemonist LRUCache',
    peer: true,
    load: lazy(() => import('mnemonist'), (m, capacity) => new m.LRUCache<Key, Key>(capacity)),
  },
  {
    name: 'naive Map LRU',
    peer: false,
    once: true,
    load: async () => (capacity) => new NaiveMapLRU<Key, Key>(capacity),
  },
  { name: 'unbounded Map (ceiling)', peer: false, load: async () => () => new MapCeiling() },
];

/** Runs the get-or-set loop over `stream[from..to)` and returns the number of hits. */
export type Loop = TimingLoop<Key>;

/**
 * A fresh copy of the get-or-set loop (the library's, shared with chapter 12's measurements).
 * Each contender gets its own copy (and, in its own process, the only one): with one shared
 * loop, its `get`/`set` call sites would see several cache classes or key types, turn
 * polymorphic, and slow down whoever runs later.
 */
export function compileLoop(): Loop {
  return freshGetOrSetLoop<Key>();
}

/** The key types every workload runs with. */
export const KEY_TYPES = ['integer', 'string'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/** The stream's keys as the loop sees them: the integers, or `"key:<integer>"` strings built up front. */
export function keysOf(stream: Int32Array, keyType: KeyType): ArrayLike<Key> {
  return keyType === 'integer' ? stream : Array.from(stream, (key) => `key:${key}`);
}

/** The sizes of one run: full for BENCHMARKS.md, quick for the smoke test. */
export interface Sizes {
  keySpace: number;
  capacity: number;
  ops: number;
  /** Rounds timed in each child process. */
  rounds: number;
  /**
   * Child processes per contender and workload, interleaved with the other contenders' (full
   * mode): a process's heap layout and whatever else ran on the machine meanwhile shift all its
   * rounds together, so one process per contender would make the ratios a draw of luck.
   */
  passes: number;
}

export const FULL: Sizes = { keySpace: 100_000, capacity: 10_000, ops: 2_000_000, rounds: 3, passes: 2 };
export const QUICK: Sizes = { keySpace: 2_000, capacity: 200, ops: 20_000, rounds: 1, passes: 1 };

/** One key stream with the capacity the caches get for it. */
export interface Workload {
  name: string;
  description: string;
  capacity: number;
  /**
   * Builds the stream: seeded, so every call (in every child process) yields the same keys and
   * every contender sees an identical stream. Built on demand: the parent never needs it.
   */
  stream(): Int32Array;
}

/** The workloads, in table order. */
export function workloads(sizes: Sizes): Workload[] {
  const { keySpace, capacity, ops } = sizes;
  const scanKeys = Math.round(capacity * 1.5);
  return [
    {
      name: 'Zipf',
      description: `Zipf(s = 0.99) over ${fmtInt(keySpace)} keys`,
      capacity,
      stream: () => zipfStream(keySpace, 0.99, ops, 42),
    },
    {
      name: 'uniform',
      description: `uniform over ${fmtInt(keySpace)} keys`,
      capacity,
      stream: () => uniformStream(keySpace, ops, 7),
    },
    {
      name: 'scan',
      description: `sequential loop over ${fmtInt(scanKeys)} keys (1.5 × capacity)`,
      capacity,
      stream: () => scanStream(scanKeys, ops),
    },
  ];
}

/** `n` with thousands separators, as the tables print sizes. */
export function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}
