import { assertNonNegativeInteger } from '../core/validate';

/** The error an injected database fault raises; `kind` says whether a read or a write failed. */
export class DatabaseFaultError extends Error {
  constructor(readonly kind: 'read' | 'write', readonly query: string) {
    super(`injected database ${kind} failure in ${query}`);
    this.name = 'DatabaseFaultError';
  }
}

/**
 * Makes the next N reads or writes fail, so the patterns' failure paths can be exercised on
 * demand. A fault fires before the statement runs: a failed write changes nothing.
 */
export class FaultInjector {
  private readsToFail = 0;
  private writesToFail = 0;

  /** The next `count` reads throw {@link DatabaseFaultError} (adds to any already scheduled). */
  failNextReads(count = 1): void {
    assertNonNegativeInteger('count', count);
    this.readsToFail += count;
  }

  /** The next `count` writes throw {@link DatabaseFaultError} (adds to any already scheduled). */
  failNextWrites(count = 1): void {
    assertNonNegativeInteger('count', count);
    this.writesToFail += count;
  }

  /** Cancels every scheduled fault. */
  reset(): void {
    this.readsToFail = 0;
    this.writesToFail = 0;
  }

  /** Faults still scheduled. */
  pending(): { reads: number; writes: number } {
    return { reads: this.readsToFail, writes: this.writesToFail };
  }

  /** Throws if a fault of this kind is due, consuming it. */
  check(kind: 'read' | 'write', query: string): void {
    if (kind === 'read' && this.readsToFail > 0) {
      this.readsToFail--;
      throw new DatabaseFaultError(kind, query);
    }
    if (kind === 'write' && this.writesToFail > 0) {
      this.writesToFail--;
      throw new DatabaseFaultError(kind, query);
    }
  }
}
