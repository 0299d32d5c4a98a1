/**
 * Model-based checking: random sequences of operations run against the learner's cache and a
 * tiny, obviously correct model; the first disagreement is shrunk by fast-check to a short
 * sequence and reported as a readable script.
 */
import fc from 'fast-check';
import { fail, show } from './say';

/** Runs `property` on `runs` generated cases with a fixed seed (so feedback is reproducible). */
export function expectModelAgreement<T>(arbitrary: fc.Arbitrary<T>, property: (value: T) => void, runs = 300): void {
  const details = fc.check(fc.property(arbitrary, property), { seed: 20260101, numRuns: runs });
  if (!details.failed) return;
  const error = details.errorInstance;
  if (!(error instanceof Error && error.name === 'AssertionError')) {
    // Learner code threw: rethrow as is (the grader reports where), naming the sequence that did it.
    const thrown = error instanceof Error ? error : new Error(String(error));
    thrown.message = `${thrown.message} (on the random input ${show(details.counterexample?.[0])})`;
    throw thrown;
  }
  fail(`${error.message}\n(found with random operations and shrunk to the shortest failing sequence)`);
}

/** Records steps as readable calls, so a disagreement can be reported as a script. */
export class Script {
  private readonly steps: string[] = [];

  constructor(first: string) {
    this.steps.push(first);
  }

  /** Adds a call, e.g. `get(1)`. */
  add(call: string): void {
    this.steps.push(call);
  }

  /** "after new LRUCache(2); set(1, 1); get(1)". */
  toString(): string {
    return `after ${this.steps.join('; ')}`;
  }
}
