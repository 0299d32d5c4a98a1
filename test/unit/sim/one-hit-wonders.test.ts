import { expect } from 'chai';
import fc from 'fast-check';
import { oneHitWonders, oneHitWondersInWindows } from '../../../lib/sim/one-hit-wonders';

describe('one-hit wonders', () => {
  it('counts the distinct keys requested exactly once', () => {
    expect(oneHitWonders(['a', 'b', 'a', 'c', 'd', 'd'])).to.deep.equal({ distinct: 4, requestedOnce: 2, ratio: 0.5 });
    expect(oneHitWonders([])).to.deep.equal({ distinct: 0, requestedOnce: 0, ratio: 0 });
  });

  it('sees more one-hit wonders in short windows than in the whole stream', () => {
    // Each key comes back once, far away: twice in the trace, once in each short window.
    const keys = [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6];
    expect(oneHitWonders(keys).ratio).to.equal(0);
    expect(oneHitWondersInWindows(keys, 3)).to.deep.equal({ distinct: 12, requestedOnce: 12, ratio: 1 });
    expect(oneHitWondersInWindows(keys, 6).ratio).to.equal(0);
  });

  it('keeps repeats of a window’s keys in that window', () => {
    // The window closes at the first key that would make it hold a third distinct key.
    expect(oneHitWondersInWindows(['a', 'b', 'a', 'b', 'c', 'c'], 2)).to.deep.equal({ distinct: 3, requestedOnce: 0, ratio: 0 });
  });

  it('equals the whole-stream ratio when one window holds every key (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 200 }), (keys) => {
        expect(oneHitWondersInWindows(keys, 1_000)).to.deep.equal(oneHitWonders(keys));
      }),
    );
  });

  it('rejects a window that is not a positive integer, naming it', () => {
    for (const bad of [0, -1, 1.5, NaN]) expect(() => oneHitWondersInWindows([1], bad)).to.throw(RangeError, /distinctPerWindow/);
    expect(() => oneHitWonders('abc' as unknown as string[])).to.throw(TypeError, /keys/);
  });
});
