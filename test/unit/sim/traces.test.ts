import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { gzipSync } from 'zlib';
import { missRatioCurve } from '../../../lib/sim/miss-ratio-curve';
import { lfuPolicy, lruPolicy, optimalPolicy } from '../../../lib/sim/policies';
import { bundledTracePath, parseTrace, readTrace, uniqueKeyCount } from '../../../lib/sim/trace-reader';

const traces = resolve(__dirname, '..', '..', '..', 'data', 'traces');

/** Published LRU hit ratios on gli (data/traces/README.md), in percent. */
const PUBLISHED_GLI_LRU: ReadonlyArray<[number, number]> = [
  [250, 0.91],
  [500, 0.95],
  [750, 1.15],
  [1000, 11.21],
  [1250, 21.25],
  [1500, 36.56],
  [1750, 45.04],
  [2000, 57.41],
];

describe('parseTrace / readTrace', () => {
  it('skips blank lines and lone * separators, keeping order', () => {
    expect(parseTrace('1\n\n2\n*\n 3 \r\n1\n')).to.deep.equal([1, 2, 3, 1]);
  });

  it('names the line of anything that is not an integer key', () => {
    expect(() => parseTrace('1\nabc\n')).to.throw(RangeError, /line 2/);
    expect(() => parseTrace('1.5')).to.throw(RangeError, /line 1/);
  });

  it('reads gzip and plain files alike', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trace-'));
    try {
      writeFileSync(join(dir, 'a.trace.gz'), gzipSync('5\n*\n6\n'));
      writeFileSync(join(dir, 'a.trace'), '7\n8\n');
      expect(readTrace(join(dir, 'a.trace.gz'))).to.deep.equal([5, 6]);
      expect(readTrace(join(dir, 'a.trace'))).to.deep.equal([7, 8]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds the shipped traces from any working directory', () => {
    expect(bundledTracePath('gli')).to.equal(join(traces, 'gli.trace.gz'));
    expect(() => bundledTracePath('nope' as never)).to.throw(RangeError, /name must be one of/);
  });

  it('rejects a missing path argument', () => {
    expect(() => readTrace('')).to.throw(TypeError, /path/);
  });

  it('reads the shipped traces with the request and key counts their README states', () => {
    const counts = ['gli', 'multi1', 'sprite'].map((name) => {
      const keys = readTrace(join(traces, `${name}.trace.gz`));
      return [name, keys.length, uniqueKeyCount(keys)];
    });
    expect(counts).to.deep.equal([
      ['gli', 6015, 2529],
      ['multi1', 15858, 2606],
      ['sprite', 133996, 7075],
    ]);
  });
});

describe('gli trace: the simulator against published figures', () => {
  const keys = readTrace(join(traces, 'gli.trace.gz'));
  const capacities = PUBLISHED_GLI_LRU.map(([capacity]) => capacity);
  const lru = missRatioCurve(keys, capacities, lruPolicy);
  const lfu = missRatioCurve(keys, capacities, lfuPolicy);
  const opt = missRatioCurve(keys, capacities, optimalPolicy);
  const ceiling = 1 - uniqueKeyCount(keys) / keys.length;

  for (const [index, [capacity, published]] of PUBLISHED_GLI_LRU.entries()) {
    it(`LRU at ${capacity} entries reproduces the published ${published.toFixed(2)} %`, () => {
      expect(Number((lru[index].hitRatio * 100).toFixed(2))).to.equal(published);
    });
  }

  it('the ceiling (no compulsory miss avoidable) is 57.96 %', () => {
    expect(Number((ceiling * 100).toFixed(2))).to.equal(57.96);
  });

  it('OPT beats or ties LRU and LFU at every size, and stays under the ceiling', () => {
    opt.forEach((point, index) => {
      expect(point.hitRatio, `capacity ${point.capacity}`).to.be.at.least(lru[index].hitRatio);
      expect(point.hitRatio, `capacity ${point.capacity}`).to.be.at.least(lfu[index].hitRatio);
      expect(point.hitRatio).to.be.at.most(ceiling + 1e-12);
    });
  });
});
