/** A deterministic source of numbers in [0, 1), like `Math.random` but reproducible. */
export type Random = () => number;

/**
 * mulberry32: a tiny, fast PRNG. Good enough for sample data; the point is that the same seed
 * always yields the same catalog and orders, so notebooks and tests see the same rows.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in `[min, max]` drawn from `random`. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
