import { expect } from 'chai';
import fc from 'fast-check';
import { GHOST_TAG, GhostQueue } from '../../../lib/policies/ghost-queue';
import { KeyIndex } from '../../../lib/policies/key-index';

type Key = number | string | object;

/** The reference: `[key, size]` pairs, newest first, found by SameValueZero (as a Map finds keys). */
class ModelGhost {
  entries: [Key, number][] = [];
  private indexOf(key: Key): number {
    return this.entries.findIndex(([stored]) => stored === key || (stored !== stored && key !== key));
  }
  has(key: Key): boolean {
    return this.indexOf(key) !== -1;
  }
  push(key: Key, size: number): void {
    this.entries.unshift([key, size]);
  }
  take(key: Key): number {
    const at = this.indexOf(key);
    if (at === -1) return -1;
    return this.entries.splice(at, 1)[0][1];
  }
  dropOldest(): void {
    this.entries.pop();
  }
}

const SHARED_OBJECT = { shared: true };
/** Few distinct keys, so pushes, hits and misses all happen often; NaN and -0 test Map semantics. */
const keyArbitrary: fc.Arbitrary<Key> = fc.oneof(
  fc.integer({ min: 0, max: 60 }),
  fc.constantFrom('a', 'b', 'key:1', 'key:2', NaN, -0, 1.5, SHARED_OBJECT),
);

type Op =
  | { op: 'push'; key: Key; size: number }
  | { op: 'take'; key: Key }
  | { op: 'revive'; key: Key }
  | { op: 'has'; key: Key }
  | { op: 'drop' }
  | { op: 'clear' };
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('push' as const), key: keyArbitrary, size: fc.integer({ min: 1, max: 9 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('take' as const), key: keyArbitrary }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('revive' as const), key: keyArbitrary }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('has' as const), key: keyArbitrary }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('drop' as const) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

describe('GhostQueue (S3-FIFO ghost: exact FIFO of keys with O(1) lookup)', () => {
  it('behaves as a newest-first list of keys on random push/take/has/dropOldest/clear sequences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(opArbitrary, { maxLength: 400 }), fc.boolean(), (limit, ops, nearWrap) => {
        const index = new KeyIndex<Key>();
        const ghost = new GhostQueue<Key>(limit, index);
        // Sequence numbers wrap at 2³¹: start some runs just before it (white box).
        if (nearWrap) Object.assign(ghost, { head: 0x7fffffff - 3, tail: 0x7fffffff - 3 });
        const model = new ModelGhost();
        for (const step of ops) {
          if (step.op === 'push') {
            // The ghost's contract: a key is pushed only when not remembered and there is room.
            if (model.has(step.key)) continue;
            if (model.entries.length >= limit) {
              ghost.dropOldest();
              model.dropOldest();
            }
            ghost.push(step.key, step.size);
            model.push(step.key, step.size);
          } else if (step.op === 'take') {
            expect(ghost.take(step.key), `take(${String(step.key)})`).to.equal(model.take(step.key));
          } else if (step.op === 'revive') {
            // What S3-FIFO does on a miss: read the tag, forget the ghost key, store the key (slot 1).
            const tagged = index.get(step.key);
            const remembered = model.take(step.key);
            expect(tagged !== undefined && tagged >= GHOST_TAG, `tagged(${String(step.key)})`).to.equal(remembered !== -1);
            if (tagged === undefined || tagged < GHOST_TAG) continue;
            expect(ghost.forgetTagged(tagged)).to.equal(remembered);
            index.set(step.key, 1);
            expect(ghost.has(step.key)).to.equal(false);
            index.delete(step.key);
          } else if (step.op === 'has') {
            expect(ghost.has(step.key), `has(${String(step.key)})`).to.equal(model.has(step.key));
          } else if (step.op === 'drop') {
            if (model.entries.length === 0) continue;
            ghost.dropOldest();
            model.dropOldest();
          } else {
            ghost.clear();
            model.entries = [];
          }
          expect(ghost.count).to.equal(model.entries.length);
          expect(ghost.totalSize).to.equal(model.entries.reduce((sum, [, size]) => sum + size, 0));
        }
        expect([...ghost.keys()]).to.deep.equal(model.entries.map(([key]) => key));
        for (const [key] of model.entries) expect(ghost.has(key)).to.equal(true);
        // The shared index holds the ghost's keys and nothing else here.
        expect(index.size).to.equal(model.entries.length);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps finding every key while it grows from 64 slots to thousands and churns', () => {
    const ghost = new GhostQueue<number>(5000, new KeyIndex<number>());
    for (let key = 0; key < 5000; key++) ghost.push(key, 1);
    for (let key = 0; key < 5000; key += 2) expect(ghost.take(key)).to.equal(1);
    for (let key = 5000; key < 7500; key++) ghost.push(key, 1);
    // Pushed in order, odd keys of the first round are now the oldest.
    for (let i = 0; i < 1000; i++) ghost.dropOldest();
    expect(ghost.count).to.equal(4000);
    for (let key = 0; key < 7500; key++) {
      const remembered = key >= 5000 || (key % 2 === 1 && key >= 2001);
      expect(ghost.has(key), String(key)).to.equal(remembered);
    }
  });

  it('overwrites the index entry of a key it takes from the cache, and leaves other keys alone', () => {
    const index = new KeyIndex<string>();
    index.set('stored', 7).set('evicted', 8);
    const ghost = new GhostQueue<string>(10, index);
    ghost.push('evicted', 1);
    expect(index.get('evicted')).to.be.at.least(GHOST_TAG);
    expect(index.get('stored')).to.equal(7);
    expect(ghost.has('stored')).to.equal(false);
    expect(ghost.take('stored')).to.equal(-1);
    expect(index.get('stored')).to.equal(7);
  });

  it('keeps its ring within twice its limit however many keys are taken out of the middle', () => {
    const ghost = new GhostQueue<number>(1000, new KeyIndex<number>());
    const ringLength = () => (ghost as unknown as { ringSizes: Uint32Array }).ringSizes.length;
    for (let key = 0; key < 1000; key++) ghost.push(key, 1);
    // Each round takes a key from the middle and pushes a new one: holes pile up behind the
    // head and the ring must squeeze them out rather than grow.
    for (let round = 0; round < 100_000; round++) {
      expect(ghost.take(round + 500)).to.equal(1);
      ghost.push(round + 1000, 1);
    }
    expect(ghost.count).to.equal(1000);
    expect(ringLength()).to.be.at.most(2048);
    const remembered = [...ghost.keys()];
    expect(remembered).to.have.length(1000);
    expect(remembered.slice(0, 3)).to.deep.equal([100_999, 100_998, 100_997]);
    expect(remembered.at(-1)).to.equal(0);
    for (const key of remembered) expect(ghost.has(key)).to.equal(true);
    expect(ghost.has(600)).to.equal(false);
  });
});

