import { expect } from 'chai';
import { spawnSync } from 'child_process';
import fc from 'fast-check';
import Redis from 'ioredis';
import { RedisCache } from '../../lib/cache/redis-cache';
import { runFailoverDrill } from '../../lib/redis/failover-drill';
import { hashSlot } from '../../lib/redis/hash-slot';
import { masterOfSlot } from '../../lib/redis/private-cluster';
import { usePrivateCluster } from '../support/services';

/**
 * RedisCache over a real Redis Cluster: 3 masters with one replica each, started once for the
 * file (a few seconds). The failover drill kills a master, so it runs last.
 */
describe('RedisCache over a private Redis Cluster (3 masters + 3 replicas)', function () {
  this.timeout(30_000);
  const cluster = usePrivateCluster({ masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 1_000 });
  const caches: RedisCache[] = [];
  let seq = 0;

  function newCache<V = unknown>(options: ConstructorParameters<typeof RedisCache>[0] = {}): RedisCache<V> {
    const cache = new RedisCache<V>({ clusterNodes: cluster().addresses, namespace: `c${++seq}`, ...options });
    caches.push(cache as RedisCache);
    return cache;
  }

  /** Keys under `pattern` held by each live master, read from the masters themselves. */
  async function keysPerMaster(pattern: string): Promise<Map<number, number>> {
    const roles = await cluster().roles();
    const counts = new Map<number, number>();
    for (const role of roles.filter((r) => r.role === 'master')) {
      const node = new Redis(cluster().nodes[role.index].url);
      let cursor = '0';
      let count = 0;
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        count += keys.length;
      } while (cursor !== '0');
      node.disconnect();
      counts.set(role.index, count);
    }
    return counts;
  }

  after(async () => {
    await Promise.all(caches.map((c) => c.close()));
  });

  it('computes the same hash slot as the server, hash tags included', async () => {
    const node = new Redis(cluster().nodes[0].url);
    try {
      const key = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('a', 'b', '{', '}', 'é', ':') }), fc.string({ unit: 'binary', maxLength: 12 }));
      await fc.assert(
        fc.asyncProperty(key, async (k) => {
          expect(hashSlot(k), JSON.stringify(k)).to.equal(Number(await node.call('CLUSTER', 'KEYSLOT', k)));
        }),
        { numRuns: 300 },
      );
    } finally {
      node.disconnect();
    }
  });

  it('spreads keys over every master', async () => {
    const cache = newCache<number>();
    await cache.setMany(Array.from({ length: 300 }, (_, i) => [`k${i}`, i] as const));
    const counts = await keysPerMaster(`${cache.prefix}*`);
    expect(counts.size).to.equal(3);
    for (const count of counts.values()) expect(count).to.be.within(50, 150);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).to.equal(300);
    expect(await cache.size()).to.equal(300);
  });

  it('with a hash tag puts every key of the namespace on one master (the hot shard)', async () => {
    const cache = newCache<number>({ hashTag: true });
    expect(cache.prefix).to.equal(`{c${seq}}:`);
    await cache.setMany(Array.from({ length: 100 }, (_, i) => [`k${i}`, i] as const));
    const counts = [...(await keysPerMaster(`{c${seq}}:*`)).values()].sort((a, b) => b - a);
    expect(counts).to.deep.equal([100, 0, 0]);
    expect(await cache.getMany(['k1', 'k50', 'k99', 'none'])).to.deep.equal([1, 50, 99, undefined]);
  });

  it('reads, writes and deletes batches whose keys span slots and masters', async () => {
    const cache = newCache<string>();
    const keys = Array.from({ length: 40 }, (_, i) => `user:${i}`);
    const roles = await cluster().roles();
    const owners = new Set(keys.map((k) => masterOfSlot(roles, hashSlot(cache.prefix + k))));
    expect(owners.size, 'the batch must cross masters').to.equal(3);
    expect(await cache.setMany(keys.map((k) => [k, `v-${k}`] as const))).to.equal(true);
    const asked = [...keys, 'missing:1'].reverse();
    expect(await cache.getMany(asked)).to.deep.equal(asked.map((k) => (k.startsWith('user:') ? `v-${k}` : undefined)));
    expect(await cache.deleteMany(keys.slice(0, 30))).to.equal(30);
    expect(await cache.size()).to.equal(10);
    expect(cache.stats()).to.deep.include({ hits: 40, misses: 1, sets: 40, deletes: 30, warnings: 0 });
  });

  it('deleteByPrefix removes matching keys from every master and leaves the rest', async () => {
    const cache = newCache<number>();
    await cache.setMany(Array.from({ length: 150 }, (_, i) => [`user:${i}`, i] as const));
    await cache.setMany(Array.from({ length: 60 }, (_, i) => [`product:${i}`, i] as const));
    const before = await keysPerMaster(`${cache.prefix}user:*`);
    expect([...before.values()].every((n) => n > 0), 'user keys on every master').to.equal(true);
    expect(await cache.deleteByPrefix('user:')).to.equal(150);
    const after = await keysPerMaster(`${cache.prefix}user:*`);
    expect([...after.values()]).to.deep.equal([0, 0, 0]);
    expect(await cache.size()).to.equal(60);
    await cache.clear();
    expect(await cache.size()).to.equal(0);
  });

  it('runs the guide\'s demo on the cluster (npm run demo -- --redis-cluster …)', function () {
    this.timeout(120_000);
    const result = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'scripts/demo.ts', '--redis-cluster', cluster().addresses.slice(0, 3).join(','), '--db-delay', '5'],
      { encoding: 'utf8', env: { ...process.env, REDIS_URL: '', REDIS_CLUSTER_NODES: '' } },
    );
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.include('Using Redis Cluster at');
    expect(result.stdout).to.match(/Cache Hit Rate: \d/);
    expect(result.stdout).not.to.include('Cache Warnings');
  });

  it('runs the demo on the cluster named by REDIS_CLUSTER_NODES with --redis', function () {
    this.timeout(120_000);
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/demo.ts', '--redis', '--scenario', 'normal', '--db-delay', '5'], {
      encoding: 'utf8',
      env: { ...process.env, REDIS_URL: '', REDIS_CLUSTER_NODES: cluster().addresses.join(',') },
    });
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.include(`Using Redis Cluster at ${cluster().addresses.join(',')}`);
    expect(result.stdout).to.match(/Cache Hit Rate: \d/);
  });

  it('a master dies mid-load: fail-open readers keep getting database answers, nothing stale is served, the window is measured', async function () {
    this.timeout(90_000);
    const report = await runFailoverDrill({ cluster: cluster(), warmupOperations: 150, operationsAfterRecovery: 150 });
    console.log(
      `      failover: window ${report.windowMs} ms (kill → first failure ${report.detectionMs} ms), ` +
        `${report.failedCacheOperations} failed cache ops, ${report.readsDuringWindow} reads and ${report.writesDuringWindow} writes during the window`,
    );
    expect(report.windowMs).to.be.greaterThan(0);
    expect(report.failedCacheOperations).to.be.greaterThan(0);
    expect(report.readsDuringWindow).to.be.greaterThan(0);
    expect(report.writesDuringWindow, 'writes during the window test invalidation across the failover').to.be.greaterThan(0);
    expect(report.unanswered).to.equal(0);
    expect(report.staleReads).to.equal(0);
    expect(report.finalMismatches).to.equal(0);
    expect(report.promotedIndex).to.be.at.least(0).and.not.equal(report.killedIndex);
    await cluster().restartNode(report.killedIndex);
    await cluster().waitUntilHealthy();
  });
});
