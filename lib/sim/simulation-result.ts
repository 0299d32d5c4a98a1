/** What a replay of a key stream through a cache produced. */
export interface SimulationResult {
  /** Number of requests replayed. */
  readonly requests: number;
  /** Requests answered from the cache. */
  readonly hits: number;
  /** Requests that had to go to the backing store (and were then inserted). */
  readonly misses: number;
  /** `hits / requests`, in [0, 1]; 0 for an empty stream. */
  readonly hitRatio: number;
}

/** Builds a {@link SimulationResult} from hit and request counts. */
export function simulationResult(requests: number, hits: number): SimulationResult {
  return { requests, hits, misses: requests - hits, hitRatio: requests === 0 ? 0 : hits / requests };
}
