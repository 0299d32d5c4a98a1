/** Callers waiting for a condition (queue space, for back-pressure), all woken at once to re-check it. */
export class WaitList {
  private waiters: Array<() => void> = [];

  /** Resolves at the next {@link wakeAll}. */
  wait(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Wakes every waiter; each re-checks its condition. */
  wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** How many are waiting. */
  get length(): number {
    return this.waiters.length;
  }
}
