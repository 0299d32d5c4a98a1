import { assertNonNegativeInteger } from './validate';

/** Which side of a store an injected fault hits. */
export type FaultKind = 'read' | 'write';

/**
 * Counts down injected failures: "make the next N reads (or writes) fail". Shared by the
 * database's and the cache's fault injection, so failure paths can be exercised on demand.
 */
export class FaultSchedule {
  private readsToFail = 0;
  private writesToFail = 0;

  /** The next `count` reads fail (adds to any already scheduled). */
  failNextReads(count = 1): void {
    assertNonNegativeInteger('count', count);
    this.readsToFail += count;
  }

  /** The next `count` writes fail (adds to any already scheduled). */
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

  /** True when a fault of this kind is due; consumes it. */
  take(kind: FaultKind): boolean {
    if (kind === 'read' && this.readsToFail > 0) {
      this.readsToFail--;
      return true;
    }
    if (kind === 'write' && this.writesToFail > 0) {
      this.writesToFail--;
      return true;
    }
    return false;
  }
}
