/**
 * Regenerates `test/golden/libcachesim-miss-ratios.json`: the miss ratios libCacheSim's
 * `cachesim` reports for every policy of the course on the shipped traces (count-based) and on
 * a sized Zipf trace (byte-based). Runs a `cachesim` you built yourself — see
 * `test/golden/README.md` for how (it is GPL; nothing of it is in this repository).
 *
 *   LIBCACHESIM_BIN=/path/to/_build/bin/cachesim LIBCACHESIM_COMMIT=<sha> \
 *     npx ts-node --transpile-only scripts/golden/libcachesim-figures.ts
 *
 * With `--make-sized-trace` it first (re)writes the sized trace, `test/golden/zipf-sized.oracleGeneral.gz`.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { gunzipSync, gzipSync } from 'zlib';
import { randomInt, seededRandom } from '../../lib/core/random';
import { encodeOracleGeneral, withNextAccess } from '../../lib/sim/oracle-general-format';
import { readTrace } from '../../lib/sim/trace-reader';
import { zipfWorkload } from '../../lib/sim/workloads';
import { GOLDEN_COUNT_SIZES, GOLDEN_POLICIES, GoldenRow, LIBCACHESIM_DEFAULTS, SIZED_TRACE, SIZED_TRACE_FILE, SIZED_TRACE_SIZES } from '../../test/golden/golden-plan';

const root = resolve(__dirname, '..', '..');
const goldenDir = join(root, 'test', 'golden');

/** One line of `cachesim`'s summary, parsed. */
type Row = GoldenRow & { libCacheSimName: string };

function makeSizedTrace(): void {
  const random = seededRandom(SIZED_TRACE.seed);
  const keys = zipfWorkload({ keySpace: SIZED_TRACE.keySpace, length: SIZED_TRACE.length, exponent: SIZED_TRACE.exponent, random });
  const sizeRandom = seededRandom(SIZED_TRACE.seed + 1);
  // Log-uniform sizes between 2^minLog2 and 2^maxLog2 bytes: small objects dominate, a few are large.
  const sizes = Array.from({ length: SIZED_TRACE.keySpace }, () =>
    Math.round(Math.pow(2, SIZED_TRACE.minLog2 + sizeRandom() * (SIZED_TRACE.maxLog2 - SIZED_TRACE.minLog2))) + randomInt(sizeRandom, 0, 7),
  );
  const records = withNextAccess(keys.map((key, index) => ({ timestamp: index, id: key + 1, size: sizes[key] })));
  writeFileSync(join(goldenDir, SIZED_TRACE_FILE), gzipSync(encodeOracleGeneral(records), { level: 9 }));
}

function runCachesim(bin: string, tracePath: string, traceName: string, unit: Row['unit'], sizes: readonly number[], totalBytes: number): Row[] {
  const args = [tracePath, 'oracleGeneral', GOLDEN_POLICIES.join(','), sizes.join(','), '--num-thread', '1'];
  if (unit === 'objects') args.push('--ignore-obj-size', '1');
  const work = mkdtempSync(join(tmpdir(), 'cachesim-'));
  try {
    const run = spawnSync(bin, args, { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`cachesim failed (${String(run.status)}): ${run.stderr}`);
    const pattern = /^\S+\s+(\S+) cache size\s+(\d+)(\w*), (\d+) req, miss ratio ([\d.]+), byte miss ratio ([\d.]+)$/;
    const rows: Row[] = [];
    for (const line of run.stdout.split('\n')) {
      const match = pattern.exec(line.trim());
      if (match === null) continue;
      const [, name, , , requests, missRatio, byteMissRatio] = match;
      const index = rows.length;
      const policy = GOLDEN_POLICIES[Math.floor(index / sizes.length)];
      const cacheSize = sizes[index % sizes.length];
      const row: Row = {
        trace: traceName,
        policy,
        libCacheSimName: name,
        unit,
        cacheSize,
        requests: Number(requests),
        misses: Math.round(Number(missRatio) * Number(requests)),
        missRatio: Number(missRatio),
      };
      if (unit === 'bytes') {
        row.byteMisses = Math.round(Number(byteMissRatio) * totalBytes);
        row.byteMissRatio = Number(byteMissRatio);
      }
      rows.push(row);
    }
    if (rows.length !== GOLDEN_POLICIES.length * sizes.length) throw new Error(`expected ${GOLDEN_POLICIES.length * sizes.length} results for ${traceName}, parsed ${rows.length}:\n${run.stdout}`);
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(): void {
  const bin = process.env.LIBCACHESIM_BIN;
  if (bin === undefined || bin === '') throw new Error('set LIBCACHESIM_BIN to the cachesim binary (see test/golden/README.md)');
  if (process.argv.includes('--make-sized-trace')) makeSizedTrace();
  const work = mkdtempSync(join(tmpdir(), 'golden-traces-'));
  const rows: Row[] = [];
  try {
    for (const [trace, sizes] of Object.entries(GOLDEN_COUNT_SIZES)) {
      const keys = readTrace(join(root, 'data', 'traces', `${trace}.trace.gz`));
      const path = join(work, `${trace}.oracleGeneral`);
      writeFileSync(path, encodeOracleGeneral(withNextAccess(keys.map((id, index) => ({ timestamp: index, id, size: 1 })))));
      rows.push(...runCachesim(bin, path, trace, 'objects', sizes, keys.length));
    }
    const sized = gunzipSync(readFileSync(join(goldenDir, SIZED_TRACE_FILE)));
    const sizedPath = join(work, 'zipf-sized.oracleGeneral');
    writeFileSync(sizedPath, sized);
    let totalBytes = 0;
    for (let offset = 0; offset < sized.length; offset += 24) totalBytes += sized.readUInt32LE(offset + 12);
    rows.push(...runCachesim(bin, sizedPath, 'zipf-sized', 'bytes', SIZED_TRACE_SIZES, totalBytes));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const golden = {
    source: 'libCacheSim cachesim (github.com/1a1a11a/libCacheSim), see test/golden/README.md',
    libCacheSimCommit: process.env.LIBCACHESIM_COMMIT ?? 'unknown',
    policyParameters: LIBCACHESIM_DEFAULTS,
    results: rows,
  };
  // One result per line: small diffs when the figures are regenerated.
  const head = JSON.stringify({ ...golden, results: [] }, null, 1).replace(/\[\]\n}$/, '');
  writeFileSync(join(goldenDir, 'libcachesim-miss-ratios.json'), `${head}[\n${rows.map((row) => `  ${JSON.stringify(row)}`).join(',\n')}\n ]\n}\n`);
  process.stdout.write(`wrote ${rows.length} results\n`);
}

main();
