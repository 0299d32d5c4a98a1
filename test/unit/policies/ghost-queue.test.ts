import { expect } from 'chai';
import fc from 'fast-check';
import { GhostQueue } from '../../../lib/policies/ghost-queue';

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

type Op = { op: 'push'; key: Key; size: number } | { op: 'take'; key: Key } | { op: 'has'; key: Key } | { op: 'drop' } | { op: 'clear' };
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('push' as const), key: keyArbitrary, size: fc.integer({ min: 1, max: 9 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('take' as const), key: keyArbitrary }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('has' as const), key: keyArbitrary }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('drop' as const) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

describe('GhostQueue (S3-FIFO ghost: exact FIFO of keys with O(1) lookup)', () => {
  it('behaves as a newest-first list of keys on random push/take/has/dropOldest/clear sequences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(opArbitrary, { maxLength: 400 }), (limit, ops) => {
        const ghost = new GhostQueue<Key>(limit);
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
      }),
      { numRuns: 300 },
    );
  });

  it('keeps finding every key while it grows from 64 slots to thousands and churns', () => {
    const ghost = new GhostQueue<number>(5000);
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
});
