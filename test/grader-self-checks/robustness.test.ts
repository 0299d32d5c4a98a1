import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EXERCISES } from '../../scripts/grader/exercises';
import { REPO, WRONG, checkTitled, exercise, failedTitles, grade, requireRedisFor } from './grading';

describe('grader self-check: hostile learner code cannot break the grader', function () {
  this.timeout(120_000);
  const names = ['ttl', 'lru', 'stampede'];
  before(function () {
    requireRedisFor(this, names);
  });

  it('a synchronous infinite loop fails its check by timeout, and grading carries on', async () => {
    const report = await grade(join(WRONG, 'hostile'), names);
    expect(report.errors).to.deep.equal([]);
    const keys = checkTitled(report, 'lru-cache', 'keys() lists keys');
    expect(keys.passed).to.equal(false);
    expect(keys.message).to.equal('timed out after 1000 ms in `LRUCache.keys()` — does your loop terminate?');
    // Only the check that hangs is lost; the checks after it still ran and passed.
    expect(failedTitles(report, 'lru-cache')).to.deep.equal(['keys() lists keys from most to least recently used']);
    expect(checkTitled(report, 'lru-cache', 'O(1)').passed).to.equal(true);
  });

  it('a promise that never settles fails its check with a timeout message', async () => {
    const report = await grade(join(WRONG, 'hostile'), names);
    const shared = checkTitled(report, 'stampede', 'share a single call');
    expect(shared.passed).to.equal(false);
    expect(shared.message).to.match(/timed out after 1000 ms — does a promise never settle\?/);
    expect(failedTitles(report, 'stampede')).to.deep.equal([shared.title]);
  });

  it('process.exit() in learner code fails only the check that ran it', async () => {
    const report = await grade(join(WRONG, 'hostile'), names);
    expect(failedTitles(report, 'ttl-cache')).to.deep.equal(['clear removes every entry and resets the statistics']);
    expect(checkTitled(report, 'ttl-cache', 'clear removes').message).to.equal(
      'your code ended its process during `TTLCache.clear()` (exit code 0) — does it call process.exit() or crash Node?',
    );
    expect(exercise(report, 'ttl-cache').flags).to.include('crashed');
  });

  it('a syntax error, or a file that loops forever when loaded, fails only its own exercise', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cachecraft-broken-'));
    try {
      for (const { name, file } of EXERCISES) {
        writeFileSync(join(folder, file), `export * from ${JSON.stringify(join(REPO, 'solutions', name))};\n`);
      }
      const stub = readFileSync(join(REPO, 'scripts', 'grader', 'stubs', 'lru-cache.ts'), 'utf8');
      writeFileSync(join(folder, 'lru-cache.ts'), stub.replace("throw notImplemented('LRUCache.get');", 'const half-done = ;'));
      writeFileSync(join(folder, 'lfu-cache.ts'), 'let spins = 0;\nwhile (spins >= 0) spins++;\nexport {};\n');
      const report = await grade(folder, ['ttl', 'lru', 'lfu'], { allowImports: true });
      expect(report.errors).to.deep.equal([]);
      const lru = exercise(report, 'lru-cache');
      expect(lru.points).to.equal(0);
      for (const check of lru.checks) expect(check.message, check.title).to.match(/lru-cache\.ts could not be loaded: .*TS1005/s);
      const lfu = exercise(report, 'lfu-cache');
      expect(lfu.points).to.equal(0);
      for (const check of lfu.checks) expect(check.message, check.title).to.match(/timed out after \d+ ms while preparing lfu-cache \(loading your file\)/);
      expect(exercise(report, 'ttl-cache').points).to.equal(exercise(report, 'ttl-cache').maxPoints);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
