/**
 * Focused micro-benchmark for the eviction policies' speed targets (issue 10 §5): the Zipf(0.99)
 * get-or-set loop of `core.bench.ts` (100,000 keys, capacity 10,000), integer and string keys,
 * LRUCache vs SieveCache vs S3FIFOCache vs WTinyLFUCache, interleaved rounds, median process CPU
 * time (steadier than wall time on a shared machine). Run:
 * `npx ts-node --transpile-only bench/policy-speed.ts [rounds] [ops]`.
 */
import { LRUCache } from '../lib/core/lru-cache';
import { S3FIFOCache } from '../lib/policies/s3fifo-cache';
import { SieveCache } from '../lib/policies/sieve-cache';
import { WTinyLFUCache } from '../lib/policies/w-tinylfu-cache';
import { zipfStream } from './streams';

type Key = number | string;
interface GetSet {
  get(key: Key): unknown;
  set(key: Key, value: number): unknown;
}
type Loop = (cache: GetSet, stream: ArrayLike<Key>) => number;

const CONTENDERS: [string, (capacity: number) => GetSet][] = [
  ['LRUCache', (capacity) => new LRUCache<Key, number>({ capacity })],
  ['SieveCache', (capacity) => new SieveCache<Key, number>({ capacity })],
  ['S3FIFOCache', (capacity) => new S3FIFOCache<Key, number>({ capacity })],
  ['WTinyLFUCache', (capacity) => new WTinyLFUCache<Key, number>({ capacity })],
];

/** One loop copy per contender and key type, so call sites stay monomorphic. */
function compileLoop(): Loop {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(
    'cache',
    'stream',
    `let hits = 0;
     for (let i = 0; i < stream.length; i++) {
       const key = stream[i];
       if (cache.get(key) === undefined) cache.set(key, key);
       else hits++;
     }
     return hits;`,
  ) as Loop;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const rounds = Number(process.argv[2] ?? 7);
const ops = Number(process.argv[3] ?? 2_000_000);
const stream = zipfStream(100_000, 0.99, ops, 42);
const keySets: [string, ArrayLike<Key>][] = [
  ['integer', stream],
  ['string', Array.from(stream, (key) => `key:${key}`)],
];
const times = new Map<string, number[]>();
const loops = new Map<string, Loop>();
for (let round = 0; round < rounds; round++) {
  for (const [keyType, keys] of keySets) {
    for (const [name, create] of CONTENDERS) {
      const id = `${name} ${keyType}`;
      if (!loops.has(id)) loops.set(id, compileLoop());
      const cache = create(10_000);
      const start = process.cpuUsage();
      (loops.get(id) as Loop)(cache, keys);
      const used = process.cpuUsage(start);
      if (!times.has(id)) times.set(id, []);
      (times.get(id) as number[]).push((used.user + used.system) / 1000);
    }
  }
}
for (const [keyType] of keySets) {
  const lru = median(times.get(`LRUCache ${keyType}`) as number[]);
  for (const [name] of CONTENDERS) {
    const ms = median(times.get(`${name} ${keyType}`) as number[]);
    console.log(`${keyType.padEnd(8)} ${name.padEnd(14)} ${ms.toFixed(0).padStart(6)} ms CPU  ${(lru / ms).toFixed(2)}× LRU`);
  }
}
