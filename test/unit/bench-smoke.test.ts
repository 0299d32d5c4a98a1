import { expect } from 'chai';
import { run } from '../../bench/core.bench';

/** Runs the core benchmark section at tiny sizes: checks it works, never how fast anything is. */
describe('bench smoke: core section (quick mode)', () => {
  it('produces a markdown table with every contender and its hit ratio', async () => {
    const section = await run({ quick: true });
    expect(section.title).to.be.a('string').and.not.empty;
    const contenders = [
      'cachecraft LRUCache',
      'cachecraft LFUCache',
      'cachecraft TTLCache',
      'lru-cache@11',
      'mnemonist LRUCache',
      'naive Map LRU',
      'cachecraft FIFOCache',
      'cachecraft ClockCache',
      'cachecraft SieveCache',
      'cachecraft S3FIFOCache',
      'unbounded Map \\(ceiling\\)',
    ];
    for (const workload of ['Zipf', 'uniform', 'scan']) {
      for (const keyType of ['integer', 'string']) {
        const table = section.markdown.split('#### ').find((part) => part.startsWith(`${workload} (${keyType} keys)`));
        expect(table, `${workload} table, ${keyType} keys`).to.be.a('string');
        expect(table).to.contain('| Hit ratio |');
        for (const name of contenders) {
          // A row: name, Mops/s of the fastest round, median, slowest, a hit ratio in [0, 1] with 4
          // decimals, ratio to the fastest peer, share of the Map ceiling.
          const row = new RegExp(`^\\| ${name}[^|]* \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| (0|1)\\.\\d{4} \\| [\\d.]+× \\| \\d+ % \\|$`, 'm');
          expect(table, `${workload} (${keyType}): row for ${name}`).to.match(row);
        }
      }
    }
    expect(section.markdown).to.contain('Targets (Zipf, string keys)');
  });
});
