/**
 * Entry point of the grader's child process, the judge: runs the graded suites with mocha and
 * reports every event to the parent (see reporter.ts). Learner code never runs here: the suites
 * reach it in the sandbox (scripts/grader/sandbox/). The parent still watches this process and
 * kills it if it stalls, as a last resort.
 */
import Mocha from 'mocha';
import { CHILD_CONFIG_ENV, ChildConfig, ChildEvent } from './protocol';
import { GraderReporter } from './reporter';
import { Sandbox } from './sandbox/client';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function main(): void {
  const config = JSON.parse(process.env[CHILD_CONFIG_ENV] ?? '{}') as ChildConfig;
  // fullTrace keeps absolute paths in stacks, which the reporter uses to point into learner files.
  const mocha = new Mocha({ timeout: config.timeoutMs, fullTrace: true, reporter: GraderReporter as unknown as Mocha.ReporterConstructor });
  const skipped = [...config.skip.map((id) => `${escapeRegExp(id)}$`), ...(config.skipExercises ?? []).map((name) => `${escapeRegExp(name)} `)];
  if (skipped.length > 0) mocha.grep(new RegExp(`^(?:${skipped.join('|')})`)).invert();
  for (const suite of config.suites) mocha.addFile(suite);
  mocha.run(() => {
    Sandbox.shutdown();
    const done: ChildEvent = { type: 'done' };
    // Exit explicitly: learner code may leave timers or sockets that would keep us alive.
    if (process.send) process.send(done, () => process.exit(0));
    else process.exit(0);
  });
}

main();
