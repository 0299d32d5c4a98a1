import { spawn } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import Redis from 'ioredis';
import { tmpdir } from 'os';
import { join } from 'path';
import { realSleep } from '../core/clock';
import { assertNonNegativeInteger, assertPositiveDuration, assertPositiveInteger } from '../core/validate';
import { RedisServerMissingError } from './errors';
import { defaultRedisBinary, freePort, RedisServerProcess, redisServerAvailable } from './redis-server-process';

/** Options for {@link startPrivateCluster}. */
export interface PrivateClusterOptions {
  /** Number of masters, at least 3 (Redis Cluster's minimum; default 3). */
  masters?: number;
  /** Replicas per master, 0 or more (default 0). A replica is what makes failover possible. */
  replicasPerMaster?: number;
  /**
   * `cluster-node-timeout` in ms (default 2 000): how long a master may be unreachable before
   * the cluster fails it over. Production keeps Redis' 15 000; a test wants a short window.
   */
  nodeTimeoutMs?: number;
  /** Path or name of the redis-server binary (default `REDIS_SERVER` env or `redis-server`). */
  binary?: string;
  /** Path or name of redis-cli, which creates the cluster (default `REDIS_CLI` env or `redis-cli`). */
  cli?: string;
  /** How long start-up (processes, `--cluster create`, `cluster_state:ok`) may take, in ms (default 30 000). */
  startTimeoutMs?: number;
}

/** One redis-server of a private cluster, as started. */
export interface ClusterNode {
  /** Position in {@link PrivateCluster.nodes}: what killNode/restartNode take. */
  readonly index: number;
  readonly host: string;
  readonly port: number;
  /** `host:port`, the form `REDIS_CLUSTER_NODES` and `--redis-cluster` take. */
  readonly address: string;
  readonly url: string;
  /** True while the process runs. */
  readonly running: boolean;
}

/** A live node's current place in the cluster (roles change after a failover). */
export interface ClusterNodeRole {
  index: number;
  address: string;
  role: 'master' | 'replica';
  /** Slots served, e.g. 5461 of 16384 (0 for a replica). */
  slots: number;
  /** The slot ranges served, inclusive `[from, to]` (empty for a replica). */
  ranges: Array<[number, number]>;
}

/** The node index (into {@link PrivateCluster.nodes}) of the master serving `slot`, or -1. */
export function masterOfSlot(roles: readonly ClusterNodeRole[], slot: number): number {
  const owner = roles.find((r) => r.role === 'master' && r.ranges.some(([from, to]) => slot >= from && slot <= to));
  return owner ? owner.index : -1;
}

/** A real Redis Cluster this process started on free ports in a temp dir. */
export interface PrivateCluster {
  /** Every node, masters first as created (a replica's role may change after a failover). */
  readonly nodes: readonly ClusterNode[];
  /** `host:port` of every node, for an ioredis `Cluster` or `REDIS_CLUSTER_NODES`. */
  readonly addresses: string[];
  /** Kills node `index` abruptly (SIGKILL), keeping its port and nodes.conf: a crash. */
  killNode(index: number): Promise<void>;
  /** Starts node `index` again; it rejoins with its old identity (a former master comes back as a replica). */
  restartNode(index: number): Promise<void>;
  /** Resolves once every running node reports `cluster_state:ok` with all 16384 slots served. */
  waitUntilHealthy(timeoutMs?: number): Promise<void>;
  /** The role and slot count of every running node, from `CLUSTER NODES`. */
  roles(): Promise<ClusterNodeRole[]>;
  /** Stops every node (SIGTERM) and removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

/** Redis Cluster's fixed number of hash slots. */
export const CLUSTER_SLOTS = 16_384;

/**
 * Starts a real Redis Cluster: `masters × (1 + replicasPerMaster)` redis-servers with
 * `--cluster-enabled yes`, joined by `redis-cli --cluster create … --cluster-yes`, then waits
 * until every node says `cluster_state:ok` and all slots are covered. Nothing touches a server
 * this process did not start. On failure every node is stopped and the error carries the logs.
 *
 * @throws {RangeError} when `masters` < 3, or a count or timeout is not a valid number.
 * @throws {RedisServerMissingError} when redis-server is not installed.
 */
export async function startPrivateCluster(options: PrivateClusterOptions = {}): Promise<PrivateCluster> {
  const masters = options.masters ?? 3;
  const replicasPerMaster = options.replicasPerMaster ?? 0;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 2_000;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  assertPositiveInteger('masters', masters);
  if (masters < 3) throw new RangeError(`masters must be at least 3 (Redis Cluster's minimum), got ${masters}`);
  assertNonNegativeInteger('replicasPerMaster', replicasPerMaster);
  assertPositiveDuration('nodeTimeoutMs', nodeTimeoutMs);
  assertPositiveDuration('startTimeoutMs', startTimeoutMs);
  const binary = options.binary ?? defaultRedisBinary();
  const cli = options.cli ?? (process.env.REDIS_CLI || 'redis-cli');
  if (!redisServerAvailable(binary)) throw new RedisServerMissingError(binary);

  const root = mkdtempSync(join(tmpdir(), 'cachecraft-cluster-'));
  const host = '127.0.0.1';
  const processes: RedisServerProcess[] = [];
  const stopAll = async () => {
    await Promise.all(processes.map((p) => p.terminate('SIGTERM')));
    rmSync(root, { recursive: true, force: true });
  };

  try {
    const total = masters * (1 + replicasPerMaster);
    for (let i = 0; i < total; i++) {
      const port = await freePort();
      const dir = join(root, `node-${i}`);
      mkdirSync(dir);
      processes.push(
        new RedisServerProcess({
          binary,
          port,
          dir,
          startTimeoutMs,
          extraArgs: [
            '--cluster-enabled', 'yes',
            '--cluster-config-file', 'nodes.conf',
            '--cluster-node-timeout', String(Math.ceil(nodeTimeoutMs)),
            // A replica with stale data may still be promoted: the course would rather show a
            // failover than a cluster that stays down because its only replica lagged.
            '--cluster-replica-validity-factor', '0',
          ],
        }),
      );
    }
    await Promise.all(processes.map((p) => p.launch()));
    const addresses = processes.map((p) => `${host}:${p.spec.port}`);
    await runCli(cli, ['--cluster', 'create', ...addresses, '--cluster-replicas', String(replicasPerMaster), '--cluster-yes'], startTimeoutMs);

    const nodes: ClusterNode[] = processes.map((proc, index) => ({
      index,
      host,
      port: proc.spec.port,
      address: `${host}:${proc.spec.port}`,
      url: `redis://${host}:${proc.spec.port}`,
      get running() {
        return proc.running;
      },
    }));
    const nodeAt = (index: number): RedisServerProcess => {
      assertNonNegativeInteger('index', index);
      if (index >= processes.length) throw new RangeError(`index must be below ${processes.length} (the number of nodes), got ${index}`);
      return processes[index];
    };
    const cluster: PrivateCluster = {
      nodes,
      addresses,
      killNode: (index) => nodeAt(index).terminate('SIGKILL'),
      async restartNode(index) {
        const proc = nodeAt(index);
        await proc.terminate('SIGTERM');
        await proc.launch();
      },
      waitUntilHealthy: (timeoutMs = startTimeoutMs) => waitForHealthyCluster(processes, total, timeoutMs),
      roles: () => readRoles(processes),
      stop: stopAll,
    };
    await cluster.waitUntilHealthy();
    return cluster;
  } catch (error) {
    const logs = processes.map((p, i) => `--- node ${i} (port ${p.spec.port}) ---\n${p.log.trim()}`).join('\n');
    await stopAll();
    throw new Error(`private Redis Cluster failed to start: ${(error as Error).message}\n${logs}`);
  }
}

/** Runs redis-cli and rejects with its output when it fails or hangs. */
function runCli(cli: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${cli} could not run (${error.message}); install redis-tools`));
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${cli} ${args.join(' ')} exited with ${code}: ${output.trim().slice(-2_000)}`));
    });
  });
}

/** Sends one command to one node on a short-lived connection. */
async function askNode(port: number, command: string, ...args: string[]): Promise<string> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return String(await client.call(command, ...args));
  } finally {
    client.disconnect();
  }
}

async function waitForHealthyCluster(processes: RedisServerProcess[], total: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const running = processes.filter((p) => p.running);
    try {
      const infos = await Promise.all(running.map((p) => askNode(p.spec.port, 'CLUSTER', 'INFO')));
      const healthy = infos.every(
        (info) => /cluster_state:ok/.test(info) && new RegExp(`cluster_slots_ok:${CLUSTER_SLOTS}\\b`).test(info) && new RegExp(`cluster_known_nodes:${total}\\b`).test(info),
      );
      // Every running node must also have its place: a replica attached to a master, a master
      // serving slots (a node just created or restarted is briefly an empty master), and the
      // slots must be served by running nodes (right after a kill the others still say ok).
      if (healthy) {
        const roles = await readRoles(processes);
        const placed = roles.every((r) => r.role === 'replica' || r.slots > 0);
        const served = roles.reduce((sum, r) => sum + r.slots, 0);
        if (placed && roles.length === running.length && served === CLUSTER_SLOTS) return;
      }
      last = infos.map((info) => info.split(/\r?\n/).filter((l) => /state|slots_ok|known/.test(l)).join(' ')).join(' | ');
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`cluster not healthy within ${timeoutMs} ms (last: ${last})`);
    await realSleep(100);
  }
}

async function readRoles(processes: RedisServerProcess[]): Promise<ClusterNodeRole[]> {
  const live = processes.findIndex((p) => p.running);
  if (live < 0) return [];
  const text = await askNode(processes[live].spec.port, 'CLUSTER', 'NODES');
  const roles: ClusterNodeRole[] = [];
  for (const line of text.trim().split('\n')) {
    // <id> <ip:port@cport> <flags> <master> <ping> <pong> <epoch> <link> <slot> <slot> …
    const fields = line.split(' ');
    const port = Number(fields[1].split('@')[0].split(':')[1]);
    const index = processes.findIndex((p) => p.spec.port === port);
    if (index < 0 || !processes[index].running || /fail/.test(fields[2])) continue;
    const ranges = fields
      .slice(8)
      .filter((range) => !range.startsWith('[')) // a slot being migrated
      .map((range): [number, number] => {
        const [from, to] = range.split('-').map(Number);
        return [from, to === undefined ? from : to];
      });
    const slots = ranges.reduce((sum, [from, to]) => sum + to - from + 1, 0);
    roles.push({ index, address: `127.0.0.1:${port}`, role: /master/.test(fields[2]) ? 'master' : 'replica', slots, ranges });
  }
  return roles.sort((a, b) => a.index - b.index);
}
