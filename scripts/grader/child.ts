/**
 * Entry point of the grader's child process: runs the graded suites with mocha and reports
 * every event to the parent (see reporter.ts). It is a separate process so that the parent can
 * kill it when learner code loops forever, which no timeout inside the same thread can stop.
 */
import Mocha from 'mocha';
import { CHILD_CONFIG_ENV, ChildConfig, ChildEvent } from './protocol';
import { GraderReporter } from './reporter';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function main(): void {
  const config = JSON.parse(process.env[CHILD_CONFIG_ENV] ?? '{}') as ChildConfig;
  // fullTrace keeps absolute paths in stacks, which the reporter uses to point into learner files.
  const mocha = new Mocha({ timeout: config.timeoutMs, fullTrace: true, reporter: GraderReporter as unknown as Mocha.ReporterConstructor });
  if (config.skip.length > 0) {
    mocha.grep(new RegExp(`^(?:${config.skip.map(escapeRegExp).join('|')})$`)).invert();
  }
  for (const suite of config.suites) mocha.addFile(suite);
  mocha.run(() => {
    const done: ChildEvent = { type: 'done' };
    // Exit explicitly: learner code may leave timers or sockets that would keep us alive.
    if (process.send) process.send(done, () => process.exit(0));
    else process.exit(0);
  });
}

main();
