import { expect } from 'chai';
import { AppFleet, startAppFleet } from '../../lib/two-tier/app-fleet';
import { measureCrossInstanceStampede } from '../../lib/two-tier/cross-instance-stampede';
import { measureInvalidationDelay } from '../../lib/two-tier/invalidation-delay';
import { rejectionOf } from '../support/deferred';
import { usePrivateRedis } from '../support/services';

/**
 * Chapter 11's multi-process helpers: app instances as real forked Node processes sharing one
 * SQLite file and one private redis-server.
 */
describe('AppFleet: app instances as separate processes (chapter 11)', function () {
  this.timeout(120_000);
  const redis = usePrivateRedis();
  const fleets: AppFleet[] = [];
  const start = async (options: Omit<Parameters<typeof startAppFleet>[0], 'redisUrl'>) => {
    const fleet = await startAppFleet({ redisUrl: redis().url, ...options });
    fleets.push(fleet);
    return fleet;
  };
  after(async () => {
    await Promise.all(fleets.map((f) => f.stop()));
  });

  it('without a bus, another instance keeps serving the old value from its L1 until its TTL expires', async () => {
    const fleet = await start({ instances: 2, mode: 'local', l1TtlMs: 400, dbLatencyMs: 0 });
    const [a, b] = fleet.instances;
    expect(a.pid).to.not.equal(b.pid);
    expect(await b.call('read', 1)).to.deep.include({ tier: 'database' });
    const before: { price: number } = await b.call('read', 1);
    await a.call('write', 1, 4242);
    expect(await a.call('read', 1)).to.deep.equal({ price: 4242, tier: 'database' });
    expect(await b.call('read', 1), 'stale: served by L1').to.deep.equal({ price: before.price, tier: 'l1' });
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await b.call('read', 1)).to.deep.include({ price: 4242 });
  });

  it('pub/sub and tracking: every invalidation arrives, no read after it is stale; tracking also reports L2 fills', async () => {
    const pubsub = await measureInvalidationDelay(await start({ instances: 3, mode: 'pubsub', dbLatencyMs: 0 }), 6);
    const tracking = await measureInvalidationDelay(await start({ instances: 3, mode: 'tracking', dbLatencyMs: 0 }), 6);
    for (const report of [pubsub, tracking]) {
      expect(report.lost).to.equal(0);
      expect(report.staleAfterArrival).to.equal(0);
      expect(report.delaysMs).to.have.length(12);
      for (const delay of report.delaysMs) expect(delay).to.be.greaterThan(0);
    }
    expect(pubsub.messagesPerWrite, 'one message per write, to each of the 2 others').to.equal(2);
    expect(tracking.messagesPerWrite).to.be.greaterThan(pubsub.messagesPerWrite);
  });

  it('cross-instance stampede: one load per process with single-flight only, one in all with the lock', async () => {
    const fleet = await start({ instances: 3, mode: 'pubsub', dbLatencyMs: 150 });
    const singleFlight = await measureCrossInstanceStampede(fleet, 21, 8, 'single-flight');
    const withLock = await measureCrossInstanceStampede(fleet, 22, 8, 'lock');
    const twoTier = await measureCrossInstanceStampede(fleet, 23, 8, 'two-tier');
    expect(singleFlight).to.be.within(2, 3);
    expect(withLock).to.equal(1);
    expect(twoTier).to.equal(1);
  });

  it('checks its arguments', async () => {
    expect((await rejectionOf(startAppFleet({ instances: 0, redisUrl: redis().url, mode: 'local' }))).message).to.match(/^instances must be a positive integer/);
    const single = await start({ instances: 1, mode: 'local' });
    expect((await rejectionOf(measureInvalidationDelay(single, 1))).message).to.equal('the fleet needs at least 2 instances');
    expect((await rejectionOf(measureInvalidationDelay(single, 0))).message).to.match(/^writes must be a positive integer/);
  });
});
