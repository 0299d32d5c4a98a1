/** Runs async jobs one at a time, in the order they were added; a failed job does not stop the next. */
export class SerialJobs {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `job` after every job added before it; resolves or rejects with it. */
  run(job: () => Promise<void>): Promise<void> {
    const run = this.tail.then(job);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
