import { TinyLfu } from '../../../../lib/policies/tiny-lfu';
import { ModelBase, ModelEntry } from './model-entry';

/**
 * W-TinyLFU as three arrays (front = MRU), count-based, with Caffeine's defaults: a window of
 * max(1, round(1 % of c)) entries, a protected segment of ⌊80 % of the rest⌋, probation for
 * the rest. Frequencies come from a `TinyLfu` of its own, built with the parameters the cache
 * uses and fed the same accesses (a `get` hit, every `set`), so both see the same estimates:
 * the model checks the segments and the admission duel, the sketch has its own tests.
 */
export class ModelWTinyLFU extends ModelBase {
  window: ModelEntry[] = [];
  probation: ModelEntry[] = [];
  protected: ModelEntry[] = [];
  readonly windowSize: number;
  readonly protectedSize: number;
  private readonly filter: TinyLfu;

  constructor(readonly c: number) {
    super();
    this.windowSize = Math.max(1, Math.round(c * 0.01));
    this.protectedSize = Math.floor((c - this.windowSize) * 0.8);
    this.filter = new TinyLfu({ expectedKeys: c, samplePeriod: 10 * c });
  }

  get(key: number): number | undefined {
    const entry = this.entry(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.filter.record(key);
    this.touch(entry);
    return entry.value;
  }

  set(key: number, value: number): void {
    this.filter.record(key);
    const entry = this.entry(key);
    if (entry !== undefined) {
      entry.value = value;
      this.touch(entry);
    } else {
      this.window.unshift({ key, value, count: 0 });
    }
    // The window's overflow, one candidate at a time, duels probation's LRU entry.
    while (this.window.length > this.windowSize) {
      const candidate = this.window.pop() as ModelEntry;
      this.probation.unshift(candidate);
      if (this.total() > this.c) {
        const victim = this.probation[this.probation.length - 1];
        this.evict(victim !== candidate && this.filter.admit(candidate.key, victim.key) ? victim : candidate);
      }
    }
  }

  has(key: number): boolean {
    return this.entry(key) !== undefined;
  }

  peek(key: number): number | undefined {
    return this.entry(key)?.value;
  }

  delete(key: number): boolean {
    const entry = this.entry(key);
    if (entry === undefined) return false;
    const list = this.listOf(entry);
    list.splice(list.indexOf(entry), 1);
    return true;
  }

  clear(): void {
    this.window = [];
    this.probation = [];
    this.protected = [];
    this.filter.clear();
  }

  keys(): number[] {
    return [...this.window, ...this.probation, ...this.protected].map((e) => e.key);
  }

  private total(): number {
    return this.window.length + this.probation.length + this.protected.length;
  }

  private entry(key: number): ModelEntry | undefined {
    return [...this.window, ...this.probation, ...this.protected].find((e) => e.key === key);
  }

  private listOf(entry: ModelEntry): ModelEntry[] {
    if (this.window.includes(entry)) return this.window;
    return this.probation.includes(entry) ? this.probation : this.protected;
  }

  private touch(entry: ModelEntry): void {
    const list = this.listOf(entry);
    list.splice(list.indexOf(entry), 1);
    if (list === this.probation) {
      this.protected.unshift(entry);
      while (this.protected.length > this.protectedSize) this.probation.unshift(this.protected.pop() as ModelEntry);
    } else {
      list.unshift(entry);
    }
  }

  private evict(entry: ModelEntry): void {
    this.probation.splice(this.probation.indexOf(entry), 1);
    this.evicted.push([entry.key, entry.value]);
  }
}
