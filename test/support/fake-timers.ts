import { Timers } from '../../lib/core/clock';

/** Timers that only fire when the test says so. */
export class FakeTimers implements Timers {
  private seq = 0;
  private readonly pending = new Map<number, { fn: () => void; ms: number }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { fn, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Delays of the timers armed and not yet fired. */
  armed(): number[] {
    return [...this.pending.values()].map((t) => t.ms);
  }

  /** Fires every armed timer. */
  fireAll(): void {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, timer] of due) timer.fn();
  }
}

/** Lets queued promise callbacks and background jobs run to completion (no timers involved). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
