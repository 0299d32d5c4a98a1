import { BinaryHeap } from './binary-heap';

/**
 * Virtual time for simulations: callbacks scheduled at a time run in time order (ties in the
 * order they were scheduled), and "now" jumps from one event to the next. A simulated
 * second costs microseconds, and the same seed replays the same run.
 */
export class EventQueue {
  private readonly heap = new BinaryHeap<{ time: number; order: number; run: () => void }>(
    (a, b) => a.time - b.time || a.order - b.order,
  );
  private scheduled = 0;
  private current = 0;

  /** The virtual time of the event being run, in ms. */
  get now(): number {
    return this.current;
  }

  /** Runs `run` at virtual time `time` (never earlier than now). */
  at(time: number, run: () => void): void {
    if (typeof time !== 'number' || Number.isNaN(time)) throw new RangeError(`time must be a number, got ${String(time)}`);
    this.heap.push({ time: Math.max(time, this.current), order: this.scheduled++, run });
  }

  /** Runs events in time order until none are left or the next is later than `until`. */
  runUntil(until = Infinity): void {
    for (;;) {
      const next = this.heap.peek();
      if (next === undefined || next.time > until) return;
      this.heap.pop();
      this.current = next.time;
      next.run();
    }
  }
}
