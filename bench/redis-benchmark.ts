/**
 * The ceiling the Redis benchmarks compare against: `redis-benchmark -t get` on the same
 * private server or cluster, run and parsed in one place.
 */
import { execFileSync } from 'child_process';

/** What `redis-benchmark -t get -q` reported. */
export interface RedisBenchmarkResult {
  /** GET requests per second. */
  rps: number;
  /** Median latency in ms (`NaN` when this redis-benchmark does not print it). */
  p50Ms: number;
}

/**
 * Runs `redis-benchmark -t get -q` against 127.0.0.1:`port` with `extraArgs` (e.g. `-c 50`,
 * `--cluster`); `undefined` if the tool is missing or fails.
 */
export function redisBenchmarkGet(port: number, requests: number, extraArgs: readonly string[]): RedisBenchmarkResult | undefined {
  let output: string;
  try {
    output = execFileSync('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), '-t', 'get', '-n', String(requests), '-q', ...extraArgs], {
      encoding: 'utf8',
    });
  } catch {
    return undefined;
  }
  // e.g. "GET: 98039.22 requests per second, p50=0.263 msec" (progress lines end in \r).
  const line = output.split(/[\r\n]/).find((l) => /requests per second/.test(l)) ?? '';
  const rps = Number(/GET:\s*([\d.]+)/.exec(line)?.[1]);
  const p50 = Number(/p50=([\d.]+)/.exec(line)?.[1]);
  return Number.isFinite(rps) ? { rps, p50Ms: Number.isFinite(p50) ? p50 : NaN } : undefined;
}
