import { expect } from 'chai';
import type Redis from 'ioredis';
import { ManualClock } from '../../../lib/core/clock';
import { deleteKeysByPrefix, escapeGlob } from '../../../lib/redis/delete-by-prefix';
import { FixedWindowRateLimiter } from '../../../lib/redis/fixed-window-rate-limiter';
import { connectRedis, lastConnectionError } from '../../../lib/redis/redis-client';
import { RedisSessionStore } from '../../../lib/redis/redis-session-store';
import { startPrivateRedis } from '../../../lib/redis/private-redis';
import { usePrivateRedis } from '../../support/services';

describe('Redis use cases: prefix purge, rate limiting, sessions (real redis-server)', function () {
  this.timeout(20_000);
  const server = usePrivateRedis();
  let redis: Redis;
  before(() => {
    redis = connectRedis(server());
  });
  after(() => redis.disconnect());

  describe('deleteKeysByPrefix', () => {
    it('escapes glob characters, so a prefix matches itself only', async () => {
      expect(escapeGlob('a*b?c[d]e\\f')).to.equal('a\\*b\\?c\\[d\\]e\\\\f');
      await redis.mset('p1:user*:a', '1', 'p1:user*:b', '1', 'p1:user1:a', '1', 'p1:userX', '1', 'p1:user?:c', '1');
      expect(await deleteKeysByPrefix(redis, 'p1:user*:')).to.equal(2);
      expect((await redis.keys('p1:*')).sort()).to.deep.equal(['p1:user1:a', 'p1:user?:c', 'p1:userX']);
      expect(await deleteKeysByPrefix(redis, 'p1:user?')).to.equal(1);
      expect((await redis.keys('p1:*')).sort()).to.deep.equal(['p1:user1:a', 'p1:userX']);
    });

    it('walks the whole keyspace in SCAN steps', async () => {
      const keys = Array.from({ length: 1_200 }, (_, i) => [`p2:k${i}`, 'v']).flat();
      await redis.mset(...keys);
      await redis.set('p3:keep', 'v');
      expect(await deleteKeysByPrefix(redis, 'p2:', 50)).to.equal(1_200);
      expect(await redis.exists('p3:keep')).to.equal(1);
    });

    it('refuses an empty prefix, which would delete every key', async () => {
      const error = await deleteKeysByPrefix(redis, '').catch((e: Error) => e);
      expect(error).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.match(/prefix/);
    });
  });

  describe('FixedWindowRateLimiter', () => {
    it('allows `limit` requests per client per window, then refuses, and starts again in the next window', async () => {
      const clock = new ManualClock(10_000);
      const limiter = new FixedWindowRateLimiter({ redis, limit: 3, windowMs: 1_000, prefix: 'rl1:', now: clock.now });
      const verdicts = [];
      for (let i = 0; i < 5; i++) verdicts.push(await limiter.hit('alice'));
      expect(verdicts.map((v) => v.allowed)).to.deep.equal([true, true, true, false, false]);
      expect(verdicts.map((v) => v.remaining)).to.deep.equal([2, 1, 0, 0, 0]);
      expect((await limiter.hit('bob')).allowed, 'another client has its own count').to.equal(true);
      clock.advance(999);
      expect((await limiter.hit('alice')).allowed, 'still the same window at t=10 999').to.equal(false);
      clock.advance(1);
      const next = await limiter.hit('alice');
      expect([next.allowed, next.count, next.resetInMs]).to.deep.equal([true, 1, 1_000]);
    });

    it('lets each window counter expire with its window (no key lives forever)', async () => {
      const clock = new ManualClock(5_250);
      const limiter = new FixedWindowRateLimiter({ redis, limit: 10, windowMs: 1_000, prefix: 'rl2:', now: clock.now });
      await limiter.hit('carol');
      const pttl = await redis.pttl('rl2:carol:5');
      expect(pttl).to.be.within(1, 750);
    });

    it('rejects bad options and clients with errors naming them', () => {
      expect(() => new FixedWindowRateLimiter({ redis, limit: 0, windowMs: 1_000 })).to.throw(RangeError, /limit/);
      expect(() => new FixedWindowRateLimiter({ redis, limit: 1, windowMs: -1 })).to.throw(RangeError, /windowMs/);
      const limiter = new FixedWindowRateLimiter({ redis, limit: 1, windowMs: 1_000 });
      return limiter.hit('').then(
        () => expect.fail('hit("") resolved'),
        (error: Error) => expect(error).to.be.instanceOf(TypeError).and.to.have.property('message').that.matches(/client/),
      );
    });
  });

  describe('RedisSessionStore', () => {
    it('keeps a session as a hash with a sliding expiry, refreshed by every access', async () => {
      let n = 0;
      const store = new RedisSessionStore({ redis, idleTtlMs: 60_000, prefix: 's1:', newId: () => `id${++n}` });
      const id = await store.create({ userId: '42', role: 'customer' });
      expect(id).to.equal('id1');
      expect(await redis.type('s1:id1')).to.equal('hash');
      await redis.pexpire('s1:id1', 10_000); // as if 50 s had passed
      expect(await store.get(id)).to.deep.equal({ userId: '42', role: 'customer' });
      expect(await redis.pttl('s1:id1')).to.be.greaterThan(50_000);
      expect(await store.update(id, { role: 'admin' })).to.equal(true);
      expect(await store.get(id)).to.deep.equal({ userId: '42', role: 'admin' });
      expect(await store.destroy(id)).to.equal(true);
      expect(await store.get(id)).to.equal(undefined);
      expect(await redis.exists('s1:id1'), 'get of a missing session creates nothing').to.equal(0);
    });

    it('never resurrects an expired session on update', async () => {
      const store = new RedisSessionStore({ redis, idleTtlMs: 20, prefix: 's2:' });
      const id = await store.create({ userId: '7' });
      expect(id).to.match(/^[A-Za-z0-9_-]{22}$/);
      await redis.del(store.keyOf(id)); // expired
      expect(await store.update(id, { role: 'admin' })).to.equal(false);
      expect(await redis.exists(store.keyOf(id))).to.equal(0);
    });

    it('rejects bad options and fields with errors naming them', async () => {
      expect(() => new RedisSessionStore({ redis, idleTtlMs: 0 })).to.throw(RangeError, /idleTtlMs/);
      const store = new RedisSessionStore({ redis, idleTtlMs: 1_000 });
      const error = await store.create({ userId: 42 as unknown as string }).catch((e: Error) => e);
      expect(error).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.match(/fields\.userId/);
    });
  });

  describe('connectRedis', () => {
    it('always listens for connection errors: no "Unhandled error event" while Redis is down', async () => {
      const own = await startPrivateRedis();
      const printed: string[] = [];
      const realError = console.error;
      console.error = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
      const client = connectRedis(own, { retryStrategy: () => 20, maxRetriesPerRequest: 0 });
      try {
        expect(await client.ping()).to.equal('PONG');
        await own.kill();
        for (let i = 0; i < 50 && lastConnectionError(client) === undefined; i++) await new Promise((r) => setTimeout(r, 20));
        expect(lastConnectionError(client)?.message).to.match(/ECONNREFUSED|Connection is closed|ECONNRESET/);
      } finally {
        client.disconnect();
        console.error = realError;
        await own.stop();
      }
      expect(printed.filter((line) => line.includes('Unhandled error event'))).to.deep.equal([]);
    });
  });
});
