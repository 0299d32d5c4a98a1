/**
 * The textbook LRU on a `Map`: a hit deletes and re-inserts the key so insertion order is
 * recency order. Short and correct, but every hit rewrites the hash table — the baseline the
 * real caches are measured against.
 */
export class NaiveMapLRU<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    if (!this.map.has(key)) return undefined;
    const value = this.map.get(key) as V;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    if (this.map.has(key)) this.map.delete(key);
    else if (this.map.size >= this.capacity) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
  }
}
