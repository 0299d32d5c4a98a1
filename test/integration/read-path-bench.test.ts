import { expect } from 'chai';
import { run } from '../../bench/read-path.bench';
import { redisServerAvailable } from '../../lib/redis/private-redis';
import { commandWorks, requireProgram } from '../support/services';

/** Runs the read-path benchmark at tiny sizes: checks it works and reports the ceiling, never how fast anything is. */
describe('bench smoke: read path (quick mode, real redis-server)', function () {
  this.timeout(60_000);

  it('reports every path with latency, throughput and its ratio to redis-benchmark', async function () {
    requireProgram(this, 'redis-server', redisServerAvailable(), 'install it with `sudo apt-get install redis-server`.');
    requireProgram(this, 'redis-benchmark', commandWorks('redis-benchmark', ['--version']), 'it ships with redis-tools.');
    const section = await run({ quick: true });
    for (const path of ['in-memory hit', 'Redis hit (auto-pipelining off)', 'Redis hit (auto-pipelining on)', 'database miss (SQLite)']) {
      expect(section.markdown).to.match(new RegExp(`^\\| ${path.replace(/[()]/g, '\\$&')} \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| [\\d,]+ \\| (\\d+%)? \\|$`, 'm'));
    }
    expect(section.markdown).to.match(/redis-benchmark -t get -c 50` \(50 connections\) \| \| \| \d+ \| \| [\d,]+ \| ceiling \|/);
    expect(section.markdown).to.match(/Ratio to the `redis-benchmark -t get` ceiling \(50 connections\): Redis hits reach \d+%/);
  });
});
