import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { siblingProgram } from '../core/child-program';
import { assertPositiveInteger } from '../core/validate';
import { openDatabase } from '../db/shop-database';
import { AppInstance } from './app-instance';
import type { AppInstanceConfig } from './app-instance-process';

/** Options for {@link startAppFleet}. */
export interface AppFleetOptions {
  /** Number of instances (processes), at least 1. */
  instances: number;
  redisUrl: string;
  mode: AppInstanceConfig['mode'];
  /** Key namespace of the fleet's L2 and bus (default: unique per fleet). */
  namespace?: string;
  /** L1 TTL in ms (default 30 000: long, so staleness is visible). */
  l1TtlMs?: number;
  /** L1 capacity in entries (default 10 000). */
  l1Capacity?: number;
  /** Products in the shared SQLite catalog (default 100). */
  products?: number;
  /** Database latency per query in ms (default 20). */
  dbLatencyMs?: number;
  /** Child program to run instead of the built-in app instance (same IPC protocol; the benchmarks' peers use it). */
  program?: string;
  /** Extra fields passed to the child's `init` along with the standard ones. */
  extra?: Record<string, unknown>;
}

/** Several app instances, each a separate Node process, sharing one SQLite file and one Redis. */
export interface AppFleet {
  readonly instances: readonly AppInstance[];
  /** The shared SQLite file. */
  readonly databasePath: string;
  /** Stops every instance and removes the database file. */
  stop(): Promise<void>;
}

/**
 * Starts `instances` app instances as child processes (`child_process.fork`), each with its own
 * two-tier cache over the shared Redis and a shared SQLite catalog, for the chapter's
 * experiments that need real separate processes. Works from the compiled library (notebooks)
 * and from TypeScript sources (tests, through ts-node).
 *
 * @throws {RangeError} when `instances` is not a positive integer.
 */
export async function startAppFleet(options: AppFleetOptions): Promise<AppFleet> {
  assertPositiveInteger('instances', options.instances);
  const dir = mkdtempSync(join(tmpdir(), 'cachecraft-fleet-'));
  const databasePath = join(dir, 'shop.sqlite');
  // The parent creates and seeds the database once; the instances only open it.
  openDatabase({ path: databasePath, catalogSize: options.products ?? 100, latencyMs: 0 }).close();
  const namespace = options.namespace ?? `fleet-${process.pid}-${Date.now()}`;
  const instances: AppInstance[] = [];
  const stop = async () => {
    await Promise.all(instances.filter(Boolean).map((instance) => instance.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Forked together: each child's start-up (loading the library) runs in parallel.
    await Promise.all(
      Array.from({ length: options.instances }, async (_, i) => {
        const name = `app-${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''}`;
        const config: AppInstanceConfig & Record<string, unknown> = {
          ...options.extra,
          name,
          redisUrl: options.redisUrl,
          databasePath,
          dbLatencyMs: options.dbLatencyMs ?? 20,
          mode: options.mode,
          namespace,
          l1TtlMs: options.l1TtlMs ?? 30_000,
          l1Capacity: options.l1Capacity ?? 10_000,
        };
        const instance = await AppInstance.fork(options.program ?? siblingProgram(__filename, 'app-instance-process'), name);
        instances[i] = instance;
        await instance.call('init', config);
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { instances, databasePath, stop };
}
