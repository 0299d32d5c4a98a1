/**
 * The cluster read path: `RedisCache` over an ioredis `Cluster` (50 reads in flight, keys spread
 * over every master, auto-pipelining off and on) against `redis-benchmark --cluster -t get` on
 * the same private 3-master cluster, as a ratio. The hash-tag variant shows what pinning a
 * namespace to one slot does to throughput.
 */
import { RedisCache } from '../lib/cache/redis-cache';
import { startPrivateCluster } from '../lib/redis/private-cluster';
import { summarizeLatencies } from '../lib/sim/percentile';
import { redisBenchmarkGet } from './redis-benchmark';
import { formatCount, formatMicros, loadNow, machineLoadNote, runInFlight, warmUp } from './in-flight';

const IN_FLIGHT = 50;
const KEYS = 1_000;

export async function run(options: { quick: boolean }): Promise<{ title: string; markdown: string }> {
  const loadAtStart = loadNow();
  const ops = options.quick ? 2_000 : 100_000;
  const requests = options.quick ? 5_000 : 100_000;
  const cluster = await startPrivateCluster({ masters: 3 });
  const rows: Array<{ name: string; opsPerSec: number; p50Ms: number; p99Ms: number }> = [];
  try {
    for (const variant of [
      { name: 'RedisCache over Cluster', autoPipelining: false, hashTag: false },
      { name: 'RedisCache over Cluster, auto-pipelining', autoPipelining: true, hashTag: false },
      { name: 'RedisCache over Cluster, hash tag (one slot)', autoPipelining: false, hashTag: true },
    ]) {
      const cache = new RedisCache<{ id: number; name: string }>({
        clusterNodes: cluster.addresses,
        namespace: `bench-${rows.length}`,
        autoPipelining: variant.autoPipelining,
        hashTag: variant.hashTag,
        commandTimeoutMs: 10_000,
      });
      try {
        await cache.setMany(Array.from({ length: KEYS }, (_, i) => [`product:${i}`, { id: i, name: `product ${i}` }] as const), 600_000);
        const read = (i: number) => cache.get(`product:${i % KEYS}`);
        await warmUp(read, Math.min(ops, 2_000));
        const { latenciesMs, elapsedMs } = await runInFlight(read, ops, IN_FLIGHT);
        const s = summarizeLatencies(latenciesMs);
        if (cache.stats().warnings > 0) throw new Error(`${variant.name}: ${cache.stats().warnings} failed reads`);
        rows.push({ name: variant.name, opsPerSec: (ops / elapsedMs) * 1_000, p50Ms: s.p50, p99Ms: s.p99 });
      } finally {
        await cache.clear();
        await cache.close();
      }
    }
    const ceiling = redisBenchmarkGet(cluster.nodes[0].port, requests, ['--cluster', '-c', '50']);
    const machineLoad = machineLoadNote(loadAtStart);
    const markdown = [
      `A private Redis Cluster of 3 masters (no replicas) on this machine. ${IN_FLIGHT} reads in flight, ` +
        `${ops.toLocaleString('en-US')} \`get\`s of ${KEYS} warm JSON keys per row, one ioredis \`Cluster\` client. ` +
        `Ceiling: \`redis-benchmark --cluster -t get -c 50 -n ${requests}\` against the same cluster (its keys spread over ` +
        `every master). Shared, noisy machine (${machineLoad}): the ratio is what to compare.`,
      '',
      '| path | ops/s | p50 (µs) | p99 (µs) | ratio to redis-benchmark |',
      '|---|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.name} | ${formatCount(r.opsPerSec)} | ${formatMicros(r.p50Ms)} | ${formatMicros(r.p99Ms)} | ${ceiling ? `${((r.opsPerSec / ceiling.rps) * 100).toFixed(0)}%` : 'n/a'} |`),
      ceiling ? `| \`redis-benchmark --cluster -t get -c 50\` | ${formatCount(ceiling.rps)} | ${Number.isFinite(ceiling.p50Ms) ? formatMicros(ceiling.p50Ms) : ''} | | ceiling |` : '| redis-benchmark not found | | | | |',
    ].join('\n');
    return { title: 'Redis Cluster read path vs redis-benchmark --cluster', markdown };
  } finally {
    await cluster.stop();
  }
}
