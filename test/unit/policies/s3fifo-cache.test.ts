import { expect } from 'chai';
import fc from 'fast-check';
import { S3FIFOCache } from '../../../lib/policies/s3fifo-cache';
import { expectSame } from '../core/expect-same';
import { expectMatchesModel } from './model-check';
import { ModelS3FIFO } from './models/model-s3fifo';
import { ModelS3FIFOSized } from './models/model-s3fifo-sized';

describe('S3FIFOCache', () => {
  it('sizes its queues as libCacheSim does: small 10 %, main the rest, ghost 90 %', () => {
    const cache = new S3FIFOCache({ capacity: 1000 });
    expect([cache.smallLimit, cache.mainLimit, cache.ghostLimit]).to.deep.equal([100, 900, 900]);
    const tiny = new S3FIFOCache({ capacity: 5 });
    expect([tiny.smallLimit, tiny.mainLimit, tiny.ghostLimit]).to.deep.equal([1, 4, 4]);
  });

  it('drops one-hit wonders from small into the ghost, and readmits a ghost key straight into main', () => {
    const evicted: number[] = [];
    const cache = new S3FIFOCache<number, number>({ capacity: 20, onEvict: (k) => evicted.push(k) });
    for (let key = 0; key < 20; key++) cache.set(key, key); // small fills (2 keys), then new keys go to main
    expect(cache.queueOf(0)).to.equal('small');
    expect(cache.queueOf(5)).to.equal('main');
    cache.set(100, 100); // main is not over its 18, so small's tail (0, never read) is evicted
    expect(evicted).to.deep.equal([0]);
    expect(cache.queueOf(0)).to.equal('ghost');
    cache.set(0, 0);
    expect(cache.queueOf(0)).to.equal('main');
    expect([...cache.ghostKeys()]).to.not.include(0);
  });

  it('keeps a ghost\'s key but not its value, and its slot (not a new one) when it is revived', () => {
    const cache = new S3FIFOCache<number, { payload: number }>({ capacity: 20 });
    const evictedValue = { payload: 0 };
    cache.set(0, evictedValue);
    for (let i = 1; i < 21; i++) cache.set(i, { payload: i });
    expect(cache.queueOf(0)).to.equal('ghost');
    // White box: the ghost's slot must not keep the value alive (a ghost of a large value would leak it).
    const table = (cache as unknown as { table: { valueList: unknown[]; keyList: unknown[]; index: { get(k: number): number } } }).table;
    expect(table.valueList).to.not.include(evictedValue);
    const ghostSlot = table.index.get(0);
    expect(table.keyList[ghostSlot]).to.equal(0);
    expect(cache.size, 'a ghost is not counted').to.equal(20);
    cache.set(0, { payload: 100 });
    expect(table.index.get(0), 'revived in its ghost slot').to.equal(ghostSlot);
    expect(cache.peek(0)).to.deep.equal({ payload: 100 });
    expect(cache.size).to.equal(20);
  });

  it('treats a ghost key as absent everywhere but queueOf, though the ghost shares the entries\' index', () => {
    for (const key of [0, 'key:0']) {
      const cache = new S3FIFOCache<number | string, string>({ capacity: 20 });
      cache.set(key, 'first');
      for (let i = 1; i < 21; i++) cache.set(i, 'filler'); // small's tail, never read, goes to the ghost
      expect(cache.queueOf(key), String(key)).to.equal('ghost');
      expect(cache.has(key)).to.equal(false);
      expect(cache.peek(key)).to.equal(undefined);
      expect(cache.frequency(key)).to.equal(0);
      expect(cache.delete(key)).to.equal(false);
      expect(cache.queueOf(key), 'delete leaves the ghost alone').to.equal('ghost');
      expect(cache.get(key)).to.equal(undefined);
      expect(cache.stats().misses).to.equal(1);
      expect(cache.size).to.equal(20);
      // The set after that missed get revives it (from the ghost slot the get found) into main.
      cache.set(key, 'second');
      expect(cache.queueOf(key)).to.equal('main');
      expect(cache.get(key)).to.equal('second');
      expect([...cache.ghostKeys()]).to.not.include(key);
    }
  });

  it('promotes a small entry read twice to main with frequency 0', () => {
    const cache = new S3FIFOCache<number, number>({ capacity: 20 });
    for (let key = 0; key < 20; key++) cache.set(key, key);
    cache.get(0);
    cache.get(0);
    expect(cache.frequency(0)).to.equal(2);
    cache.set(100, 100);
    expect(cache.queueOf(0)).to.equal('main');
    expect(cache.frequency(0)).to.equal(0);
  });

  it('matches an array-based S3-FIFO (queues, ghost, evictions) on random operation sequences', () => {
    expectMatchesModel(
      (capacity, onEvict) => new S3FIFOCache<number, number>({ capacity, onEvict }),
      (capacity) => new ModelS3FIFO(capacity),
      {
        maxCapacity: 30,
        runs: 700,
        extra: (cache, model) => {
          expectSame([...cache.ghostKeys()], model.ghost, 'ghost');
          for (const e of model.small) expect(cache.queueOf(e.key)).to.equal('small');
          for (const e of model.main) expect(cache.frequency(e.key), `frequency of ${e.key}`).to.equal(e.count);
        },
      },
    );
  });
});

describe('S3FIFOCache with string keys (kept in the index\'s Map, not its integer table)', () => {
  type Step = { op: 'getOrSet' | 'set' | 'get' | 'delete' | 'has'; key: number; size: number } | { op: 'clear' };
  const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
    { weight: 50, arbitrary: fc.record({ op: fc.constant('getOrSet' as const), key: fc.nat(60), size: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 15, arbitrary: fc.record({ op: fc.constantFrom('set' as const, 'get' as const), key: fc.nat(60), size: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 6, arbitrary: fc.record({ op: fc.constantFrom('delete' as const, 'has' as const), key: fc.nat(60), size: fc.constant(1) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
  );

  for (const sized of [false, true]) {
    it(`decides exactly as with integer keys on random streams${sized ? ' (maxSize with sizes)' : ''}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 40 }), fc.array(stepArbitrary, { maxLength: 400 }), (bound, steps) => {
          // The value is the entry's size, so both caches weigh each entry alike.
          const options = sized ? { maxSize: bound + 4, sizeOf: (size: number) => size } : { capacity: bound };
          const byInteger = new S3FIFOCache<number, number>(options);
          const byString = new S3FIFOCache<string, number>(options);
          const name = (key: number) => `key:${key}`;
          for (const step of steps) {
            if (step.op === 'clear') {
              byInteger.clear();
              byString.clear();
              continue;
            }
            const { key, size } = step;
            const label = `${step.op}(${key})`;
            if (step.op === 'getOrSet') {
              const hit = byInteger.get(key);
              expect(byString.get(name(key)), label).to.equal(hit);
              if (hit === undefined) {
                byInteger.set(key, size);
                byString.set(name(key), size);
              }
            } else if (step.op === 'set') {
              byInteger.set(key, size);
              byString.set(name(key), size);
            } else {
              expect(byString[step.op](name(key)), label).to.equal(byInteger[step.op](key));
            }
            expect([...byString.keys()], `keys after ${label}`).to.deep.equal([...byInteger.keys()].map(name));
            expect([...byString.ghostKeys()], `ghost after ${label}`).to.deep.equal([...byInteger.ghostKeys()].map(name));
          }
          for (let key = 0; key <= 60; key++) expect(byString.queueOf(name(key))).to.equal(byInteger.queueOf(key));
          expect(byString.stats()).to.deep.equal(byInteger.stats());
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('S3FIFOCache with maxSize (libCacheSim byte-mode rules)', () => {
  const make = (maxSize: number) => new S3FIFOCache<string, number>({ maxSize, sizeOf: (size) => size });

  it('never stores an entry larger than the small queue, nor one as large unless the ghost remembers it', () => {
    const cache = make(100); // small 10, main 90, ghost 90
    cache.set('eleven', 11);
    expect(cache.has('eleven')).to.equal(false);
    cache.set('ten', 10);
    expect(cache.has('ten')).to.equal(false);
    cache.set('nine', 9);
    expect(cache.queueOf('nine')).to.equal('small');
  });

  it('makes room before refusing an entry as large as the small queue, as libCacheSim does', () => {
    const evicted: string[] = [];
    const cache = new S3FIFOCache<string, number>({ maxSize: 100, sizeOf: (size) => size, onEvict: (k) => evicted.push(k) });
    for (let i = 0; i < 11; i++) cache.set(`k${i}`, 9); // 99 bytes
    expect(cache.totalSize).to.equal(99);
    cache.set('ten', 10); // needs 9 more bytes: one entry goes, then 'ten' is refused
    expect(cache.has('ten')).to.equal(false);
    expect(evicted).to.have.length(1);
    expect(cache.totalSize).to.equal(90);
  });

  it('weighs ghost keys by size: the ghost forgets the oldest keys once their sizes pass 90 % of maxSize', () => {
    const cache = make(100);
    for (let i = 0; i < 40; i++) cache.set(`k${i}`, 5);
    const ghost = [...cache.ghostKeys()];
    expect(ghost.length).to.be.greaterThan(0);
    expect(ghost.length * 5).to.be.at.most(90);
  });
});

describe('S3FIFOCache with maxSize (against a size-aware reference model)', () => {
  it('replays random get-or-insert streams with random sizes exactly as the model (queues, ghost, evictions)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 120 }),
        fc.array(fc.record({ key: fc.nat(40), size: fc.integer({ min: 1, max: 14 }) }), { maxLength: 300, size: 'max' }),
        (maxSize, requests) => {
          const evicted: number[] = [];
          const cache = new S3FIFOCache<number, number>({ maxSize, sizeOf: (size) => size, onEvict: (k) => evicted.push(k) });
          const model = new ModelS3FIFOSized(maxSize);
          const sizeOfKey = new Map<number, number>();
          for (const request of requests) {
            // One size per key, as in a trace.
            const size = sizeOfKey.get(request.key) ?? request.size;
            sizeOfKey.set(request.key, size);
            const hit = cache.get(request.key) !== undefined;
            expect(hit, `get(${request.key})`).to.equal(model.get(request.key));
            if (!hit) {
              cache.set(request.key, size);
              model.insert(request.key, size);
            }
            expectSame([...cache.keys()], model.keys(), 'keys');
            expectSame([...cache.ghostKeys()], model.ghost.map((g) => g.key), 'ghost');
            expectSame(evicted, model.evicted, 'evictions');
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
