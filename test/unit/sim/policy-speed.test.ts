import { expect } from 'chai';
import { measurePolicySpeed, measurePolicySpeedIsolated, type PolicySpeedOptions } from '../../../lib/sim/policy-speed';
import { LRUCache } from '../../../lib/core/lru-cache';
import { seededRandom } from '../../../lib/core/random';
import { zipfWorkload } from '../../../lib/sim/workloads';

const SMALL: PolicySpeedOptions = { keySpace: 2_000, length: 20_000, exponent: 0.99, seed: 7, capacity: 200, rounds: 1 };

/** The miss ratio of the library's LRU on the same stream, replayed here. */
function lruMissRatio(options: PolicySpeedOptions): number {
  const cache = new LRUCache<number, number>({ capacity: options.capacity });
  const keys = zipfWorkload({ keySpace: options.keySpace, length: options.length, exponent: options.exponent, random: seededRandom(options.seed) });
  for (const key of keys) if (cache.get(key) === undefined) cache.set(key, key);
  return 1 - cache.stats().hitRate;
}

describe('measurePolicySpeed / measurePolicySpeedIsolated (chapter 12’s speed table)', function () {
  this.timeout(60_000);

  it('reports rates and the miss ratio of the stream it replayed', () => {
    const speed = measurePolicySpeed('LRU', SMALL);
    expect(speed.hitsPerSecond).to.be.above(0);
    expect(speed.getOrSetPerSecond).to.be.above(0);
    expect(speed.missRatio).to.be.closeTo(lruMissRatio(SMALL), 1e-12);
  });

  it('measures in a child process of its own and returns the same miss ratio', () => {
    const speed = measurePolicySpeedIsolated('S3-FIFO', SMALL);
    expect(speed.hitsPerSecond).to.be.above(0);
    expect(speed.getOrSetPerSecond).to.be.above(0);
    expect(speed.missRatio).to.equal(measurePolicySpeed('S3-FIFO', SMALL).missRatio);
  });

  it('rejects a policy it does not know and bad stream options, naming them, before spawning anything', () => {
    expect(() => measurePolicySpeedIsolated('MRU', SMALL)).to.throw(RangeError, /policy must be one of LRU, .*S3-FIFO.*, got MRU/);
    expect(() => measurePolicySpeed('toString', SMALL)).to.throw(RangeError, /policy/);
    expect(() => measurePolicySpeedIsolated('LRU', { ...SMALL, capacity: 0 })).to.throw(RangeError, /capacity/);
    expect(() => measurePolicySpeed('LRU', { ...SMALL, length: 1.5 })).to.throw(RangeError, /length/);
    expect(() => measurePolicySpeed('LRU', { ...SMALL, exponent: NaN })).to.throw(/exponent/);
    expect(() => measurePolicySpeed('LRU', { ...SMALL, rounds: 0 })).to.throw(RangeError, /rounds/);
  });
});
