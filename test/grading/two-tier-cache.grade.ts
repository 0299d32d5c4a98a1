/**
 * Graded checks for exercises/two-tier-cache.ts (the capstone). Loaded from GRADE_TARGET, see
 * support/target.ts. Every check runs two or more instances of the learner's TwoTierCache
 * against a real, private redis-server (support/redis.ts); their connections are made with
 * `redisForLearner`, so the suite also works when learner code runs in the grader's sandbox.
 *
 * Pub/sub delivery is asynchronous, so the checks never sleep for a fixed time: they poll with a
 * bounded wait, or publish a marker through another instance and wait until it has been
 * processed (Redis delivers the messages of one channel to a subscriber in order).
 */
import { randomUUID } from 'crypto';
import type Redis from 'ioredis';
import type * as Reference from '../../solutions/two-tier-cache';
import { deferred } from '../support/deferred';
import { check } from './support/check';
import { useGradingRedis } from './support/redis';
import { redisForLearner } from './support/remote-redis';
import { describeError, ensure, fail, same, show, throwsRangeError } from './support/say';
import { loadExport, preload } from './support/target';

const FILE = 'two-tier-cache.ts';
const L1_TTL = 1_000;
const L2_TTL = 60_000;
/** The longest a check waits for a message to be delivered (it usually takes a millisecond). */
const DELIVERY_MS = 2_000;
/** Each check opens several connections and may wait for a delivery: more than the grader's default limit. */
const CHECK_MS = 5_000;

type Cache = Reference.TwoTierCache<unknown>;

describe('two-tier-cache', () => {
  preload(FILE);
  const admin = useGradingRedis();
  let connections: Redis[] = [];
  let instances: Cache[] = [];
  let time = 0;
  /** The fake clock every instance gets: a plain function, moved by the checks. */
  const now = () => time;

  afterEach(async () => {
    await Promise.all(instances.map((cache) => Promise.resolve(cache.close()).catch(() => undefined)));
    for (const connection of connections) connection.disconnect();
    instances = [];
    connections = [];
  });

  function url(): string {
    const { host, port } = admin().options;
    return `redis://${host}:${port}`;
  }

  function connect(): Redis {
    const connection = redisForLearner(url());
    connection.on('error', () => undefined);
    connections.push(connection);
    return connection;
  }

  function construct(overrides: Partial<Reference.TwoTierCacheOptions> = {}, namespace = `grade-tt-${randomUUID()}`): Cache {
    const TwoTierCache = loadExport<typeof Reference.TwoTierCache>(FILE, 'TwoTierCache');
    const cache = new TwoTierCache<unknown>({
      redis: connect(),
      subscriber: connect(),
      namespace,
      l1Capacity: 100,
      l1TtlMs: L1_TTL,
      l2TtlMs: L2_TTL,
      now,
      ...overrides,
    });
    instances.push(cache);
    return cache;
  }

  /** `count` started instances sharing one namespace. */
  async function fleet(count: number, overrides: Partial<Reference.TwoTierCacheOptions> = {}): Promise<{ namespace: string; caches: Cache[] }> {
    time = 1_000_000;
    const namespace = `grade-tt-${randomUUID()}`;
    const caches = Array.from({ length: count }, () => construct(overrides, namespace));
    for (const cache of caches) await cache.start();
    return { namespace, caches };
  }

  /** Reads `key` from `cache` until it returns `expected`, for at most DELIVERY_MS. */
  async function eventually(cache: Cache, key: string, expected: unknown, story: string): Promise<void> {
    const deadline = Date.now() + DELIVERY_MS;
    let last: unknown;
    for (;;) {
      last = await cache.get(key);
      if (JSON.stringify(last) === JSON.stringify(expected)) return;
      if (Date.now() > deadline) fail(`${story}: after ${DELIVERY_MS} ms it still returns ${show(last)} instead of ${show(expected)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** The subscribers of `namespace`'s channel, as Redis counts them. */
  async function subscribers(namespace: string): Promise<number> {
    const [, count] = (await admin().pubsub('NUMSUB', `${namespace}:invalidate`)) as [string, number];
    return Number(count);
  }

  check('start subscribes to `${namespace}:invalidate` and resolves once subscribed', { points: 2, timeoutMs: CHECK_MS, hint: 'What does `start` wait for? Only a subscription Redis has confirmed can receive the next message.' }, async () => {
    const { namespace } = await fleet(2);
    same(await subscribers(namespace), 2, `subscribers of "${namespace}:invalidate" right after two instances' start() resolved`);
  });

  check('get: a miss is undefined; a Redis key holding JSON is an L2 hit', { points: 3, timeoutMs: CHECK_MS, hint: 'L2 is the Redis key `${namespace}:${key}`, holding JSON. What does Redis answer for a key that is not there?' }, async () => {
    const { namespace, caches } = await fleet(1);
    const [cache] = caches;
    same(await cache.get('nothing'), undefined, 'get("nothing") on an empty cache');
    await admin().set(`${namespace}:product`, JSON.stringify({ id: 7, tags: ['a'] }));
    same(await cache.get('product'), { id: 7, tags: ['a'] }, `get("product") when Redis holds ${namespace}:product = {"id":7,"tags":["a"]}`);
    same(cache.stats(), { l1Hits: 0, l2Hits: 1, misses: 1 }, 'stats() after a miss and an L2 hit');
  });

  check('L1 serves without Redis until l1TtlMs has passed on the injected clock', { points: 4, timeoutMs: CHECK_MS, hint: 'Store `expiresAt = now() + l1TtlMs` with each L1 entry (use the `now` option, not Date.now) and serve it only while `now() < expiresAt`.' }, async () => {
    const { namespace, caches } = await fleet(1);
    const [cache] = caches;
    await cache.set('k', 'old');
    await admin().set(`${namespace}:k`, JSON.stringify('changed behind its back'));
    time += L1_TTL - 1;
    same(await cache.get('k'), 'old', `get("k") ${L1_TTL - 1} ms after set("k", "old"), with Redis changed behind the cache's back (L1 must answer)`);
    time += 1;
    same(await cache.get('k'), 'changed behind its back', `get("k") exactly l1TtlMs = ${L1_TTL} ms after the set (the L1 entry has expired: ask Redis)`);
    same(cache.stats(), { l1Hits: 1, l2Hits: 1, misses: 0 }, 'stats() after an L1 hit and, once expired, an L2 hit');
  });

  check('set writes Redis with SET … PX l2TtlMs, as JSON', { points: 2, timeoutMs: CHECK_MS, hint: 'The Redis key must expire by itself after l2TtlMs: which option of SET does that, in milliseconds?' }, async () => {
    const { namespace, caches } = await fleet(1);
    await caches[0].set('user', { name: 'Ada' });
    same(await admin().get(`${namespace}:user`), JSON.stringify({ name: 'Ada' }), `Redis ${namespace}:user after set("user", { name: "Ada" })`);
    const pttl = await admin().pttl(`${namespace}:user`);
    ensure(pttl > 0 && pttl <= L2_TTL, `PTTL of ${namespace}:user should be in (0, ${L2_TTL}] (the PX of the SET), got ${pttl}`);
  });

  check('a write reaches the other instances: they drop the key from L1', { points: 4, timeoutMs: CHECK_MS, hint: 'The other instances only learn about a write from a message on the channel: what must it carry so each of them knows which key to drop?' }, async () => {
    const { caches } = await fleet(3);
    const [a, b, c] = caches;
    await a.set('price', 10);
    same(await b.get('price'), 10, 'B.get("price") after A.set("price", 10)');
    same(await c.get('price'), 10, 'C.get("price") after A.set("price", 10)');
    same(await b.get('price'), 10, 'B.get("price") again (now from its L1)');
    await a.set('price', 12);
    await eventually(b, 'price', 12, 'B held "price" = 10 in L1 when A set it to 12: B should drop it on the invalidation and read 12 from Redis');
    await eventually(c, 'price', 12, 'C held "price" = 10 in L1 when A set it to 12');
  });

  check('the sender ignores its own message and keeps its fresh L1 entry', { points: 4, timeoutMs: CHECK_MS, hint: 'Each instance has its own id; every message carries the sender\'s id, and a message with your own id changes nothing.' }, async () => {
    const { namespace, caches } = await fleet(2);
    const [a, b] = caches;
    await admin().set(`${namespace}:marker`, JSON.stringify('m0'));
    same(await a.get('marker'), 'm0', 'A.get("marker")');
    await a.set('k', 'fresh');
    // B's message is delivered to A after A's own: once A has dropped "marker", it has also
    // processed its own message about "k".
    await b.set('marker', 'm1');
    await eventually(a, 'marker', 'm1', 'A held "marker" in L1 when B set it');
    const before = a.stats();
    same(await a.get('k'), 'fresh', 'A.get("k") after A.set("k", "fresh") and its own invalidation message came back');
    const after = a.stats();
    ensure(after.l1Hits === before.l1Hits + 1, `A.get("k") right after A's own set should be an L1 hit (A must ignore its own message), but stats went from ${show(before)} to ${show(after)}`);
  });

  check('delete removes the key from Redis and from every instance', { points: 3, timeoutMs: CHECK_MS, hint: 'A delete changes Redis and L1 just as a write does, and the other instances need to hear about it the same way.' }, async () => {
    const { namespace, caches } = await fleet(2);
    const [a, b] = caches;
    await a.set('gone', 'soon');
    same(await b.get('gone'), 'soon', 'B.get("gone") after A.set');
    await a.delete('gone');
    same(await admin().exists(`${namespace}:gone`), 0, `Redis EXISTS ${namespace}:gone after A.delete("gone")`);
    same(await a.get('gone'), undefined, 'A.get("gone") after A.delete("gone")');
    await eventually(b, 'gone', undefined, 'B held "gone" in L1 when A deleted it');
  });

  check('getOrLoad: concurrent callers of one instance share one loader call, whose result is set', { points: 4, timeoutMs: CHECK_MS, hint: 'Concurrent misses of one key should wait for the same load: remember the loads in flight, as SingleFlight does in the stampede exercise.' }, async () => {
    const { namespace, caches } = await fleet(2);
    const [a, b] = caches;
    const release = deferred<string>();
    let calls = 0;
    const loader = () => {
      calls++;
      return release.promise;
    };
    const waiting = Array.from({ length: 5 }, () => a.getOrLoad('cold', loader));
    // Let every caller reach its miss before the load finishes.
    for (let i = 0; i < 50 && calls === 0; i++) await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    release.resolve('loaded');
    same(await Promise.all(waiting), ['loaded', 'loaded', 'loaded', 'loaded', 'loaded'], 'what five concurrent A.getOrLoad("cold", loader) returned');
    same(calls, 1, 'loader calls for five concurrent getOrLoad("cold") in one instance');
    same(await admin().get(`${namespace}:cold`), JSON.stringify('loaded'), `Redis ${namespace}:cold after the load`);
    same(await b.getOrLoad('cold', async () => 'should not be called'), 'loaded', 'B.getOrLoad("cold") afterwards (from Redis, no load)');
  });

  check('getOrLoad: a hit never calls the loader; a failed load is not remembered', { points: 2, timeoutMs: CHECK_MS, hint: 'Only a miss loads. Remove the in-flight entry in a `finally`, so the next call after a failure loads again.' }, async () => {
    const { caches } = await fleet(1);
    const [cache] = caches;
    await cache.set('hit', 'cached');
    same(await cache.getOrLoad('hit', async () => 'loader'), 'cached', 'getOrLoad("hit") after set("hit", "cached")');
    let outcome: unknown;
    try {
      await cache.getOrLoad('bad', async () => Promise.reject(new Error('database down')));
      outcome = 'resolved';
    } catch (error) {
      outcome = error instanceof Error ? error.message : error;
    }
    same(outcome, 'database down', 'getOrLoad("bad") with a loader that rejects with "database down"');
    same(await cache.getOrLoad('bad', async () => 'recovered'), 'recovered', 'getOrLoad("bad") again with a working loader');
  });

  check('L1 holds at most l1Capacity entries, evicting the least recently used', { points: 3, timeoutMs: CHECK_MS, hint: 'L1 holds at most l1Capacity entries: when it is full, which entry should make room, and what counts as a use?' }, async () => {
    const { namespace, caches } = await fleet(1, { l1Capacity: 2 });
    const [cache] = caches;
    await cache.set('a', 'A');
    await cache.set('b', 'B');
    same(await cache.get('a'), 'A', 'get("a") (an L1 hit: "a" becomes the most recently used)');
    await cache.set('c', 'C');
    for (const key of ['a', 'b', 'c']) await admin().set(`${namespace}:${key}`, JSON.stringify('from redis'));
    // Reading "b" last: its L2 hit refills L1 and would push out another key.
    const seen = [await cache.get('c'), await cache.get('a'), await cache.get('b')];
    same(seen, ['C', 'A', 'from redis'], 'with l1Capacity 2, after set a, set b, get a, set c — and Redis then changed behind its back — get c, a, b (only "b" should have left L1)');
  });

  check('rejects bad options: RangeError for sizes and durations, TypeError for an empty namespace', { points: 3, timeoutMs: CHECK_MS, hint: 'Check every option in the constructor, before anything else: reject what is not valid with an error that names it.' }, async () => {
    throwsRangeError(() => construct({ l1Capacity: 0 }), 'new TwoTierCache({ …, l1Capacity: 0 })', 'l1Capacity');
    throwsRangeError(() => construct({ l1Capacity: 2.5 }), 'new TwoTierCache({ …, l1Capacity: 2.5 })', 'l1Capacity');
    throwsRangeError(() => construct({ l1TtlMs: 0 }), 'new TwoTierCache({ …, l1TtlMs: 0 })', 'l1TtlMs');
    throwsRangeError(() => construct({ l2TtlMs: -5 }), 'new TwoTierCache({ …, l2TtlMs: -5 })', 'l2TtlMs');
    throwsRangeError(() => construct({ l2TtlMs: NaN }), 'new TwoTierCache({ …, l2TtlMs: NaN })', 'l2TtlMs');
    let thrown: unknown;
    try {
      construct({}, '');
    } catch (error) {
      thrown = error;
    }
    ensure(thrown instanceof TypeError, `new TwoTierCache({ …, namespace: "" }) should throw a TypeError, got ${thrown === undefined ? 'no error' : describeError(thrown)}`);
    ensure((thrown as Error).message.includes('namespace'), `the TypeError of new TwoTierCache({ …, namespace: "" }) should name \`namespace\`; it was ${show((thrown as Error).message)}`);
    try {
      construct({ l1Capacity: 1, l1TtlMs: 0.5, l2TtlMs: 1 });
    } catch (error) {
      fail(`new TwoTierCache({ …, l1Capacity: 1, l1TtlMs: 0.5, l2TtlMs: 1 }) is valid (the smallest sizes allowed), but it threw ${describeError(error)}`);
    }
  });

  check('a malformed message on the channel is ignored, and later messages still work', { points: 1, timeoutMs: CHECK_MS, hint: 'Anyone can PUBLISH on a Redis channel: wrap `JSON.parse` in try/catch and ignore what you cannot read. An exception thrown in a `message` handler crashes the process.' }, async () => {
    const { namespace, caches } = await fleet(2);
    const [a, b] = caches;
    await a.set('k', 'v1');
    same(await b.get('k'), 'v1', 'B.get("k") after A.set("k", "v1")');
    await admin().publish(`${namespace}:invalidate`, 'this is not JSON');
    await a.set('k', 'v2');
    await eventually(b, 'k', 'v2', 'after a malformed message on the channel, A set "k" to "v2"');
  });

  check('close unsubscribes', { points: 1, timeoutMs: CHECK_MS, hint: '`close` should undo what `start` did on the subscriber connection.' }, async () => {
    const { namespace, caches } = await fleet(2);
    await caches[0].close();
    same(await subscribers(namespace), 1, `subscribers of "${namespace}:invalidate" after one of two instances closed`);
  });
});
