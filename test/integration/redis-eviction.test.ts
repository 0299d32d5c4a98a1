import { expect } from 'chai';
import Redis from 'ioredis';
import { seededRandom } from '../../lib/core/random';
import { redisEvictionExperiment, RedisEvictionRow } from '../../lib/sim/redis-eviction-experiment';
import { replayOnRedis } from '../../lib/sim/redis-eviction-replay';
import { zipfWorkload } from '../../lib/sim/workloads';
import { usePrivateRedis } from '../support/services';

describe("Redis's own eviction, replayed on a real redis-server under maxmemory", function () {
  this.timeout(60_000);
  const server = usePrivateRedis();
  let redis: Redis;
  let rows: RedisEvictionRow[];
  const capacity = 300;
  const keys = zipfWorkload({ keySpace: 5_000, length: 30_000, random: seededRandom(7), exponent: 0.9 });

  before(async () => {
    redis = new Redis(server().url);
    rows = await redisEvictionExperiment(keys, { redis, capacity });
  });
  after(() => redis?.disconnect());

  const row = (policy: string, samples: number) => rows.find((r) => r.policy === policy && r.samples === samples)!;

  it('sizes maxmemory so that Redis holds roughly `capacity` of the trace’s keys, and measures how many', () => {
    // Client buffers count against maxmemory and move with the traffic, hence the wide band;
    // the exact policies are simulated at the measured `keysHeld`, not at `capacity`.
    for (const r of rows) expect(r.keysHeld, `${r.policy} samples ${r.samples}`).to.be.within(capacity * 0.7, capacity * 1.5);
  });

  it('allkeys-lfu with 10 samples comes within 3 points of an exact LFU of the same size', () => {
    const lfu = row('allkeys-lfu', 10);
    expect(Math.abs(lfu.redisHitRatio - lfu.exactLfuHitRatio)).to.be.below(0.03);
  });

  it('one sample is random eviction: allkeys-lfu gains from sampling more keys', () => {
    expect(row('allkeys-lfu', 10).redisHitRatio - row('allkeys-lfu', 1).redisHitRatio).to.be.above(0.05);
    expect(Math.abs(row('allkeys-lfu', 1).redisHitRatio - row('allkeys-random', 1).redisHitRatio)).to.be.below(0.03);
  });

  it('replayed faster than its one-second LRU clock, allkeys-lru can only pick among equals: no better than random', () => {
    for (const samples of [1, 5, 10]) {
      expect(row('allkeys-lru', samples).redisHitRatio).to.be.below(row('allkeys-random', samples).redisHitRatio + 0.03);
      expect(row('allkeys-lru', samples).redisHitRatio).to.be.below(row('allkeys-lru', samples).exactLruHitRatio);
    }
  });

  it('counts every request once, hits plus misses', async () => {
    const run = await replayOnRedis(keys.slice(0, 2_000), { redis, capacity: 100, policy: 'allkeys-lfu', samples: 5 });
    expect(run.hits + run.misses).to.equal(2_000);
    expect(run.evictedKeys).to.be.above(0);
    expect(await redis.config('GET', 'maxmemory')).to.deep.equal(['maxmemory', '0']);
  });

  it('rejects bad options, naming the parameter', async () => {
    const bad = async (options: object, name: RegExp) => {
      let error: unknown;
      try {
        await replayOnRedis([1], { redis, capacity: 10, policy: 'allkeys-lru', samples: 5, ...options });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(Error).with.property('message').that.matches(name);
    };
    await bad({ capacity: 0 }, /capacity/);
    await bad({ samples: 0 }, /samples/);
    await bad({ samples: 65 }, /samples/);
    await bad({ policy: 'volatile-lru' }, /policy/);
    await bad({ redis: null }, /redis/);
  });
});
