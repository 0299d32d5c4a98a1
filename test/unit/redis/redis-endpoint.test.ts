import { expect } from 'chai';
import { parseClusterNodes, resolveRedis } from '../../../lib/redis/redis-endpoint';
import { startPrivateCluster } from '../../../lib/redis/private-cluster';
import { rejectionOf } from '../../support/deferred';

describe('resolveRedis: which Redis the demos and notebooks use', () => {
  it('REDIS_CLUSTER_NODES names a cluster: seed nodes, a cluster connection, nothing started', async () => {
    const endpoint = await resolveRedis({ env: { REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001', REDIS_URL: 'redis://ignored:1' } });
    expect(endpoint.clusterNodes).to.deep.equal(['10.0.0.1:7000', '10.0.0.2:7001']);
    expect(endpoint.connection).to.deep.equal({ clusterNodes: ['10.0.0.1:7000', '10.0.0.2:7001'] });
    expect(endpoint.server).to.equal(undefined);
    expect(endpoint.description).to.equal('Redis Cluster at 10.0.0.1:7000,10.0.0.2:7001');
    await endpoint.release();
  });

  it('REDIS_URL names one server, used as it is', async () => {
    const endpoint = await resolveRedis({ env: { REDIS_URL: 'redis://example:6380' } });
    expect(endpoint.connection).to.deep.equal({ url: 'redis://example:6380' });
    expect(endpoint.clusterNodes).to.equal(undefined);
    expect(endpoint.server).to.equal(undefined);
  });

  it('a malformed REDIS_CLUSTER_NODES is a TypeError naming the variable', async () => {
    for (const text of ['localhost', 'a:1,b', 'a:99999', ' , ']) {
      const error = await rejectionOf(resolveRedis({ env: { REDIS_CLUSTER_NODES: text } }));
      expect(error).to.be.instanceOf(TypeError);
      expect(error.message).to.equal(`REDIS_CLUSTER_NODES must be a comma-separated list of host:port, got ${JSON.stringify(text)}`);
    }
    expect(parseClusterNodes('x', 'h:1,,h:2,')).to.deep.equal(['h:1', 'h:2']);
  });
});

describe('startPrivateCluster: options are checked before anything starts', () => {
  it('refuses fewer than 3 masters and bad counts, naming the parameter', async () => {
    expect((await rejectionOf(startPrivateCluster({ masters: 2 }))).message).to.match(/^masters must be at least 3/);
    expect((await rejectionOf(startPrivateCluster({ replicasPerMaster: -1 }))).message).to.match(/^replicasPerMaster must be a non-negative integer/);
    expect((await rejectionOf(startPrivateCluster({ nodeTimeoutMs: 0 }))).message).to.match(/^nodeTimeoutMs must be a positive/);
  });
});
