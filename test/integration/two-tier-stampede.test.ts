import { expect } from 'chai';
import Redis from 'ioredis';
import { usePrivateRedis } from '../support/services';
import { TwoTierWorker } from '../support/two-tier-fleet';

/**
 * The cross-instance stampede: PROCESSES real Node processes, each with CONCURRENCY callers,
 * ask for one cold key at the same moment. The database is a counter in Redis (each load
 * INCRs it, then takes LOAD_MS). Three defences, counted:
 * (1) per-process single-flight only — one load per process;
 * (2) single-flight + a Redis lock (double-checking L2 once held) — one load in all;
 * (3) the two-tier cache with its lock — one load in all.
 */
describe('two-tier cross-instance stampede (real redis-server, forked workers)', function () {
  this.timeout(60_000);
  const redis = usePrivateRedis();
  const PROCESSES = 4;
  const CONCURRENCY = 10;
  const LOAD_MS = 300;
  let workers: TwoTierWorker[] = [];
  let admin: Redis;

  before(async function () {
    this.timeout(60_000);
    const forkedAt = Date.now();
    workers = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) =>
        TwoTierWorker.start({ url: redis().url, name: `P${i}`, mode: 'pubsub', namespace: 'stampede', l1TtlMs: 5_000, lock: true }),
      ),
    );
    console.log(`      forked and started ${PROCESSES} worker processes in ${Date.now() - forkedAt} ms`);
    admin = new Redis(redis().url);
    admin.on('error', () => undefined);
  });

  after(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    admin?.disconnect();
  });

  /** Every process asks for `key` at once; resolves to the number of database loads. */
  async function stampede(key: string, strategy: 'single-flight' | 'lock' | 'two-tier'): Promise<number> {
    const results = await Promise.all(workers.map((worker) => worker.call('stampede', key, CONCURRENCY, strategy, LOAD_MS)));
    for (const result of results) expect(result.values).to.deep.equal([`loaded:${key}`]);
    return Number(await admin.get(`loads:${key}`));
  }

  it(`counts database loads: single-flight only > with the Redis lock ≥ two-tier + lock`, async () => {
    const singleFlight = await stampede('cold-1', 'single-flight');
    const withLock = await stampede('cold-2', 'lock');
    const twoTier = await stampede('cold-3', 'two-tier');
    console.log(
      `      ${PROCESSES} processes × ${CONCURRENCY} callers, one cold key, ${LOAD_MS} ms loads → database loads: ` +
        `single-flight only ${singleFlight}, + Redis lock ${withLock}, two-tier + lock ${twoTier}`,
    );
    // Each process coalesces its own callers but knows nothing of the others.
    expect(singleFlight).to.be.within(2, PROCESSES);
    expect(withLock).to.equal(1);
    expect(twoTier).to.equal(1);
    expect(singleFlight).to.be.greaterThan(withLock);
    expect(withLock).to.be.at.least(twoTier);
  });

  it('afterwards every process answers the hot key from its own L1', async () => {
    const reads = await Promise.all(workers.map((worker) => worker.call('get', 'cold-3')));
    for (const read of reads) expect(read).to.deep.equal({ value: 'loaded:cold-3', l1Hit: true });
  });
});
