/**
 * Lets promise chains run to quiescence on both sides of the sandbox.
 *
 * A graded suite that drives learner code on a fake clock must let the learner's `await`s and its
 * own callbacks' promises settle before it looks at the result. In process, a few `setImmediate`
 * rounds do it. Across the sandbox, settlements travel as messages: each round also makes one
 * round trip to the sandbox, which lets its event loop turn and delivers what it sent meanwhile.
 */
import { Sandbox } from '../../../scripts/grader/sandbox/client';
import { sandboxed } from './target';

/** Runs `rounds` turns of both event loops (default 10). */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (sandboxed()) Sandbox.get().call({ op: 'ping' }, 'letting your code run');
  }
}
