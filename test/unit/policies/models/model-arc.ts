import { ModelBase, ModelEntry } from './model-entry';

/**
 * ARC as arrays, following the paper's Fig. 4 case by case (front = MRU), count-based. Two
 * choices the paper leaves open are settled as `ARCCache` (and libCacheSim) settles them: `p`
 * is a real number, and REPLACE takes from T1 when T2 is empty. The paper's "= c" and "= 2c"
 * tests read "≥": after a `delete` (which the paper has no notion of) the lists can hold one
 * key more than the paper's invariants allow until the next eviction trims them.
 */
export class ModelARC extends ModelBase {
  t1: ModelEntry[] = [];
  t2: ModelEntry[] = [];
  b1: number[] = [];
  b2: number[] = [];
  p = 0;

  constructor(readonly c: number) {
    super();
  }

  get(key: number): number | undefined {
    const entry = this.resident(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.caseI(entry);
    return entry.value;
  }

  set(key: number, value: number): void {
    const entry = this.resident(key);
    if (entry !== undefined) {
      entry.value = value;
      this.caseI(entry);
      return;
    }
    const full = this.t1.length + this.t2.length >= this.c;
    if (this.b1.includes(key)) {
      // Case II: B1 hit — T1 deserved more room.
      this.p = Math.min(this.p + Math.max(this.b2.length / this.b1.length, 1), this.c);
      this.b1.splice(this.b1.indexOf(key), 1);
      if (full) this.replace(false);
      this.t2.unshift({ key, value, count: 0 });
    } else if (this.b2.includes(key)) {
      // Case III: B2 hit — T2 deserved more room.
      this.p = Math.max(this.p - Math.max(this.b1.length / this.b2.length, 1), 0);
      this.b2.splice(this.b2.indexOf(key), 1);
      if (full) this.replace(true);
      this.t2.unshift({ key, value, count: 0 });
    } else {
      // Case IV: a key in no list.
      if (full) {
        if (this.t1.length + this.b1.length >= this.c) {
          if (this.b1.length > 0) {
            this.b1.pop();
            this.replace(false);
          } else {
            const victim = this.t1.pop() as ModelEntry;
            this.evicted.push([victim.key, victim.value]);
          }
        } else {
          if (this.t1.length + this.t2.length + this.b1.length + this.b2.length >= 2 * this.c && this.b2.length > 0) this.b2.pop();
          this.replace(false);
        }
      }
      this.t1.unshift({ key, value, count: 0 });
    }
  }

  has(key: number): boolean {
    return this.resident(key) !== undefined;
  }

  peek(key: number): number | undefined {
    return this.resident(key)?.value;
  }

  delete(key: number): boolean {
    for (const list of [this.t1, this.t2]) {
      const i = this.find(list, key);
      if (i >= 0) {
        list.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  clear(): void {
    this.t1 = [];
    this.t2 = [];
    this.b1 = [];
    this.b2 = [];
    this.p = 0;
  }

  keys(): number[] {
    return [...this.t1, ...this.t2].map((e) => e.key);
  }

  private resident(key: number): ModelEntry | undefined {
    return this.t1.find((e) => e.key === key) ?? this.t2.find((e) => e.key === key);
  }

  /** Case I: a hit moves the entry to T2's MRU end. */
  private caseI(entry: ModelEntry): void {
    const list = this.t1.includes(entry) ? this.t1 : this.t2;
    list.splice(list.indexOf(entry), 1);
    this.t2.unshift(entry);
  }

  private replace(inB2: boolean): void {
    const t1 = this.t1.length;
    if ((t1 >= 1 && (t1 > this.p || (inB2 && t1 === this.p))) || this.t2.length === 0) {
      const victim = this.t1.pop() as ModelEntry;
      this.b1.unshift(victim.key);
      this.evicted.push([victim.key, victim.value]);
    } else {
      const victim = this.t2.pop() as ModelEntry;
      this.b2.unshift(victim.key);
      this.evicted.push([victim.key, victim.value]);
    }
  }
}
