/**
 * A failure the grader reports as is, in its own words: a timeout, a crash or memory exhaustion
 * of learner code, or a file that does not load.
 */
export class SandboxFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxFailure';
  }
}
