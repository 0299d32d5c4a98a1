import { expect } from 'chai';
import Redis from 'ioredis';
import { CacheUnavailableError } from '../../../lib/cache/errors';
import { JsonRoundTripError } from '../../../lib/cache/errors';
import { RedisCache } from '../../../lib/cache/redis-cache';
import { rejectionOf } from '../../support/deferred';
import { usePrivateRedis } from '../../support/services';

describe('RedisCache (real redis-server)', function () {
  const redis = usePrivateRedis();
  let raw: Redis;
  const caches: RedisCache[] = [];
  let namespaceSeq = 0;

  function newCache<V = unknown>(options: ConstructorParameters<typeof RedisCache>[0] = {}): RedisCache<V> {
    const cache = new RedisCache<V>({ url: redis().url, namespace: `t${++namespaceSeq}`, ...options });
    caches.push(cache as RedisCache);
    return cache;
  }

  before(() => {
    raw = new Redis(redis().url);
  });
  after(async () => {
    await Promise.all(caches.map((c) => c.close()));
    raw.disconnect();
  });

  it('stores JSON under its namespace with a PX TTL', async () => {
    const cache = newCache();
    expect(await cache.set('product:1', { id: 1, tags: ['a'] }, 5_000)).to.equal(true);
    expect(await cache.get('product:1')).to.deep.equal({ id: 1, tags: ['a'] });
    expect(await raw.get(`${cache.prefix}product:1`)).to.equal('{"id":1,"tags":["a"]}');
    const pttl = await raw.pttl(`${cache.prefix}product:1`);
    expect(pttl).to.be.within(4_000, 5_000);
    expect(await cache.get('product:2')).to.equal(undefined);
    expect(cache.stats()).to.deep.include({ hits: 1, misses: 1, sets: 1, hitRate: 0.5, warnings: 0 });
  });

  it('uses the default TTL and lets Redis expire entries', async () => {
    const cache = newCache({ defaultTtlMs: 30 });
    await cache.set('k', 1);
    expect(await raw.pttl(`${cache.prefix}k`)).to.be.within(1, 30);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await cache.get('k')).to.equal(undefined);
  });

  it('caches falsy values as hits', async () => {
    const cache = newCache();
    await cache.set('zero', 0);
    await cache.set('empty', []);
    await cache.set('null', null);
    expect(await cache.getMany(['zero', 'empty', 'null', 'nothing'])).to.deep.equal([0, [], null, undefined]);
    expect(cache.stats()).to.deep.include({ hits: 3, misses: 1 });
  });

  it('batches with MGET and a pipelined setMany', async () => {
    const cache = newCache();
    await cache.setMany([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(await cache.getMany(['c', 'x', 'a'])).to.deep.equal([3, undefined, 1]);
    expect(await cache.size()).to.equal(3);
  });

  it('refuses values that cannot round-trip, before touching Redis', async () => {
    const cache = newCache();
    try {
      await cache.set('d', { at: new Date() });
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(JsonRoundTripError);
    }
    expect(await raw.exists(`${cache.prefix}d`)).to.equal(0);
  });

  it('invalidates by prefix with SCAN, only inside its namespace, escaping glob characters', async () => {
    const cache = newCache();
    const other = newCache();
    const entries: Array<[string, number]> = [];
    for (let i = 0; i < 1_200; i++) entries.push([`user:${i}`, i]);
    await cache.setMany(entries);
    await cache.set('user*:weird', 1);
    await cache.set('product:1', 1);
    await other.set('user:1', 1);
    expect(await cache.deleteByPrefix('user*')).to.equal(1);
    expect(await cache.deleteByPrefix('user:')).to.equal(1_200);
    expect(await cache.get('product:1')).to.equal(1);
    expect(await other.get('user:1')).to.equal(1);
    await cache.clear();
    expect(await cache.size()).to.equal(0);
    expect(await other.size()).to.equal(1);
  });

  it('validates its options, naming the parameter', () => {
    expect(() => new RedisCache({ url: redis().url, defaultTtlMs: 0 })).to.throw(RangeError, /defaultTtlMs/);
    expect(() => new RedisCache({ url: redis().url, failMode: 'maybe' as 'open' })).to.throw(RangeError, /failMode/);
    expect(() => new RedisCache({ url: redis().url, namespace: '' })).to.throw(RangeError, /namespace/);
    const saved = process.env.REDIS_URL;
    delete process.env.REDIS_URL;
    try {
      expect(() => new RedisCache()).to.throw(TypeError, /url is required/);
    } finally {
      if (saved !== undefined) process.env.REDIS_URL = saved;
    }
  });

  describe('when Redis dies', function () {
    this.timeout(20_000);

    it('fail-open: reads miss, writes are skipped, warnings counted, nothing throws; recovers by itself', async () => {
      const warnings: string[] = [];
      const cache = newCache({ onWarning: (message) => warnings.push(message), commandTimeoutMs: 200 });
      await cache.set('k', 'before');
      await redis().kill();
      expect(await cache.get('k')).to.equal(undefined);
      expect(await cache.set('k', 'during')).to.equal(false);
      expect(await cache.delete('k')).to.equal(false);
      expect(await cache.getMany(['a', 'b'])).to.deep.equal([undefined, undefined]);
      expect(cache.stats().warnings).to.equal(4);
      expect(warnings[0]).to.match(/redis get failed/);
      await redis().restart();
      await waitFor(async () => (await cache.set('k', 'after')) === true);
      expect(await cache.get('k')).to.equal('after');
    });

    it('fail-open: an invalidation missed during an outage is replayed before the next read', async () => {
      // A network blip (server alive, client cut off) keeps the old value in Redis.
      const cache = newCache({ commandTimeoutMs: 200 });
      await cache.set('user:1', { name: 'old' });
      const client = (cache as unknown as { client: Redis }).client;
      const reconnected = new Promise((resolve) => client.once('ready', resolve));
      client.disconnect(true);
      expect(await cache.delete('user:1')).to.equal(false);
      expect(cache.health().pendingInvalidations).to.equal(1);
      await reconnected;
      expect(await raw.exists(`${cache.prefix}user:1`)).to.equal(1);
      expect(await cache.get('user:1')).to.equal(undefined);
      expect(await raw.exists(`${cache.prefix}user:1`)).to.equal(0);
      expect(cache.health().pendingInvalidations).to.equal(0);
    });

    it('fail-closed: operations throw CacheUnavailableError while Redis is down', async () => {
      const cache = newCache({ failMode: 'closed', commandTimeoutMs: 200 });
      await cache.set('k', 1);
      await redis().kill();
      try {
        await cache.get('k');
        expect.fail('should throw');
      } catch (error) {
        expect(error).to.be.instanceOf(CacheUnavailableError);
        expect((error as Error).message).to.match(/during get/);
      } finally {
        await redis().restart();
      }
      await waitFor(async () => {
        try {
          return (await cache.set('k', 2)) === true;
        } catch {
          return false;
        }
      });
      expect(await cache.get('k')).to.equal(2);
    });

    it('fail-open: a command that times out counts as unavailable', async () => {
      const cache = newCache({ commandTimeoutMs: 50 });
      await cache.set('k', 1);
      // CLIENT PAUSE stops the server answering other clients, like an overloaded Redis.
      await raw.call('CLIENT', 'PAUSE', '300', 'ALL');
      const start = Date.now();
      expect(await cache.get('k')).to.equal(undefined);
      expect(Date.now() - start).to.be.below(250);
      expect(cache.stats().warnings).to.equal(1);
      await raw.call('CLIENT', 'UNPAUSE');
      await waitFor(async () => (await cache.get('k')) === 1);
    });
  });

  describe('non-string keys', () => {
    // String({ user: 1 }) and String({ user: 2 }) are both "[object Object]": one user's value
    // would be served to the other. Every entry point refuses them, naming the parameter.
    const bad: unknown[] = [{ user: 1 }, 42, null, undefined, ['a'], Symbol('k')];
    for (const key of bad) {
      it(`rejects ${String(typeof key === 'symbol' ? 'a symbol' : JSON.stringify(key))} as a key in every operation`, async () => {
        const cache = newCache();
        const k = key as string;
        const cases: Array<[Promise<unknown>, RegExp]> = [
          [cache.get(k), /^key must be a string/],
          [cache.set(k, 1), /^key must be a string/],
          [cache.delete(k), /^key must be a string/],
          [cache.getMany(['ok', k]), /^keys\[1\] must be a string/],
          [cache.deleteMany([k]), /^keys\[0\] must be a string/],
          [cache.setMany([['ok', 1], [k, 2]]), /^entries\[1\]\[0\] \(a key\) must be a string/],
          [cache.deleteByPrefix(k), /^prefix must be a string/],
        ];
        for (const [promise, message] of cases) {
          const error = await rejectionOf(promise);
          expect(error).to.be.instanceOf(TypeError);
          expect(error.message).to.match(message);
        }
        expect(await raw.keys(`${cache.prefix}*`)).to.deep.equal([]);
      });
    }

    it('keeps { user: 1 } and { user: 2 } from sharing a value (they never reach Redis)', async () => {
      const cache = newCache();
      await rejectionOf(cache.set({ user: 1 } as unknown as string, 'secret of user 1'));
      expect(await raw.get(`${cache.prefix}[object Object]`)).to.equal(null);
    });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
