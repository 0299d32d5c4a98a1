import { PrivateRedisOptions, PrivateRedis, startPrivateRedis } from './private-redis';

/** How a {@link RedisCache} reaches the endpoint: spread it into the cache's options. */
export type RedisConnectionTarget = { url: string } | { clusterNodes: string[] };

/** A Redis to use as a cache: the one `REDIS_CLUSTER_NODES` or `REDIS_URL` names, or a private one started for us. */
export interface RedisEndpoint {
  /**
   * A single server's URL. For a cluster this is the first seed node's URL, which only a
   * cluster-aware client may use: prefer {@link connection}.
   */
  readonly url: string;
  /** Seed nodes (`host:port`) when the endpoint is a Redis Cluster, else undefined. */
  readonly clusterNodes: string[] | undefined;
  /** `{ url }` or `{ clusterNodes }`, ready for `new RedisCache({ ...endpoint.connection, … })`. */
  readonly connection: RedisConnectionTarget;
  /** Where it is, in words, for a log line. */
  readonly description: string;
  /** The private server when this process started one (it may be killed/restarted), else undefined. */
  readonly server: PrivateRedis | undefined;
  /** Stops the private server, if any; never touches a server named by the environment. */
  release(): Promise<void>;
}

/**
 * The Redis for demos and notebooks: a Redis Cluster when `REDIS_CLUSTER_NODES=host:port,…` is
 * set, else `REDIS_URL` when set (the user's own servers, used as they are), otherwise a private
 * redis-server on a free port via {@link startPrivateRedis}. Tests use `usePrivateRedis()`
 * instead, so they never touch a server they did not start.
 *
 * @throws {TypeError} when `REDIS_CLUSTER_NODES` is set but is not a list of `host:port`.
 */
export async function resolveRedis(options: PrivateRedisOptions & { env?: NodeJS.ProcessEnv } = {}): Promise<RedisEndpoint> {
  const env = options.env ?? process.env;
  if (env.REDIS_CLUSTER_NODES) return clusterEndpoint(parseClusterNodes('REDIS_CLUSTER_NODES', env.REDIS_CLUSTER_NODES));
  const url = env.REDIS_URL;
  const none = async () => undefined;
  if (url) return { url, clusterNodes: undefined, connection: { url }, description: `Redis at ${url}`, server: undefined, release: none };
  const server = await startPrivateRedis(options);
  return {
    url: server.url,
    clusterNodes: undefined,
    connection: { url: server.url },
    description: `Redis at ${server.url} (a private redis-server started for this run)`,
    server,
    release: () => server.stop(),
  };
}

/** An endpoint for a Redis Cluster the caller runs (nothing to start or stop). */
export function clusterEndpoint(nodes: readonly string[]): RedisEndpoint {
  const clusterNodes = [...nodes];
  return {
    url: `redis://${clusterNodes[0]}`,
    clusterNodes,
    connection: { clusterNodes },
    description: `Redis Cluster at ${clusterNodes.join(',')}`,
    server: undefined,
    release: async () => undefined,
  };
}

/**
 * Parses `host:port,host:port` (spaces allowed) into a list of seed nodes.
 *
 * @throws {TypeError} naming `name` when the list is empty or an entry is not `host:port`.
 */
export function parseClusterNodes(name: string, text: string): string[] {
  const nodes = String(text)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const bad = nodes.find((node) => !/^[^\s:]+:\d{1,5}$/.test(node) || Number(node.split(':')[1]) > 65_535);
  if (nodes.length === 0 || bad !== undefined) {
    throw new TypeError(`${name} must be a comma-separated list of host:port, got ${JSON.stringify(text)}`);
  }
  return nodes;
}
