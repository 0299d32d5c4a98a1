import { FaultKind, FaultSchedule } from '../core/fault-schedule';
import { DatabaseFaultError } from './errors';

/**
 * Makes the next N reads or writes fail, so the patterns' failure paths can be exercised on
 * demand. A fault fires before the statement runs: a failed write changes nothing.
 */
export class FaultInjector extends FaultSchedule {
  /** Throws {@link DatabaseFaultError} if a fault of this kind is due, consuming it. */
  check(kind: FaultKind, query: string): void {
    if (this.take(kind)) throw new DatabaseFaultError(kind, query);
  }
}
