import { expect } from 'chai';
import fc from 'fast-check';
import { RingHashIndex } from '../../../lib/policies/ring-hash-index';

/** A ring large enough that sequence numbers never wrap onto each other in these tests. */
const RING_MASK = 1023;

type Op = { op: 'insert'; hash: number } | { op: 'remove'; pick: number } | { op: 'clear' };
/** Few distinct hashes, so that many pairs share one (the table is a multimap). */
const hashArbitrary = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom(-1, 2 ** 31 - 1, -(2 ** 31), 0x9e3779b9 | 0));
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), hash: hashArbitrary }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

describe('RingHashIndex (finds ring keys by hash, confirming each match against the ring)', () => {
  it('finds exactly the pairs held, among many that share a hash, on random insert/remove/clear sequences', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 300 }), fc.boolean(), (ops, nearWrap) => {
        const index = new RingHashIndex<string>();
        const ringKeys: (string | undefined)[] = new Array(RING_MASK + 1).fill(undefined);
        /** The reference: the pairs held. */
        let held: { hash: number; seq: number }[] = [];
        // Sequence numbers run up to 2³¹ − 1, stored + 1: start some runs at the top.
        let nextSeq = nearWrap ? 0x7fffffff - 5 : 0;
        for (const step of ops) {
          if (step.op === 'insert') {
            const seq = nextSeq;
            nextSeq = (nextSeq + 1) & 0x7fffffff;
            ringKeys[seq & RING_MASK] = `key:${seq}`;
            index.insert(step.hash, seq);
            held.push({ hash: step.hash, seq });
          } else if (step.op === 'remove') {
            if (held.length === 0) continue;
            const [pair] = held.splice(step.pick % held.length, 1);
            index.remove(pair.hash, pair.seq);
            ringKeys[pair.seq & RING_MASK] = undefined;
          } else {
            index.clear();
            held = [];
            ringKeys.fill(undefined);
          }
          expect(index.size).to.equal(held.length);
        }
        for (const { hash, seq } of held) {
          expect(index.find(hash, `key:${seq}`, ringKeys, RING_MASK), `find(${hash}, key:${seq})`).to.equal(seq);
          // The same key under another hash, and another key under this hash, are not found.
          expect(index.find((hash + 1) | 0, `key:${seq}`, ringKeys, RING_MASK)).to.equal(-1);
          expect(index.find(hash, `key:${seq}x`, ringKeys, RING_MASK)).to.equal(-1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds NaN as a Map does (SameValueZero)', () => {
    const index = new RingHashIndex<number>();
    const ringKeys = [Number.NaN, 1.5];
    index.insert(7, 0);
    index.insert(7, 1);
    expect(index.find(7, Number.NaN, ringKeys, 1)).to.equal(0);
    expect(index.find(7, 1.5, ringKeys, 1)).to.equal(1);
    expect(index.find(7, 2.5, ringKeys, 1)).to.equal(-1);
  });

  it('keeps every pair while growing to 50,000 and churning half of them', () => {
    const index = new RingHashIndex<string>();
    const mask = 65535;
    const ringKeys: (string | undefined)[] = new Array(mask + 1).fill(undefined);
    const hashOf = (seq: number) => Math.imul(seq, 0x01000193) | 0;
    for (let seq = 0; seq < 50_000; seq++) {
      ringKeys[seq] = `k${seq}`;
      index.insert(hashOf(seq), seq);
    }
    for (let seq = 0; seq < 50_000; seq += 2) index.remove(hashOf(seq), seq);
    expect(index.size).to.equal(25_000);
    for (let seq = 0; seq < 50_000; seq++) {
      expect(index.find(hashOf(seq), `k${seq}`, ringKeys, mask), String(seq)).to.equal(seq % 2 === 1 ? seq : -1);
    }
  });
});
