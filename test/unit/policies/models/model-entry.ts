/** One entry of the array-based reference models: obviously correct, linear-time, test-only. */
export interface ModelEntry {
  key: number;
  value: number;
  /** Visited bit, clock counter or S3-FIFO frequency, as the model's policy says. */
  count: number;
}

/** What every reference model records, to compare with the cache under test. */
export class ModelBase {
  evicted: [number, number][] = [];
  hits = 0;
  misses = 0;

  protected find(list: ModelEntry[], key: number): number {
    return list.findIndex((e) => e.key === key);
  }
}
