import { expect } from 'chai';
import fc from 'fast-check';
import { FaultyCache } from '../../../lib/cache/faulty-cache';
import { JsonRoundTripError } from '../../../lib/cache/errors';
import { AsyncCache } from '../../../lib/cache/async-cache';
import { DatabaseFaultError, Session, ShopDatabase, openDatabase } from '../../../lib/db';
import { StaleCacheError } from '../../../lib/patterns/errors';
import { WriteThrough } from '../../../lib/patterns/write-through';
import { describeForEachCache } from '../../support/async-caches';
import { rejectionOf } from '../../support/deferred';

const sessionKey = (id: string) => `session:${id}`;
const session = (id: string, cart: number[], updatedAt = 1): Session => ({ id, userId: 101, data: { cart }, updatedAt });

function sessions(db: ShopDatabase, cache: AsyncCache<Session>): WriteThrough<Session> {
  return new WriteThrough<Session>({
    cache,
    save: (_key, value) => db.saveSession(value),
    load: (key) => db.getSession(key.slice('session:'.length)),
    ttlMs: 30_000,
  });
}

describeForEachCache('WriteThrough', (kit) => {
  it('completes when both the database and the cache have the value', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const store = sessions(db, kit.make());
    expect(await store.write(sessionKey('a'), session('a', [1]))).to.deep.equal({ saved: true, cached: true });
    expect(await db.getSession('a')).to.deep.equal(session('a', [1]));
    expect(await store.reader.cache.get(sessionKey('a'))).to.deep.equal(session('a', [1]));
    db.resetStats();
    expect(await store.read(sessionKey('a'))).to.deep.equal(session('a', [1]));
    expect(db.stats().reads).to.equal(0);
  });

  it('a failed database write rejects and never leaves the new value in the cache', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const store = sessions(db, kit.make());
    await store.write(sessionKey('a'), session('a', [1]));
    db.faults.failNextWrites(1);
    expect(await rejectionOf(store.write(sessionKey('a'), session('a', [1, 2])))).to.be.instanceOf(DatabaseFaultError);
    expect(await store.reader.cache.get(sessionKey('a'))).to.deep.equal(session('a', [1]));
    expect(await db.getSession('a')).to.deep.equal(session('a', [1]));
  });

  for (const mode of ['throw', 'degrade'] as const) {
    it(`a failed cache write after the database write leaves no stale entry (${mode === 'throw' ? 'fail-closed' : 'fail-open'})`, async () => {
      const db = openDatabase({ latencyMs: 0 });
      const cache = new FaultyCache<Session>(kit.make(), mode);
      const store = sessions(db, cache);
      await store.write(sessionKey('a'), session('a', [1]));
      cache.failNextWrites(1);
      expect(await store.write(sessionKey('a'), session('a', [1, 2]))).to.deep.equal({ saved: true, cached: false });
      expect(await cache.get(sessionKey('a'))).to.equal(undefined);
      expect(await store.read(sessionKey('a'))).to.deep.equal(session('a', [1, 2]));
      expect(store.stats()).to.deep.equal({ writes: 2, cacheFailures: 1 });
    });
  }

  it('when the cache can neither take the value nor drop the old one, the write rejects with StaleCacheError', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const cache = new FaultyCache<Session>(kit.make(), 'throw');
    const store = sessions(db, cache);
    await store.write(sessionKey('a'), session('a', [1]));
    cache.failNextWrites(2);
    const error = await rejectionOf(store.write(sessionKey('a'), session('a', [2])));
    expect(error).to.be.instanceOf(StaleCacheError);
    expect((error as StaleCacheError).keys).to.deep.equal(['session:a']);
    expect(await db.getSession('a')).to.deep.equal(session('a', [2]));
  });

  it('refuses a value that cannot round-trip before writing anything', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const store = sessions(db, kit.make());
    const bad = { ...session('a', []), data: { at: new Date() } };
    expect(() => store.write(sessionKey('a'), bad)).to.throw(JsonRoundTripError);
    expect(await db.getSession('a')).to.equal(undefined);
  });

  it('concurrent writes of one key leave the cache equal to the database', async () => {
    const db = openDatabase({ latencyMs: 0 });
    const store = sessions(db, kit.make());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(1_000), { minLength: 1, maxLength: 8 }), async (carts) => {
        await Promise.all(carts.map((n) => store.write(sessionKey('c'), session('c', [n]))));
        const inDb = await db.getSession('c');
        expect(await store.reader.cache.get(sessionKey('c'))).to.deep.equal(inDb);
        expect(inDb).to.deep.equal(session('c', [carts[carts.length - 1]]));
      }),
      { numRuns: 15 },
    );
  });

  if (kit.kind === 'redis') {
    it('with Redis down, writes still reach the database and reads come from it; Redis is used again after', async function () {
      this.timeout(15_000);
      const db = openDatabase({ latencyMs: 0 });
      const store = sessions(db, kit.make());
      await store.write(sessionKey('r'), session('r', [1]));
      await kit.server().kill();
      try {
        expect(await store.write(sessionKey('r'), session('r', [2]))).to.deep.equal({ saved: true, cached: false });
        expect(await store.read(sessionKey('r'))).to.deep.equal(session('r', [2]));
      } finally {
        await kit.server().restart();
      }
      let result = { cached: false };
      for (let i = 0; i < 100 && !result.cached; i++) {
        result = await store.write(sessionKey('r'), session('r', [3]));
        if (!result.cached) await new Promise((r) => setTimeout(r, 50));
      }
      expect(await store.reader.cache.get(sessionKey('r'))).to.deep.equal(session('r', [3]));
    });
  }

  it('validates its options, naming the parameter', () => {
    expect(() => new WriteThrough({ cache: kit.make(), save: undefined as never, load: async () => undefined })).to.throw(TypeError, /save/);
    expect(() => new WriteThrough({ cache: kit.make(), save: async () => undefined, load: async () => undefined, ttlMs: -1 })).to.throw(
      RangeError,
      /ttlMs/,
    );
  });
});
