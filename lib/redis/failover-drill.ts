import { RedisCache } from '../cache/redis-cache';
import { assertNonNegativeInteger, assertPositiveDuration, assertPositiveInteger } from '../core/validate';
import { Random, randomInt, seededRandom } from '../core/random';
import { openDatabase } from '../db/shop-database';
import { Product } from '../db/model';
import { CacheAside } from '../patterns/cache-aside';
import { hashSlot } from './hash-slot';
import { masterOfSlot, PrivateCluster } from './private-cluster';

/** Options for {@link runFailoverDrill}. */
export interface FailoverDrillOptions {
  /** A private cluster with at least one replica per master; the drill kills one of its masters. */
  cluster: PrivateCluster;
  /** Node index of the master to kill (default: the first master found). */
  masterIndex?: number;
  /** Operations run before the kill, to warm the cache (default 200). */
  warmupOperations?: number;
  /** Operations run after the first one served again by the promoted replica (default 200). */
  operationsAfterRecovery?: number;
  /** Every n-th operation is a price update through cache-aside invalidation (default 3). */
  writeEvery?: number;
  /** Products in the SQLite catalog (default 60). */
  products?: number;
  /** How long the cache waits for a command before failing open, in ms (default 200). */
  commandTimeoutMs?: number;
  /** Give up when no operation is served by the promoted replica within this time, in ms (default 30 000). */
  recoveryTimeoutMs?: number;
  /** Seed of the workload (default 7). */
  seed?: number;
}

/** What {@link runFailoverDrill} measured. */
export interface FailoverDrillReport {
  /** Node index of the master that was killed, and of the replica promoted in its place. */
  killedIndex: number;
  promotedIndex: number;
  /** First failed cache operation → first operation on the killed master's slots served again, in ms. */
  windowMs: number;
  /** Kill → first failed cache operation, in ms (the client noticing). */
  detectionMs: number;
  operations: number;
  reads: number;
  writes: number;
  /** Cache operations that failed open during the drill (each answered from the database instead). */
  failedCacheOperations: number;
  /** Reads answered during the failover window; each came from the database or a healthy shard. */
  readsDuringWindow: number;
  /** Price updates made during the window, whose invalidation had to survive the failover. */
  writesDuringWindow: number;
  /** Reads that threw or returned nothing: fail-open means this stays 0. */
  unanswered: number;
  /** Reads whose value differed from the database's at that moment (the loop is sequential, so any is a bug). */
  staleReads: number;
  /** After recovery, products whose cached read differs from the database (must be 0). */
  finalMismatches: number;
}

/**
 * Kills a master of a private Redis Cluster in the middle of a cache-aside workload over SQLite
 * and measures what a client sees: the failover window, whether fail-open callers kept getting
 * answers, and whether anything stale was served during or after it. One sequential client
 * loop, so every read can be checked exactly against the database. Half the operations target
 * keys on the master that dies.
 *
 * @throws {RangeError} on bad counts or durations, or when the master has no replica.
 */
export async function runFailoverDrill(options: FailoverDrillOptions): Promise<FailoverDrillReport> {
  const warmup = options.warmupOperations ?? 200;
  const after = options.operationsAfterRecovery ?? 200;
  const writeEvery = options.writeEvery ?? 3;
  const productCount = options.products ?? 60;
  const commandTimeoutMs = options.commandTimeoutMs ?? 200;
  const recoveryTimeoutMs = options.recoveryTimeoutMs ?? 30_000;
  assertNonNegativeInteger('warmupOperations', warmup);
  assertPositiveInteger('operationsAfterRecovery', after);
  assertPositiveInteger('writeEvery', writeEvery);
  assertPositiveInteger('products', productCount);
  assertPositiveDuration('commandTimeoutMs', commandTimeoutMs);
  assertPositiveDuration('recoveryTimeoutMs', recoveryTimeoutMs);
  const { cluster } = options;
  const roles = await cluster.roles();
  const masterIndex = options.masterIndex ?? roles.find((r) => r.role === 'master')?.index ?? -1;
  if (!roles.some((r) => r.index === masterIndex && r.role === 'master')) throw new RangeError(`masterIndex must be a live master, got ${masterIndex}`);
  if (!roles.some((r) => r.role === 'replica')) throw new RangeError('the cluster has no replica to promote: start it with replicasPerMaster ≥ 1');

  const namespace = `failover-drill-${process.pid}-${Date.now()}`;
  const cache = new RedisCache<Product>({ clusterNodes: cluster.addresses, namespace, commandTimeoutMs });
  const aside = new CacheAside<Product>(cache);
  const db = openDatabase({ latencyMs: 0, catalogSize: productCount });
  const random: Random = seededRandom(options.seed ?? 7);
  const keyOf = (id: number) => `product:${id}`;
  const onVictim = (id: number) => masterOfSlot(roles, hashSlot(cache.prefix + keyOf(id))) === masterIndex;
  const ids = Array.from({ length: productCount }, (_, i) => i + 1);
  const victims = ids.filter(onVictim);
  if (victims.length === 0) throw new RangeError('no product key maps to that master: use more products');

  const report = { operations: 0, reads: 0, writes: 0, readsDuringWindow: 0, writesDuringWindow: 0, unanswered: 0, staleReads: 0 };
  let killedAt = 0;
  let firstFailureAt = 0;
  let recoveredAt = 0;
  const inWindow = () => firstFailureAt > 0 && recoveredAt === 0;

  /** One operation; returns true when an operation on the dying master's slots was served by Redis. */
  const step = async (): Promise<boolean> => {
    const id = random() < 0.5 ? victims[randomInt(random, 0, victims.length - 1)] : randomInt(random, 1, productCount);
    const warningsBefore = cache.stats().warnings;
    report.operations++;
    if (report.operations % writeEvery === 0) {
      report.writes++;
      if (inWindow()) report.writesDuringWindow++;
      await aside.updateThenInvalidate(() => db.updateProductPrice(id, randomInt(random, 1, 100_000) / 100), [keyOf(id)]);
    } else {
      report.reads++;
      if (inWindow()) report.readsDuringWindow++;
      let value: Product | undefined;
      try {
        value = await aside.getOrLoad(keyOf(id), () => db.getProduct(id));
      } catch {
        value = undefined;
      }
      const truth = await db.getProduct(id);
      if (value === undefined) report.unanswered++;
      else if (JSON.stringify(value) !== JSON.stringify(truth)) report.staleReads++;
    }
    const failed = cache.stats().warnings > warningsBefore;
    if (failed && killedAt > 0 && firstFailureAt === 0) firstFailureAt = Date.now();
    return !failed && onVictim(id);
  };

  try {
    await cache.ready();
    for (let i = 0; i < warmup; i++) await step();
    killedAt = Date.now();
    await cluster.killNode(masterIndex);
    const deadline = killedAt + recoveryTimeoutMs;
    while (recoveredAt === 0) {
      if (Date.now() > deadline) throw new Error(`no operation was served by a promoted replica within ${recoveryTimeoutMs} ms`);
      const servedByVictimShard = await step();
      if (servedByVictimShard && firstFailureAt > 0) recoveredAt = Date.now();
    }
    for (let i = 0; i < after; i++) await step();
    let finalMismatches = 0;
    for (const id of ids) {
      const cached = await aside.getOrLoad(keyOf(id), () => db.getProduct(id));
      if (JSON.stringify(cached) !== JSON.stringify(await db.getProduct(id))) finalMismatches++;
    }
    const rolesAfter = await cluster.roles();
    const victimSlot = hashSlot(cache.prefix + keyOf(victims[0]));
    return {
      killedIndex: masterIndex,
      promotedIndex: masterOfSlot(rolesAfter, victimSlot),
      windowMs: recoveredAt - firstFailureAt,
      detectionMs: firstFailureAt - killedAt,
      ...report,
      failedCacheOperations: cache.stats().warnings,
      finalMismatches,
    };
  } finally {
    await cache.clear().catch(() => undefined);
    await cache.close();
    db.close();
  }
}
