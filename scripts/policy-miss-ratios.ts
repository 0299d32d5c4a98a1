/**
 * Prints the miss ratios of every policy cache on the shipped traces (count-based) and on a
 * synthetic size-aware workload (miss ratio and byte miss ratio), as Markdown tables — the
 * figures to set beside libCacheSim's on the same traces and sizes.
 *
 *     npx ts-node --transpile-only scripts/policy-miss-ratios.ts
 */
import { seededRandom } from '../lib/core/random';
import { missRatioCurve } from '../lib/sim/miss-ratio-curve';
import { POLICY_CACHES, countPolicy, sizedPolicy } from '../lib/sim/policies';
import { sizedMissRatioCurve } from '../lib/sim/sized-miss-ratio-curve';
import { withObjectSizes } from '../lib/sim/sized-workloads';
import { BUNDLED_TRACES, bundledTracePath, readTrace, uniqueKeyCount } from '../lib/sim/trace-reader';
import { zipfWorkload } from '../lib/sim/workloads';

/** Cache sizes per trace (entries): from a small fraction of the unique keys to most of them. */
const CAPACITIES: Record<string, number[]> = {
  gli: [250, 500, 1000, 1500, 2000],
  multi1: [100, 500, 1000, 1500, 2000],
  sprite: [100, 500, 1000, 2000, 5000],
  '2_pools': [100, 500, 1000, 2500, 5000],
};

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

for (const trace of BUNDLED_TRACES) {
  const keys = readTrace(bundledTracePath(trace));
  const capacities = CAPACITIES[trace];
  console.log(`\n### ${trace}: ${keys.length} requests, ${uniqueKeyCount(keys)} unique keys — miss ratio (count-based)\n`);
  console.log(row(['policy', ...capacities]));
  console.log(row(['---', ...capacities.map(() => '---:')]));
  for (const [name, Cache] of Object.entries(POLICY_CACHES)) {
    const curve = missRatioCurve(keys, capacities, countPolicy(Cache));
    console.log(row([name, ...curve.map((p) => p.missRatio.toFixed(4))]));
  }
}

const keys = zipfWorkload({ keySpace: 20_000, length: 200_000, exponent: 0.9, random: seededRandom(11) });
const requests = withObjectSizes(keys, { random: seededRandom(12), minSize: 100, maxSize: 1_000_000 });
const bytes = new Map(requests.map((r) => [r.key, r.size]));
const footprint = [...bytes.values()].reduce((a, b) => a + b, 0);
const maxSizes = [0.01, 0.05, 0.1, 0.25].map((f) => Math.round(footprint * f));
console.log(
  `\n### Synthetic: Zipf(0.9) over 20,000 keys, 200,000 requests, sizes log-uniform in [100 B, 1 MB] (seeds 11/12); ` +
    `footprint ${footprint} B — miss ratio / byte miss ratio at 1 %, 5 %, 10 %, 25 % of it\n`,
);
console.log(row(['policy', ...maxSizes]));
console.log(row(['---', ...maxSizes.map(() => '---:')]));
for (const [name, Cache] of Object.entries(POLICY_CACHES)) {
  const curve = sizedMissRatioCurve(requests, maxSizes, sizedPolicy(Cache));
  console.log(row([name, ...curve.map((p) => `${p.missRatio.toFixed(4)} / ${p.byteMissRatio.toFixed(4)}`)]));
}
