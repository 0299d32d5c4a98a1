/** The errors of the shop database, in one place. */
import { FaultKind } from '../core/fault-schedule';

/** The error an injected database fault raises; `kind` says whether a read or a write failed. */
export class DatabaseFaultError extends Error {
  constructor(readonly kind: FaultKind, readonly query: string) {
    super(`injected database ${kind} failure in ${query}`);
    this.name = 'DatabaseFaultError';
  }
}
