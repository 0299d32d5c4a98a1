import { expect } from 'chai';
import Redis from 'ioredis';
import { LockTimeoutError } from '../../../lib/redis/errors';
import { RedisLock } from '../../../lib/redis/redis-lock';
import { ManualClock } from '../../../lib/core/clock';
import { usePrivateRedis } from '../../support/services';

describe('RedisLock (against a private redis-server)', function () {
  const server = usePrivateRedis();
  let redis: Redis | undefined;

  before(async () => {
    redis = new Redis(server().url, { lazyConnect: true });
    await redis.connect();
  });

  after(() => {
    redis?.disconnect();
  });

  const client = (): Redis => redis as Redis;

  it('has the exercise defaults: ttlMs 10 000, retryDelayMs 50, timeoutMs 5 000', () => {
    const lock = new RedisLock(client());
    expect([lock.ttlMs, lock.retryDelayMs, lock.timeoutMs]).to.deep.equal([10_000, 50, 5_000]);
  });

  it('lets exactly one of many concurrent callers in', async () => {
    const lock = new RedisLock(client(), { ttlMs: 5_000 });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => lock.acquire('lock:one')));
    expect(tokens.filter((token) => token !== null)).to.have.length(1);
  });

  it('frees the lock on release, but only for the holder', async () => {
    const lock = new RedisLock(client(), { ttlMs: 5_000 });
    const token = await lock.acquire('lock:two');
    expect(token).to.be.a('string');
    expect(await lock.release('lock:two', 'not-the-token')).to.equal(false);
    expect(await lock.acquire('lock:two')).to.equal(null);
    expect(await lock.release('lock:two', token as string)).to.equal(true);
    expect(await lock.acquire('lock:two')).to.be.a('string');
  });

  it('expires on its own (PX), so a crashed holder cannot block forever', async () => {
    const lock = new RedisLock(client(), { ttlMs: 50 });
    expect(await lock.acquire('lock:three')).to.be.a('string');
    const pttl = await client().pttl('lock:three');
    expect(pttl).to.be.within(1, 50);
  });

  it('withLock runs fn, returns its result and releases even when fn throws', async () => {
    const lock = new RedisLock(client(), { ttlMs: 5_000 });
    expect(await lock.withLock('lock:four', async () => 42)).to.equal(42);
    expect(await client().exists('lock:four')).to.equal(0);
    let error: unknown;
    await lock.withLock('lock:four', async () => { throw new Error('boom'); }).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('boom');
    expect(await client().exists('lock:four')).to.equal(0);
  });

  it('withLock gives up with LockTimeoutError after timeoutMs, polling every retryDelayMs (injected clock, no waiting)', async () => {
    const clock = new ManualClock(0);
    const pauses: number[] = [];
    const lock = new RedisLock(client(), {
      ttlMs: 5_000, retryDelayMs: 100, timeoutMs: 250, now: clock.now,
      sleep: async (ms) => { pauses.push(ms); clock.advance(ms); },
    });
    expect(await lock.acquire('lock:five')).to.be.a('string');
    let error: unknown;
    let ran = false;
    await lock.withLock('lock:five', async () => { ran = true; }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(LockTimeoutError);
    expect((error as Error).message).to.match(/lock:five.*250 ms/);
    expect(ran).to.equal(false);
    expect(pauses).to.deep.equal([100, 100, 100]);
  });

  it('rejects bad arguments, naming them', async () => {
    expect(() => new RedisLock(client(), { ttlMs: 0 })).to.throw(RangeError, /ttlMs/);
    expect(() => new RedisLock(client(), { retryDelayMs: -1 })).to.throw(RangeError, /retryDelayMs/);
    expect(() => new RedisLock(client(), { timeoutMs: Number.NaN })).to.throw(RangeError, /timeoutMs/);
    expect(() => new RedisLock({} as never, { ttlMs: 1 })).to.throw(TypeError, /redis/);
    expect(() => new RedisLock(client(), null as never)).to.throw(TypeError, /options/);
    let error: unknown;
    await new RedisLock(client(), { ttlMs: 1 }).acquire('').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
  });

  it('withLock runs one holder at a time', async () => {
    const lock = new RedisLock(client(), { ttlMs: 5_000, retryDelayMs: 5, timeoutMs: 2_000 });
    let inside = 0;
    let most = 0;
    const section = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inside--;
    };
    await Promise.all([1, 2, 3].map(() => lock.withLock('lock:six', section)));
    expect(most).to.equal(1);
  });
});
