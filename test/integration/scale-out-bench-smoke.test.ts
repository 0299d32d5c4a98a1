import { expect } from 'chai';
import { run as runCluster } from '../../bench/cluster.bench';
import { run as runTwoTier } from '../../bench/two-tier.bench';
import { redisServerAvailable } from '../../lib/redis/private-redis';
import { redisCliCanCreateClusters, requireProgram } from '../support/services';

/** The scale-out benchmark sections at tiny sizes: they run and report every row, never how fast. */
describe('bench smoke: two-tier and cluster sections (quick mode)', function () {
  this.timeout(180_000);
  before(function () {
    const install = 'install it with `sudo apt-get install redis-server redis-tools`.';
    requireProgram(this, 'redis-server', redisServerAvailable(), install);
    requireProgram(this, 'redis-cli --cluster', redisCliCanCreateClusters(), install);
  });

  it('two-tier: read path, Zipf rows, peers and invalidation delays, with ratios and targets', async () => {
    const section = await runTwoTier({ quick: true });
    const rowOf = (name: string) => new RegExp(`^\\| ${name.replace(/[()+@.]/g, '\\$&')}[^|]* \\| [\\d,]+ \\| \\d+ \\| \\d+ \\| [\\d.]+× \\|`, 'm');
    for (const name of ['two-tier: L1 hit', 'two-tier: L2 hit', 'two-tier: miss', 'RedisCache (cache-aside), Redis hit', 'bentocache@1', 'cacheable@2']) {
      expect(section.markdown, name).to.match(rowOf(name));
    }
    expect(section.markdown).to.match(/^\| Redis only \(RedisCache\) \| [\d,]+ \|/m);
    expect(section.markdown.match(/^\| two-tier, L1 = \d+ % of keys/gm)).to.have.length(3);
    expect(section.markdown).to.match(/^\| cachecraft two-tier \(pub\/sub bus\) \| [\d.]+ \| [\d.]+ \| [\d.]+ \| 0 \|/m);
    expect(section.markdown).to.match(/^\| cachecraft two-tier \(client tracking\) \| [\d.]+ \| [\d.]+ \| [\d.]+ \| 0 \|/m);
    expect(section.markdown).to.match(/^\| bentocache@1 \(memory \+ Redis \+ bus\) \| [\d.]+ \| [\d.]+ \|/m);
    expect(section.markdown).to.match(/^\| cacheable@2 \(memory \+ @keyv\/redis\) \+ CacheableSync \(pub\/sub\) \| [\d.]+ \| [\d.]+ \|/m);
    expect(section.markdown).to.match(/Target: two-tier read path ≥ 1\.5× the faster peer: (✅|❌) [\d.]+×/);
    expect(section.markdown).to.match(/Target: invalidation no slower than the faster peer: (✅|❌) p50/);
  });

  it('cluster: RedisCache over a private cluster next to redis-benchmark --cluster, as a ratio', async () => {
    const section = await runCluster({ quick: true });
    expect(section.markdown.match(/^\| RedisCache over Cluster[^|]* \| [\d,]+ \| \d+ \| \d+ \| \d+% \|$/gm)).to.have.length(3);
    expect(section.markdown).to.match(/^\| `redis-benchmark --cluster -t get -c 50` \| [\d,]+ \|/m);
  });
});
