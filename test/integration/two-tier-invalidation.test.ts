import { expect } from 'chai';
import Redis from 'ioredis';
import { summarizeLatencies } from '../../lib/sim/percentile';
import { usePrivateRedis } from '../support/services';
import { TwoTierWorker } from '../support/two-tier-fleet';

/**
 * Invalidation between two real Node processes sharing one private redis-server, for both
 * buses. Delays are measured from the moment A calls `set` to the moment B's bus delivers the
 * invalidation (one wall clock, same machine) and printed, not asserted: timings are noisy here.
 */
for (const mode of ['pubsub', 'tracking'] as const) {
  describe(`two-tier invalidation across processes — ${mode} (real redis-server, forked workers)`, function () {
    this.timeout(60_000);
    const redis = usePrivateRedis();
    const L1_TTL_MS = 600;
    let a: TwoTierWorker;
    let b: TwoTierWorker;
    let admin: Redis;

    before(async function () {
      this.timeout(60_000);
      const forkedAt = Date.now();
      const common = { url: redis().url, mode, namespace: `inv-${mode}`, l1TtlMs: L1_TTL_MS, reconnectDelayMs: 300 };
      [a, b] = await Promise.all([TwoTierWorker.start({ ...common, name: `A-${mode}` }), TwoTierWorker.start({ ...common, name: `B-${mode}` })]);
      console.log(`      forked and started 2 worker processes in ${Date.now() - forkedAt} ms`);
      admin = new Redis(redis().url);
      admin.on('error', () => undefined);
    });

    after(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      admin?.disconnect();
    });

    it('after A writes, B never serves the old value once the invalidation has arrived (delay measured)', async () => {
      const rounds = 150;
      const delays: number[] = [];
      let violations = 0;
      await a.call('set', 'hot', 'v0');
      for (let i = 1; i <= rounds; i++) {
        await b.call('prime', 'hot', `v${i - 1}`);
        const watching = b.call('watch', 'hot', `v${i}`, 5_000);
        const write = await a.call('set', 'hot', `v${i}`);
        const seen = await watching;
        violations += seen.violations;
        expect(seen.receivedAt, `round ${i}: B saw v${i} without an invalidation`).to.be.a('number');
        delays.push(seen.receivedAt - write.startedAt);
      }
      const summary = summarizeLatencies(delays);
      console.log(
        `      [${mode}] invalidation delay A.set → B notified over ${rounds} writes: p50 ${summary.p50.toFixed(2)} ms, ` +
          `p99 ${summary.p99.toFixed(2)} ms, max ${summary.max.toFixed(2)} ms`,
      );
      expect(violations).to.equal(0);
      const stateA = await a.call('state');
      // The writer keeps its own fresh entry: it never hears of its own writes.
      expect(stateA.stats.invalidationsReceived).to.equal(0);
      expect((await a.call('get', 'hot')).l1Hit).to.equal(true);
    });

    it('propagates a delete', async () => {
      await a.call('set', 'gone', 'here');
      await b.call('prime', 'gone', 'here');
      await a.call('delete', 'gone');
      const deadline = Date.now() + 5_000;
      while ((await b.call('get', 'gone')).value !== null) {
        expect(Date.now()).to.be.below(deadline);
      }
    });

    it('a lost message leaves B stale for at most L1 TTL', async () => {
      await a.call('set', 'lossy', 'old');
      await b.call('prime', 'lossy', 'old');
      await b.call('dropNext', 1);
      const watching = b.call('watch', 'lossy', 'new', 5_000);
      const write = await a.call('set', 'lossy', 'new');
      const seen = await watching;
      const staleMs = seen.seenAt - write.endedAt;
      console.log(`      [${mode}] with the message dropped, B served the old value for ${staleMs.toFixed(0)} ms after the write (L1 TTL ${L1_TTL_MS} ms)`);
      expect((await b.call('state')).dropped).to.be.at.least(1);
      expect(seen.staleReads).to.be.greaterThan(0);
      // The entry was cached before the write, so its TTL runs out at most L1_TTL_MS after it (+ one read, and slack for a loaded machine).
      expect(staleMs).to.be.at.most(L1_TTL_MS + 500);
    });

    for (const victim of mode === 'tracking' ? (['subscriber', 'data'] as const) : (['subscriber'] as const)) {
      it(`serves nothing stale across a bus outage (CLIENT KILL of B's ${victim} connection)`, async () => {
        await a.call('set', 'outage', 'before');
        await b.call('prime', 'outage', 'before');
        const ids = await b.call('clientIds');
        await admin.client('KILL', 'ID', String(ids[victim]));
        const deadline = Date.now() + 5_000;
        while ((await b.call('state')).l1Enabled) expect(Date.now(), 'B never noticed the outage').to.be.below(deadline);
        // Written while B cannot hear about it.
        await a.call('set', 'outage', 'during');
        const during = await b.call('get', 'outage');
        if (victim === 'subscriber') expect(during).to.deep.equal({ value: 'during', l1Hit: false });
        while (!(await b.call('state')).l1Enabled) expect(Date.now(), 'B never resubscribed').to.be.below(deadline);
        expect((await b.call('get', 'outage')).value).to.equal('during');
        expect(await b.call('get', 'outage')).to.deep.equal({ value: 'during', l1Hit: true });
        // And the bus works again.
        await b.call('prime', 'outage', 'during');
        const watching = b.call('watch', 'outage', 'after', 5_000);
        await a.call('set', 'outage', 'after');
        const seen = await watching;
        expect(seen.receivedAt).to.be.a('number');
        expect(seen.violations).to.equal(0);
        expect((await b.call('state')).stats.resyncs).to.be.at.least(2);
      });
    }
  });
}
