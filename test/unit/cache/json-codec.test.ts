import { expect } from 'chai';
import fc from 'fast-check';
import { JsonRoundTripError } from '../../../lib/cache/errors';
import { decodeJson, encodeJson } from '../../../lib/cache/json-codec';

describe('encodeJson', () => {
  it('round-trips any JSON value exactly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fc.pre(!containsNegativeZero(value));
        expect(decodeJson(encodeJson(value))).to.deep.equal(value);
      }),
    );
  });

  const refused: Array<[string, unknown, RegExp]> = [
    ['a Date', { at: new Date(0) }, /value\.at is a Date/],
    ['a Map', new Map(), /value is a Map/],
    ['undefined in an object', { a: undefined }, /value\.a is a undefined/],
    ['a function', [() => 1], /value\[0\] is a function/],
    ['a bigint', { n: 1n }, /value\.n is a bigint/],
    ['NaN', { n: NaN }, /value\.n is NaN/],
    ['Infinity', [Infinity], /is Infinity/],
    ['-0', -0, /-0/],
    ['a class instance', new (class Point {})(), /Point/],
    ['a sparse array', [1, , 3], /hole/],
  ];
  for (const [what, value, message] of refused) {
    it(`refuses ${what} with a message naming where it is`, () => {
      expect(() => encodeJson(value)).to.throw(JsonRoundTripError, message);
    });
  }

  it('refuses circular references but accepts shared ones', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => encodeJson(loop)).to.throw(JsonRoundTripError, /circular/);
    const shared = { x: 1 };
    expect(decodeJson(encodeJson({ a: shared, b: shared }))).to.deep.equal({ a: { x: 1 }, b: { x: 1 } });
  });
});

function containsNegativeZero(value: unknown): boolean {
  if (Object.is(value, -0)) return true;
  if (value && typeof value === 'object') return Object.values(value).some(containsNegativeZero);
  return false;
}
