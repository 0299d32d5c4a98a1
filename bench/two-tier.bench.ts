/**
 * The two-tier cache against Redis alone and against its peers, in one run on one private
 * redis-server: the read path at 50 in flight (L1 hit, L2 hit, miss, plain RedisCache),
 * throughput on a Zipf workload at realistic L1 sizes, read throughput at equal hit ratio
 * against bentocache and cacheable, and the invalidation delay between two processes.
 */
import Redis from 'ioredis';
import { join } from 'path';
import { RedisCache } from '../lib/cache/redis-cache';
import { seededRandom } from '../lib/core/random';
import { openDatabase } from '../lib/db/shop-database';
import type { Product } from '../lib/db/model';
import { CacheAside } from '../lib/patterns/cache-aside';
import { startPrivateRedis } from '../lib/redis/private-redis';
import { summarizeLatencies } from '../lib/sim/percentile';
import { zipfWorkload } from '../lib/sim/workloads';
import { startAppFleet } from '../lib/two-tier/app-fleet';
import { InvalidationDelayReport, measureInvalidationDelay } from '../lib/two-tier/invalidation-delay';
import { RedisPubSubBus } from '../lib/two-tier/pubsub-bus';
import { TwoTierCache } from '../lib/two-tier/two-tier-cache';
import { formatCount, formatMicros, loadNow, machineLoadNote, runInFlight, warmUp } from './in-flight';
import { bentocachePeer, cacheablePeer } from './peers';

const IN_FLIGHT = 50;

interface Row {
  name: string;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** This process's CPU time per operation, in µs: steadier than ops/s on a loaded machine (Redis' own CPU excluded). */
  cpuUsPerOp: number;
  note?: string;
}

/** Runs `ops` calls of `read(i)` with IN_FLIGHT in flight; throughput and per-call latency. */
async function drive(name: string, ops: number, read: (i: number) => Promise<unknown>, note?: string): Promise<Row> {
  await warmUp(read, Math.min(ops, 2_000)); // JIT and connections
  const run = await runInFlight(read, ops, IN_FLIGHT);
  const s = summarizeLatencies(run.latenciesMs);
  return { name, opsPerSec: (ops / run.elapsedMs) * 1_000, p50Ms: s.p50, p99Ms: s.p99, cpuUsPerOp: run.cpuUs / ops, note };
}

export async function run(options: { quick: boolean }): Promise<{ title: string; markdown: string }> {
  const loadAtStart = loadNow();
  const ops = options.quick ? 2_000 : 100_000;
  const zipfKeys = options.quick ? 2_000 : 100_000;
  const zipfOps = options.quick ? 4_000 : 200_000;
  const writes = options.quick ? 5 : 200;
  const server = await startPrivateRedis();
  const db = openDatabase({ latencyMs: 0, catalogSize: 1_000 });
  const closers: Array<() => Promise<unknown> | void> = [];
  const product = (i: number) => (i % 1_000) + 1;
  const load = (i: number) => async (): Promise<Product> => (await db.getProduct(product(i))) as Product;
  try {
    const twoTier = async (namespace: string, l1Capacity: number) => {
      const publisher = new Redis(server.url);
      const subscriber = new Redis(server.url);
      const l2 = new RedisCache<Product>({ client: publisher, namespace, commandTimeoutMs: 5_000 });
      const cache = new TwoTierCache<Product>({ l2, bus: new RedisPubSubBus({ publisher, subscriber, namespace }), l1Capacity, l1TtlMs: 600_000 });
      await cache.start();
      closers.push(async () => {
        await cache.close();
        publisher.disconnect();
        subscriber.disconnect();
      });
      return { cache, l2 };
    };

    // --- 1. Read path at 50 in flight ---
    const warm = await twoTier('tt-warm', 10_000);
    const l2Only = await twoTier('tt-l2', 1); // an L1 of one entry: nearly every read is an L2 hit
    const cold = await twoTier('tt-cold', 10_000);
    const redisOnly = new RedisCache<Product>({ url: server.url, namespace: 'redis-only', commandTimeoutMs: 5_000 });
    closers.push(() => redisOnly.close());
    const aside = new CacheAside<Product>(redisOnly);
    for (let i = 0; i < 1_000; i++) {
      await warm.cache.getOrLoad(`p:${product(i)}`, load(i));
      await l2Only.cache.getOrLoad(`p:${product(i)}`, load(i));
      await aside.getOrLoad(`p:${product(i)}`, load(i));
    }
    const bento = bentocachePeer(server.url, 'bento', 10_000, 600_000);
    const cacheable = cacheablePeer(server.url, 'cacheable', 10_000, 600_000);
    closers.push(() => bento.close(), () => cacheable.close());
    for (const peer of [bento, cacheable]) for (let i = 0; i < 1_000; i++) await peer.getOrSet(`p:${product(i)}`, load(i));
    let missSeq = 0;
    const readPath: Row[] = [
      await drive('two-tier: L1 hit', ops, (i) => warm.cache.getOrLoad(`p:${product(i)}`, load(i))),
      await drive('two-tier: L2 hit', ops, (i) => l2Only.cache.getOrLoad(`p:${product(i)}`, load(i)), 'an L1 of 1 entry: reads go to L2'),
      await drive('two-tier: miss (SQLite, fills L2 and L1)', Math.min(ops, 20_000), () => {
        const n = missSeq++;
        return cold.cache.getOrLoad(`miss:${n}`, load(n));
      }),
      await drive('RedisCache (cache-aside), Redis hit', ops, (i) => aside.getOrLoad(`p:${product(i)}`, load(i))),
      await drive(bento.name + ': L1 hit', ops, (i) => bento.getOrSet(`p:${product(i)}`, load(i))),
      await drive(cacheable.name + ': primary hit', ops, (i) => cacheable.getOrSet(`p:${product(i)}`, load(i))),
    ];
    const ours = readPath[0].opsPerSec;
    const fasterPeer = Math.max(readPath[4].opsPerSec, readPath[5].opsPerSec);

    // --- 2. Zipf throughput, two-tier vs Redis-only, at realistic L1 sizes ---
    const keys = zipfWorkload({ keySpace: zipfKeys, length: zipfOps, exponent: 0.99, random: seededRandom(5) });
    const zipfL2 = new RedisCache<number>({ url: server.url, namespace: 'zipf', commandTimeoutMs: 10_000 });
    closers.push(() => zipfL2.close());
    for (let i = 0; i < zipfKeys; i += 1_000) await zipfL2.setMany(Array.from({ length: Math.min(1_000, zipfKeys - i) }, (_, j) => [`k${i + j}`, i + j] as const), 600_000);
    const zipfLoad = (k: number) => async () => k;
    const zipfRows: Array<Row & { l1HitRatio: string }> = [];
    const redisZipf = await drive('Redis only (RedisCache)', zipfOps, (i) => zipfL2.get(`k${keys[i]}`));
    zipfRows.push({ ...redisZipf, l1HitRatio: '—' });
    for (const share of [0.01, 0.05, 0.1]) {
      const capacity = Math.max(1, Math.round(zipfKeys * share));
      const publisher = new Redis(server.url);
      const subscriber = new Redis(server.url);
      const l2 = new RedisCache<number>({ client: publisher, namespace: 'zipf', commandTimeoutMs: 10_000 });
      const cache = new TwoTierCache<number>({ l2, bus: new RedisPubSubBus({ publisher, subscriber, namespace: 'zipf-bus' }), l1Capacity: capacity, l1TtlMs: 600_000 });
      await cache.start();
      const row = await drive(`two-tier, L1 = ${(share * 100).toFixed(0)} % of keys (${capacity.toLocaleString('en-US')})`, zipfOps, (i) => cache.getOrLoad(`k${keys[i]}`, zipfLoad(keys[i])));
      const s = cache.stats();
      zipfRows.push({ ...row, l1HitRatio: ratio(s.l1Hits, s.l1Hits + s.l2Hits + s.misses) });
      await cache.close();
      publisher.disconnect();
      subscriber.disconnect();
    }

    // --- 3. Invalidation delay between two processes ---
    const delays: Array<{ name: string; report?: InvalidationDelayReport; note?: string }> = [];
    for (const mode of ['pubsub', 'tracking'] as const) {
      const fleet = await startAppFleet({ instances: 2, redisUrl: server.url, mode, dbLatencyMs: 0 });
      try {
        delays.push({ name: `cachecraft two-tier (${mode === 'pubsub' ? 'pub/sub bus' : 'client tracking'})`, report: await measureInvalidationDelay(fleet, writes) });
      } finally {
        await fleet.stop();
      }
    }
    for (const peer of [{ id: 'bentocache', name: bento.name }, { id: 'cacheable', name: `${cacheable.name} + CacheableSync (pub/sub)` }]) {
      try {
        const fleet = await startAppFleet({ instances: 2, redisUrl: server.url, mode: 'pubsub', dbLatencyMs: 0, program: join(__dirname, 'peer-instance.ts'), extra: { peer: peer.id } });
        try {
          delays.push({ name: peer.name, report: await measureInvalidationDelay(fleet, writes) });
        } finally {
          await fleet.stop();
        }
      } catch (error) {
        delays.push({ name: peer.name, note: `failed: ${(error as Error).message}` });
      }
    }

    const ourDelay = delays[0].report?.summary.p50 ?? NaN;
    const peerDelays = delays.slice(2).filter((d) => d.report !== undefined);
    const fasterPeerDelay = peerDelays.reduce((best, d) => Math.min(best, d.report?.summary.p50 ?? Infinity), Infinity);
    const fasterPeerName = peerDelays.find((d) => d.report?.summary.p50 === fasterPeerDelay)?.name ?? 'n/a';
    const machineLoad = machineLoadNote(loadAtStart);
    const markdown = [
      `One private redis-server; SQLite catalog of 1,000 products (no injected latency). ${IN_FLIGHT} reads in flight, ` +
        `${ops.toLocaleString('en-US')} per row after a warm-up. Peers configured as their READMEs show, with the same L1 ` +
        'capacity (10,000 entries) and the same 1,000 warm keys, so every contender in the "hit" rows answers from ' +
        `process memory: equal hit ratio (1.0). Noisy shared machine (${machineLoad}): compare ratios within the run.`,
      '',
      '#### Read path, 50 in flight',
      '',
      '| path | ops/s | p50 (µs) | p99 (µs) | vs RedisCache | client CPU (µs/op) | note |',
      '|---|---:|---:|---:|---:|---:|---|',
      ...readPath.map((r) => `| ${r.name} | ${formatCount(r.opsPerSec)} | ${formatMicros(r.p50Ms)} | ${formatMicros(r.p99Ms)} | ${(r.opsPerSec / readPath[3].opsPerSec).toFixed(2)}× | ${r.cpuUsPerOp.toFixed(1)} | ${r.note ?? ''} |`),
      '',
      `Target: two-tier read path ≥ 1.5× the faster peer: ${ours >= 1.5 * fasterPeer ? '✅' : '❌'} ${(ours / fasterPeer).toFixed(2)}× in ops/s ` +
        `(client CPU per read: ${readPath[0].cpuUsPerOp.toFixed(1)} µs vs ${Math.min(readPath[4].cpuUsPerOp, readPath[5].cpuUsPerOp).toFixed(1)} µs for the cheaper peer).`,
      '',
      `#### Zipf(0.99) over ${zipfKeys.toLocaleString('en-US')} keys, all in L2, ${zipfOps.toLocaleString('en-US')} reads`,
      '',
      '| contender | ops/s | p50 (µs) | p99 (µs) | L1 hit ratio | vs Redis only | client CPU (µs/op) |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...zipfRows.map((r) => `| ${r.name} | ${formatCount(r.opsPerSec)} | ${formatMicros(r.p50Ms)} | ${formatMicros(r.p99Ms)} | ${r.l1HitRatio} | ${(r.opsPerSec / redisZipf.opsPerSec).toFixed(2)}× | ${r.cpuUsPerOp.toFixed(1)} |`),
      '',
      `#### Invalidation delay between two processes (${writes} writes)`,
      '',
      'Writer deletes the key after its database write; the other process stamps the arrival of the invalidation ' +
        '(clocks of one machine). Messages: invalidations received per write by both processes together.',
      '',
      '| contender | p50 (ms) | p99 (ms) | messages per write | lost | note |',
      '|---|---:|---:|---:|---:|---|',
      ...delays.map((d) =>
        d.report
          ? `| ${d.name} | ${d.report.summary.p50.toFixed(2)} | ${d.report.summary.p99.toFixed(2)} | ${d.report.messagesPerWrite.toFixed(1)} | ${d.report.lost} | ${d.report.staleAfterArrival ? `${d.report.staleAfterArrival} stale reads after arrival` : ''} |`
          : `| ${d.name} | | | | | ${d.note} |`,
      ),
      '',
      'cacheable runs `CacheableSync` over a minimal qified provider on ioredis pub/sub (bench/qified-ioredis-provider.ts): ' +
        'the official `@qified/redis` is not installed. Both peers also announce `set`s (the L2 fills after a miss), hence more messages per write.',
      '',
      Number.isFinite(fasterPeerDelay)
        ? `Target: invalidation no slower than the faster peer: ${ourDelay <= fasterPeerDelay * 1.1 ? '✅' : '❌'} p50 ${ourDelay.toFixed(2)} ms (pub/sub bus) vs ${fasterPeerName} ${fasterPeerDelay.toFixed(2)} ms (ratio ${(ourDelay / fasterPeerDelay).toFixed(2)}; within 10 % counts as no slower).`
        : 'Target: invalidation no slower than the peer: not measured (see the table).',
    ].join('\n');
    return { title: 'Two-tier cache: read path, Zipf throughput, peers, invalidation delay', markdown };
  } finally {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    db.close();
    await server.stop();
  }
}

function ratio(part: number, whole: number): string {
  return whole > 0 ? (part / whole).toFixed(3) : 'n/a';
}
