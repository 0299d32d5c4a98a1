/**
 * Lines a chapter must print when it runs: each backs a statement in its prose with a value the
 * notebook computed (issue 11 §1). `execute.test.ts` checks them on the executed copy, so a
 * change that makes a claim false fails the test instead of misleading a learner.
 */
export const COMPUTED_CLAIMS: Record<string, Array<{ claim: string; output: RegExp }>> = {
  '01-cache-aside': [
    { claim: 'mean latency is linear in the hit rate', output: /ms saved per ten-point step: the same at every step: true/ },
    { claim: 'the speed-up ratio is not', output: /speed-up multiplier per step grows with the hit rate: true/ },
  ],
  '02-patterns': [
    { claim: 'a delete loses to a stale set across processes', output: /race reproduced, the cache serves the old price while the database has the new one: true/ },
    { claim: 'a lease refuses the stale set', output: /with a lease the stale set was refused: true/ },
  ],
  '05-lru': [
    { claim: 'the Map idiom is measured at two sizes or more', output: /capacity [\d,]+ vs\. [\d,]+: Map idiom [\d.]+× slower per operation/ },
  ],
  '07-hit-rate-simulation': [
    { claim: 'OPT on a loop follows from "evict the farthest next use"', output: /✔ looping: OPT hits \(cache size − 1\) to \(cache size\) times per lap after the first lap/ },
    { claim: 'a TTL reset on every hit is LRU-like (Che), a TTL from insertion is not', output: /reset-on-hit TTL closer to LRU than insertion TTL is, at every TTL: true/ },
    { claim: 'two independent LRUs reproduce the gli reference figures', output: /All 8 reference figures reproduced to 0\.01 % by both LRUs/ },
  ],
  '09-stampede': [
    { claim: 'a holder that pauses past PX lets a second holder in', output: /B got the lock while A still believed it held it: true/ },
    { claim: 'a fencing token rejects the stale write', output: /the stale write was rejected: true/ },
  ],
};

/** Everything a notebook printed (stdout streams and text results), as one string. */
export function printedText(cells: Array<{ cell_type: string; outputs?: unknown[] }>): string {
  return cells
    .filter((cell) => cell.cell_type === 'code')
    .flatMap((cell) => (cell.outputs ?? []) as Array<{ output_type?: string; name?: string; text?: string | string[]; data?: Record<string, string | string[]> }>)
    .map((output) => {
      const text = output.text ?? output.data?.['text/plain'] ?? '';
      return Array.isArray(text) ? text.join('') : text;
    })
    .join('\n');
}

/** The stderr streams and error outputs a learner would see, with their cell index. */
export function strayErrors(cells: Array<{ cell_type: string; outputs?: unknown[] }>): string[] {
  const found: string[] = [];
  cells.forEach((cell, index) => {
    for (const output of (cell.outputs ?? []) as Array<{ output_type?: string; name?: string; text?: string | string[]; evalue?: string }>) {
      if (output.output_type === 'error') found.push(`cell ${index}: error ${output.evalue ?? ''}`);
      if (output.output_type === 'stream' && output.name === 'stderr') {
        const text = Array.isArray(output.text) ? output.text.join('') : output.text ?? '';
        found.push(`cell ${index}: stderr ${text.slice(0, 200)}`);
      }
    }
  });
  return found;
}
