import { expect } from 'chai';
import Redis from 'ioredis';
import { decodeInvalidation, encodeInvalidation } from '../../../lib/two-tier/invalidation-message';
import { InvalidationListener } from '../../../lib/two-tier/invalidation-bus';
import { RedisPubSubBus } from '../../../lib/two-tier/pubsub-bus';
import { RedisTrackingBus } from '../../../lib/two-tier/tracking-bus';
import { createRedisTwoTierCache } from '../../../lib/two-tier/redis-two-tier-cache';
import { usePrivateRedis } from '../../support/services';

describe('invalidation messages', () => {
  it('round-trip keys and clears, and reject anything malformed without throwing', () => {
    expect(decodeInvalidation(encodeInvalidation({ from: 'A', keys: ['x', 'y'] }))).to.deep.equal({ from: 'A', keys: ['x', 'y'] });
    expect(decodeInvalidation(encodeInvalidation({ from: 'A', keys: null }))).to.deep.equal({ from: 'A', keys: null });
    for (const text of ['', 'not json', '42', 'null', '{"keys":["x"]}', '{"from":"A"}', '{"from":"A","keys":[1]}', '{"from":7,"clear":true}']) {
      expect(decodeInvalidation(text), text).to.equal(undefined);
    }
  });
});

/** A listener that records what a bus reports. */
function recorder() {
  const events: Array<string | readonly string[] | null> = [];
  const listener: InvalidationListener = {
    invalidate: (keys) => events.push(keys),
    disconnected: () => events.push('disconnected'),
    reconnected: () => events.push('reconnected'),
  };
  return { events, listener };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('invalidation buses (against a private redis-server)', function () {
  const server = usePrivateRedis();
  const opened: Redis[] = [];
  const connect = (): Redis => {
    const client = new Redis(server().url);
    client.on('error', () => undefined);
    opened.push(client);
    return client;
  };
  afterEach(() => {
    for (const client of opened.splice(0)) client.disconnect();
  });

  it('pub/sub: reports others’ messages on the namespace channel only, never its own or malformed ones', async () => {
    const admin = connect();
    const a = new RedisPubSubBus({ publisher: connect(), subscriber: connect(), namespace: 'ns', instanceId: 'A' });
    const b = new RedisPubSubBus({ publisher: connect(), subscriber: connect(), namespace: 'ns', instanceId: 'B' });
    const heardA = recorder();
    const heardB = recorder();
    await a.start(heardA.listener);
    await b.start(heardB.listener);
    expect(a.channel).to.equal('ns:invalidate');
    await admin.publish('ns:invalidate', 'garbage');
    await admin.publish('other:invalidate', encodeInvalidation({ from: 'Z', keys: ['elsewhere'] }));
    expect(await a.publish(['k1', 'k2'])).to.equal(true);
    expect(await a.publish(null)).to.equal(true);
    expect(await a.publish([])).to.equal(false);
    await until(() => heardB.events.length === 2);
    expect(heardB.events).to.deep.equal([['k1', 'k2'], null]);
    expect(heardA.events).to.deep.equal([]);
    await a.close();
    await b.close();
  });

  it('tracking: others’ writes under the prefix arrive (a flush as a clear); the writer hears nothing of its own', async () => {
    const writerData = connect();
    const otherData = connect();
    const writer = new RedisTrackingBus({ client: writerData, subscriber: connect(), namespace: 'ns' });
    const other = new RedisTrackingBus({ client: otherData, subscriber: connect(), namespace: 'ns' });
    const heardWriter = recorder();
    const heardOther = recorder();
    await writer.start(heardWriter.listener);
    await other.start(heardOther.listener);
    expect(await writer.publish()).to.equal(false);
    await writerData.set('ns:k', '1');
    await writerData.set('outside:k', '1');
    await otherData.set('ns:j', '2');
    await until(() => heardOther.events.length >= 1 && heardWriter.events.length >= 1);
    await connect().flushdb();
    await until(() => heardOther.events.includes(null));
    expect(heardOther.events).to.deep.equal([['k'], null]);
    expect(heardWriter.events[0]).to.deep.equal(['j']);
    await writer.close();
    await other.close();
  });

  it('rejects bad options, naming them', () => {
    const one = connect();
    expect(() => new RedisPubSubBus({ publisher: one, subscriber: one, namespace: 'ns' })).to.throw(TypeError, /subscriber/);
    expect(() => new RedisPubSubBus({ publisher: {} as Redis, subscriber: one, namespace: 'ns' })).to.throw(TypeError, /publisher/);
    expect(() => new RedisPubSubBus({ publisher: one, subscriber: connect(), namespace: '' })).to.throw(TypeError, /namespace/);
    expect(() => new RedisTrackingBus({ client: one, subscriber: connect(), namespace: 'ns', keyPrefix: '' })).to.throw(TypeError, /keyPrefix/);
    expect(() => new RedisTrackingBus({ client: 'x' as never, subscriber: one, namespace: 'ns' })).to.throw(TypeError, /client/);
  });
});

describe('createRedisTwoTierCache (against a private redis-server)', function () {
  const server = usePrivateRedis();

  for (const mode of ['pubsub', 'tracking'] as const) {
    it(`wires L2, the ${mode} bus and the lock on one data connection; writes reach the other instance`, async () => {
      const [a, b] = await Promise.all([1, 2].map(() => createRedisTwoTierCache<string>({ url: server().url, namespace: `factory-${mode}`, mode, lock: true, l1TtlMs: 60_000 })));
      try {
        await a.cache.set('k', 'v1');
        expect(await b.cache.get('k')).to.equal('v1');
        await a.cache.set('k', 'v2');
        await until(() => b.cache.stats().invalidationsReceived >= 2);
        expect(await b.cache.get('k')).to.equal('v2');
        expect(await a.cache.getOrLoad('cold', async () => 'loaded')).to.equal('loaded');
        expect(await b.l2.get('cold')).to.equal('loaded');
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      await until(() => a.data.status === 'end' && b.subscriber.status === 'end');
    });
  }

  it('rejects bad options, naming them, and closes what it opened', async () => {
    for (const [options, pattern] of [
      [{ url: '', namespace: 'ns' }, /url/],
      [{ url: server().url, namespace: 'ns', mode: 'carrier-pigeon' }, /mode/],
      [{ url: server().url, namespace: 'ns', commandTimeoutMs: 0 }, /commandTimeoutMs/],
      [{ url: server().url, namespace: 'ns', l1TtlMs: -1 }, /l1TtlMs/],
    ] as const) {
      let error: Error | undefined;
      await createRedisTwoTierCache(options as never).catch((e: Error) => (error = e));
      expect(error?.message, JSON.stringify(options)).to.match(pattern);
    }
  });
});
