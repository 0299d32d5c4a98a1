import { expect } from 'chai';
import fc from 'fast-check';
import { KeyIndex } from '../../../lib/policies/key-index';
import { hashShortString, MAX_SHORT_STRING, ShortStringTable } from '../../../lib/policies/short-string-table';

/** 2³² / φ, as the table's Fibonacci hashing uses it. */
const GOLDEN = 0x9e3779b9 | 0;

/** `count` distinct short keys whose hashes under `seed` share their top `bits` bits: one home position up to 2^bits positions. */
function collidingKeys(seed: number, count: number, bits: number): string[] {
  const keys: string[] = [];
  const target = Math.imul(hashShortString('k0', seed), GOLDEN) >>> (32 - bits);
  for (let n = 0; keys.length < count; n++) {
    const key = `k${n}`;
    if (Math.imul(hashShortString(key, seed), GOLDEN) >>> (32 - bits) === target) keys.push(key);
  }
  return keys;
}

describe('ShortStringTable (KeyIndex\'s table for strings of up to 12 units)', () => {
  it('answers get, set, delete and size exactly as a Map, with similar keys crowding small tables', () => {
    const op = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constant('set' as const), fc.string({ unit: fc.constantFrom('a', 'b', '\0'), maxLength: MAX_SHORT_STRING }), fc.integer({ min: 1, max: 2 ** 31 - 1 })) },
      { weight: 4, arbitrary: fc.tuple(fc.constant('delete' as const), fc.string({ unit: fc.constantFrom('a', 'b', '\0'), maxLength: MAX_SHORT_STRING }), fc.constant(0)) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer(), (ops, seed) => {
        const table = new ShortStringTable(seed);
        const model = new Map<string, number>();
        for (const [kind, key, slot] of ops) {
          if (kind === 'set') {
            table.set(key, slot);
            model.set(key, slot);
          } else {
            expect(table.delete(key), `delete(${JSON.stringify(key)})`).to.equal(model.delete(key));
          }
          expect(table.size).to.equal(model.size);
        }
        for (const [key, slot] of model) expect(table.get(key), `get(${JSON.stringify(key)})`).to.equal(slot);
        const seen = new Map<string, number>();
        table.forEach((key, slot) => seen.set(key, slot));
        expect(seen).to.deep.equal(model);
        expect(table.overloaded).to.equal(false);
      }),
      { numRuns: 300 },
    );
  });

  it('finds keys equal by content, not only the same string object', () => {
    const table = new ShortStringTable(7);
    table.set(['key', '42'].join(':'), 5);
    expect(table.get(`key:${40 + 2}`)).to.equal(5);
    expect(table.delete(String.fromCharCode(107, 101, 121, 58, 52, 50))).to.equal(true);
    expect(table.size).to.equal(0);
  });

  it('tells apart two keys whose 32-bit hashes are equal (it compares the keys, not only hashes)', () => {
    const seed = 99;
    const byHash = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let n = 0; pair === undefined; n++) {
      const key = `c${n}`;
      const hash = hashShortString(key, seed);
      const other = byHash.get(hash);
      if (other === undefined) byHash.set(hash, key);
      else pair = [other, key];
    }
    const [first, second] = pair;
    const table = new ShortStringTable(seed);
    table.set(first, 1);
    expect(table.get(second)).to.equal(undefined);
    expect(table.delete(second)).to.equal(false);
    table.set(second, 2);
    expect([table.get(first), table.get(second), table.size]).to.deep.equal([1, 2, 2]);
    expect(table.delete(first)).to.equal(true);
    expect([table.get(first), table.get(second), table.size]).to.deep.equal([undefined, 2, 1]);
  });

  it('hashes every unit: keys that differ in any one position, or only in length, hash apart', () => {
    const base = 'abcdefghijkl';
    const hashes = new Set<number>([hashShortString(base, 1)]);
    for (let at = 0; at < base.length; at++) hashes.add(hashShortString(`${base.slice(0, at)}Z${base.slice(at + 1)}`, 1));
    for (const key of ['a', 'a\0', '\0', '', '\0\0']) hashes.add(hashShortString(key, 1));
    expect(hashes.size).to.equal(base.length + 1 + 5);
    expect(hashShortString(base, 1)).to.not.equal(hashShortString(base, 2));
  });

  it('reports itself overloaded when keys are made to collide (hash flooding)', () => {
    const table = new ShortStringTable(12345);
    const keys = collidingKeys(12345, 400, 12);
    keys.forEach((key, i) => table.set(key, i + 1));
    expect(table.overloaded).to.equal(true);
    keys.forEach((key, i) => expect(table.get(key)).to.equal(i + 1));
  });
});

describe('KeyIndex under hash flooding', () => {
  it('moves its short strings to the Map once their table is flooded, and keeps answering as a Map', () => {
    const index = new KeyIndex<string | number>(12345);
    index.set('before', 1).set(7, 2);
    const keys = collidingKeys(12345, 400, 12);
    keys.forEach((key, i) => index.set(key, i + 10));
    expect(index.hashesShortStrings).to.equal(false);
    expect(index.size).to.equal(402);
    expect(index.get('before')).to.equal(1);
    expect(index.get(7)).to.equal(2);
    keys.forEach((key, i) => expect(index.get(key)).to.equal(i + 10));
    expect(index.delete(keys[0])).to.equal(true);
    expect(index.get(keys[0])).to.equal(undefined);
    index.set('after', 3);
    expect(index.get('after')).to.equal(3);
    expect(index.size).to.equal(402);
  });

  it('keeps its short strings in their table under ordinary keys', () => {
    const index = new KeyIndex<string>();
    for (let n = 0; n < 100_000; n++) index.set(`key:${n}`, n + 1);
    for (let n = 0; n < 100_000; n += 2) index.delete(`key:${n}`);
    expect(index.hashesShortStrings).to.equal(true);
    expect(index.size).to.equal(50_000);
    for (let n = 0; n < 100_000; n++) expect(index.get(`key:${n}`)).to.equal(n % 2 === 1 ? n + 1 : undefined);
  });
});
