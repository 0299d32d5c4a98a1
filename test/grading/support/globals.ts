/**
 * Faking a global the learner's code reads (`Date.now`, `Math.random`) for one check. Learner
 * code runs in the sandbox, so patching the judge's own `Date.now` would not reach it: the fake
 * is installed there, as a callback into the suite.
 */
import { Sandbox } from '../../../scripts/grader/sandbox/client';
import { sandboxed } from './target';

/** The globals a check may fake. */
export type FakeableGlobal = 'Date.now' | 'Math.random';

/** Replaces `path` in the learner's world with `fake` until the returned function is called. */
export function fakeGlobal(path: FakeableGlobal, fake: () => number): () => void {
  if (sandboxed()) {
    const sandbox = Sandbox.get();
    sandbox.call({ op: 'setGlobal', path, fn: sandbox.encode(fake) }, `faking ${path}`);
    return () => {
      if (sandbox.isAlive) sandbox.call({ op: 'restoreGlobal', path }, `restoring ${path}`);
    };
  }
  const [owner, prop] = path === 'Date.now' ? [Date as unknown as Record<string, unknown>, 'now'] : [Math as unknown as Record<string, unknown>, 'random'];
  const real = owner[prop];
  owner[prop] = fake;
  return () => {
    owner[prop] = real;
  };
}
