/**
 * Deterministic key streams for the benchmarks: precomputed into `Int32Array`s so that
 * generating keys is never part of what is timed.
 */

/** Mulberry32: a tiny seeded PRNG returning floats in [0, 1); same seed, same stream. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `length` keys drawn from a Zipf distribution with exponent `s` over `0..keySpace-1`
 * (key `r` has probability ∝ 1 / (r + 1)^s, so key 0 is the hottest).
 * Sampling inverts the cumulative distribution with a binary search.
 */
export function zipfStream(keySpace: number, s: number, length: number, seed: number): Int32Array {
  const cdf = new Float64Array(keySpace);
  let total = 0;
  for (let rank = 0; rank < keySpace; rank++) {
    total += 1 / Math.pow(rank + 1, s);
    cdf[rank] = total;
  }
  const random = mulberry32(seed);
  const stream = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const target = random() * total;
    let low = 0;
    let high = keySpace - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cdf[mid] < target) low = mid + 1;
      else high = mid;
    }
    stream[i] = low;
  }
  return stream;
}

/** `length` keys drawn uniformly from `0..keySpace-1`. */
export function uniformStream(keySpace: number, length: number, seed: number): Int32Array {
  const random = mulberry32(seed);
  const stream = new Int32Array(length);
  for (let i = 0; i < length; i++) stream[i] = Math.floor(random() * keySpace);
  return stream;
}

/** `length` keys cycling through `0..keySpace-1` in order: a scan, LRU's worst case when keySpace > capacity. */
export function scanStream(keySpace: number, length: number): Int32Array {
  const stream = new Int32Array(length);
  for (let i = 0; i < length; i++) stream[i] = i % keySpace;
  return stream;
}
