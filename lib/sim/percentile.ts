/**
 * The p-th percentile (nearest-rank method) of a list of numbers: the smallest value with at
 * least p % of the values at or below it. Nearest-rank returns a value that really occurred,
 * which is what a tail-latency figure should be.
 *
 * @param values - the sample (not modified).
 * @param p - the percentile, in (0, 100].
 */
export function percentile(values: readonly number[], p: number): number {
  if (!Array.isArray(values) || values.length === 0) throw new RangeError('values must be a non-empty array of numbers');
  if (typeof p !== 'number' || !(p > 0 && p <= 100)) throw new RangeError(`p must be a number in (0, 100], got ${String(p)}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

/** The usual latency summary of a sample, in the sample's unit. */
export interface LatencySummary {
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Mean, median, p95, p99 and max of a non-empty sample. */
export function summarizeLatencies(values: readonly number[]): LatencySummary {
  if (!Array.isArray(values) || values.length === 0) throw new RangeError('values must be a non-empty array of numbers');
  // reduce, not Math.max(...values): spreading a long array overflows the call stack.
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    mean,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.reduce((most, value) => (value > most ? value : most), -Infinity),
  };
}
