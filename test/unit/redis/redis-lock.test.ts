import { expect } from 'chai';
import Redis from 'ioredis';
import { LockTimeoutError } from '../../../lib/redis/lock-timeout-error';
import { RedisLock } from '../../../lib/redis/redis-lock';
import { rejectionOf } from '../../support/deferred';
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

  it('rejects bad arguments, naming them', async () => {
    expect(() => new RedisLock(client(), { ttlMs: 0 })).to.throw(RangeError, /ttlMs/);
    expect(() => new RedisLock({} as never, { ttlMs: 1 })).to.throw(TypeError, /redis/);
    let error: unknown;
    await new RedisLock(client(), { ttlMs: 1 }).acquire('').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
  });

  it('withLock runs one holder at a time and releases even when fn throws', async () => {
    const lock = new RedisLock(client(), { ttlMs: 5_000, retryDelayMs: 5, timeoutMs: 2_000 });
    let inside = 0;
    let most = 0;
    const section = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inside--;
    };
    await Promise.all([1, 2, 3].map(() => lock.withLock('lock:four', section)));
    expect(most).to.equal(1);
    expect((await rejectionOf(lock.withLock('lock:four', async () => Promise.reject(new Error('boom'))))).message).to.equal('boom');
    expect(await client().exists('lock:four')).to.equal(0);
  });

  it('withLock gives up after timeoutMs with a LockTimeoutError', async () => {
    const lock = new RedisLock(client(), { ttlMs: 5_000, retryDelayMs: 5, timeoutMs: 30 });
    expect(await lock.acquire('lock:five')).to.be.a('string');
    const error = await rejectionOf(lock.withLock('lock:five', async () => 'never'));
    expect(error).to.be.instanceOf(LockTimeoutError);
    expect(error.message).to.match(/lock:five/);
  });
});
