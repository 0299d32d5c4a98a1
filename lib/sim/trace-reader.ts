import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { gunzipSync } from 'zlib';

/**
 * Parses a cache trace: one integer key per line. Blank lines and lines holding only `*`
 * (the LIRS trace set's separators) are skipped; anything else that is not an integer is an
 * error naming the line, because a silently dropped request would change every hit ratio.
 */
export function parseTrace(text: string): number[] {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const keys: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index].trim();
    if (line === '' || line === '*') continue;
    if (!/^-?\d+$/.test(line)) throw new RangeError(`trace line ${index + 1} is not an integer key: ${JSON.stringify(line)}`);
    keys.push(Number(line));
  }
  return keys;
}

/**
 * Reads a trace file: gzip-compressed when the name ends in `.gz`, plain text otherwise.
 *
 * @param path - e.g. `data/traces/gli.trace.gz`.
 */
export function readTrace(path: string): number[] {
  if (typeof path !== 'string' || path === '') throw new TypeError('path must be a non-empty string');
  const raw = readFileSync(path);
  return parseTrace((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

/** The number of distinct keys in a stream: every one of them is a compulsory (cold) miss. */
export function uniqueKeyCount<K>(keys: readonly K[]): number {
  return new Set(keys).size;
}

/** The traces shipped with the course in `data/traces/` (see its README for their origin). */
export const BUNDLED_TRACES = ['gli', 'multi1', 'sprite', '2_pools'] as const;

/** The name of a trace shipped with the course. */
export type BundledTrace = (typeof BUNDLED_TRACES)[number];

/**
 * The path of a trace shipped in the project's `data/traces/`. Found by walking up from this
 * file, so it works from the sources (tests), from `lib/dist` (notebooks) and from any
 * working directory.
 */
export function bundledTracePath(name: BundledTrace): string {
  if (!BUNDLED_TRACES.includes(name)) throw new RangeError(`name must be one of ${BUNDLED_TRACES.join(', ')}, got ${String(name)}`);
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'data', 'traces', `${name}.trace.gz`);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`data/traces/${name}.trace.gz not found above ${__dirname}`);
  }
}
