import { Timers } from '../core/clock';

/** At most one pending timer: arming it again while armed does nothing. */
export class OneShotTimer {
  private handle: unknown;

  constructor(private readonly timers: Timers) {}

  /** Calls `fn` after `ms`, unless already armed. */
  arm(fn: () => void, ms: number): void {
    if (this.handle !== undefined) return;
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      fn();
    }, ms);
  }

  /** Cancels the pending timer, if any. */
  clear(): void {
    if (this.handle === undefined) return;
    this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
