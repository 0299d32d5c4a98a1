/** One queued write: its value and the sequence number of the key's first write still queued. */
interface QueuedWrite<V> {
  value: V;
  seq: number;
}

/**
 * The write-behind queue itself: one entry per key in order of first write (a later write of a
 * queued key replaces its value in place: the last write wins), and the batch being written
 * (in flight), which still counts as not yet persisted.
 */
export class CoalescingWriteQueue<V> {
  private queued = new Map<string, QueuedWrite<V>>();
  private readonly inFlight = new Map<string, V>();
  private seq = 0;

  /** Queues `value` for `key`; true when it replaced a queued value (coalesced). */
  add(key: string, value: V): boolean {
    const existing = this.queued.get(key);
    this.seq++;
    if (existing) {
      existing.value = value;
      return true;
    }
    this.queued.set(key, { value, seq: this.seq });
    return false;
  }

  /** The value of `key` not yet persisted (queued first, then in flight), if any. */
  pendingValue(key: string): { value: V } | undefined {
    const queued = this.queued.get(key);
    if (queued) return { value: queued.value };
    if (this.inFlight.has(key)) return { value: this.inFlight.get(key) as V };
    return undefined;
  }

  /** True when `key` waits in the queue (not counting the batch in flight). */
  has(key: string): boolean {
    return this.queued.has(key);
  }

  /** Keys waiting in the queue. */
  get size(): number {
    return this.queued.size;
  }

  /** Writes not yet persisted: queued plus in flight (the crash-loss window). */
  get pending(): number {
    return this.queued.size + this.inFlight.size;
  }

  /** The sequence number of the latest write. */
  get lastSeq(): number {
    return this.seq;
  }

  /** The sequence number of the oldest queued entry, or undefined when the queue is empty. */
  headSeq(): number | undefined {
    const head = this.queued.values().next();
    return head.done ? undefined : head.value.seq;
  }

  /** Moves up to `max` oldest entries in flight and returns them. */
  takeBatch(max: number): Array<readonly [string, V]> {
    const batch: Array<readonly [string, V]> = [];
    for (const [key, entry] of this.queued) {
      if (batch.length >= max) break;
      batch.push([key, entry.value]);
    }
    for (const [key, value] of batch) {
      this.queued.delete(key);
      this.inFlight.set(key, value);
    }
    return batch;
  }

  /** The batch in flight was persisted. */
  batchSaved(): void {
    this.inFlight.clear();
  }

  /** The batch in flight failed: put it back at the head of the queue; a newer write of a key wins. */
  batchFailed(batch: ReadonlyArray<readonly [string, V]>): void {
    this.inFlight.clear();
    const rebuilt = new Map<string, QueuedWrite<V>>();
    // seq 0: these writes predate every flush still waiting, which must therefore persist them.
    for (const [key, value] of batch) rebuilt.set(key, { value: this.queued.get(key)?.value ?? value, seq: 0 });
    for (const [key, entry] of this.queued) if (!rebuilt.has(key)) rebuilt.set(key, entry);
    this.queued = rebuilt;
  }

  /** Drops every queued entry (a simulated crash); the batch in flight is left as it is. */
  clearQueued(): void {
    this.queued.clear();
  }
}
