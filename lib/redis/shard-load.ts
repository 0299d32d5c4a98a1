import Redis from 'ioredis';
import type { PrivateCluster } from './private-cluster';

/** One master's share of a cluster's keys and traffic. */
export interface ShardLoad {
  /** Node index in {@link PrivateCluster.nodes}. */
  index: number;
  address: string;
  /** Keys held (`DBSIZE`). */
  keys: number;
  /** Commands processed since the node started (`INFO stats` `total_commands_processed`). */
  commands: number;
}

/**
 * Keys and commands processed per live master of a private cluster, read from the masters
 * themselves. Take it before and after a workload: {@link shardLoadDelta} gives what the
 * workload did to each shard.
 */
export async function readShardLoad(cluster: PrivateCluster): Promise<ShardLoad[]> {
  const masters = (await cluster.roles()).filter((r) => r.role === 'master');
  return Promise.all(
    masters.map(async (master) => {
      const node = new Redis(cluster.nodes[master.index].url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      node.on('error', () => undefined);
      try {
        await node.connect();
        const keys = await node.dbsize();
        const info = await node.info('stats');
        const commands = Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
        return { index: master.index, address: master.address, keys, commands };
      } finally {
        node.disconnect();
      }
    }),
  );
}

/** Per shard: keys now, and commands processed between `before` and `after`. */
export function shardLoadDelta(before: readonly ShardLoad[], after: readonly ShardLoad[]): ShardLoad[] {
  return after.map((shard) => ({ ...shard, commands: shard.commands - (before.find((b) => b.index === shard.index)?.commands ?? 0) }));
}
