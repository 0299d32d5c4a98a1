/**
 * Shares one in-flight call per key between concurrent callers of one process: the first
 * caller's `fn` runs, later callers get the same promise until it settles. It deduplicates, it
 * does not cache: once the call settles the key is forgotten.
 */
export class SingleFlight {
  private readonly calls = new Map<string, Promise<unknown>>();

  /** The promise of the call in flight for `key`, or a new call of `fn`. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const current = this.calls.get(key);
    if (current !== undefined) return current as Promise<T>;
    // The async wrapper turns a synchronous throw from fn into a rejection.
    const call = (async () => fn())();
    this.calls.set(key, call);
    const forget = () => {
      if (this.calls.get(key) === call) this.calls.delete(key);
    };
    call.then(forget, forget);
    return call;
  }

  /** Whether a call for `key` is in flight. */
  has(key: string): boolean {
    return this.calls.has(key);
  }

  /** Number of keys with a call in flight. */
  get inFlight(): number {
    return this.calls.size;
  }
}
