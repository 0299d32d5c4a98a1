/**
 * The time seam: every source of time (`Clock`), every pause (`Sleep`) and every scheduled
 * callback (`Timers`) the library uses, with their real implementations, in one place, so
 * tests and notebooks inject fake ones instead of waiting.
 */
import { describe } from './validate';

/** A source of the current time in milliseconds; injected so that tests control time. */
export type Clock = () => number;

/** The real clock. */
export const systemClock: Clock = () => Date.now();

/**
 * A clock that only moves when told to: lets tests and notebooks show expiry instantly,
 * without sleeping.
 */
export class ManualClock {
  private current: number;

  /** @param start - the initial time in ms (default 0). */
  constructor(start = 0) {
    this.current = start;
  }

  /** The current time; pass `clock.now` wherever a {@link Clock} is expected. */
  readonly now: Clock = () => this.current;

  /** Moves time forward by `ms` (must be ≥ 0: time never runs backwards). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ms must be a non-negative finite number, got ${ms}`);
    this.current += ms;
    return this.current;
  }

  /** Sets the time to `ms` (must not be earlier than now). */
  set(ms: number): void {
    if (!Number.isFinite(ms) || ms < this.current) throw new RangeError(`ms must be ≥ the current time ${this.current}, got ${ms}`);
    this.current = ms;
  }
}

/**
 * Wraps an injected clock so that a broken one fails loudly: a `now()` that returns `NaN` or a
 * non-number would make every expiry comparison false and silently empty a cache. Calls the
 * clock once to fail at construction rather than on first use.
 * @throws TypeError (naming `name`) if the clock returns anything but a number that is not `NaN`.
 */
export function checkedClock(name: string, clock: Clock): Clock {
  const read = (): number => {
    const time = clock();
    if (typeof time !== 'number' || Number.isNaN(time)) {
      throw new TypeError(`${name}() must return a time in milliseconds, got ${describe(time)}`);
    }
    return time;
  };
  read();
  return read;
}

/**
 * Milliseconds since the epoch with sub-millisecond resolution, comparable between processes
 * of one machine (`performance.timeOrigin + performance.now()`): for measuring how long a
 * message takes from one process to another.
 */
export const wallClock: Clock = () => performance.timeOrigin + performance.now();

/**
 * Waits `ms` milliseconds. Injected wherever code pauses (retry back-off, a lock's retry loop,
 * simulated database latency) so tests can replace real waiting.
 */
export type Sleep = (ms: number) => Promise<void>;

/** Real waiting with `setTimeout`; 0 ms (or less) resolves without touching the timer queue. */
export const realSleep: Sleep = (ms) => (ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms)));

/** The timer functions code schedules callbacks with; injected so tests fire them by hand. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real timers, `unref`'d so a pending timer (a flush, a soft timeout) never keeps a process alive. */
export const realTimers: Timers = {
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
