import { expect } from 'chai';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import type { Browser } from 'playwright-core';
import { chromiumPath, launchChromium } from '../support/chromium';
import { CourseServer, startCourseServer } from '../support/course-server';
import { LiveRun, OpenNotebook, openNotebookInLiveUi, runAllInLiveUi } from '../support/live-notebook-run';
import { abortedCells, describeLiveRunProblems, firstFailingCell } from '../support/live-run-problems';
import { listNotebooks, notebooksDir, root } from '../support/notebooks';
import { writeProbeNotebook } from '../support/probe-notebook';
import { copyNotebooksToScratch, scratchNotebooksDir, scratchRoot } from '../support/scratch-notebooks';
import { commandWorks, requireProgram } from '../support/services';

/**
 * Every notebook, opened in the live classic Notebook UI that `npm start` serves and run with
 * Cell → Run All in headless Chromium, as a reviewer or learner does. The nbclient tests
 * (execute.test.ts) run the same kernel headlessly; this one adds what only the browser shows:
 * the front end's own message handling, Plotly drawing into the live page, console errors.
 */

const screenshots = join(root, 'build', 'screenshots', 'live');
/** Every run's cells with their full outputs, for reading a failure beyond the report's excerpt. */
const runRecords = join(scratchRoot, 'runs');
/** Generous: a quick-mode chapter takes seconds to tens of seconds on a loaded 2-core machine. */
const perNotebookTimeoutMs = 180_000;

/** The committed notebooks' bytes and modification times, to prove the run wrote none of them. */
function snapshotNotebooks(): Map<string, string> {
  const snapshot = new Map<string, string>();
  for (const name of readdirSync(notebooksDir)) {
    const path = join(notebooksDir, name);
    const stat = statSync(path);
    snapshot.set(name, stat.isFile() ? `${stat.mtimeMs} ${readFileSync(path, 'utf8')}` : 'dir');
  }
  return snapshot;
}

/**
 * A notebook with everything the check must catch, in the order a learner would meet it: a clean
 * cell, a cell writing to stderr and to the browser console, a failing cell (tslab prints the
 * compile error on stderr), and a cell the kernel then aborts.
 */
const probe = 'probes/live-ui-probe.ipynb';
const probeCells = [
  "console.log('a clean cell');",
  [
    "import * as tslab from 'tslab';",
    'tslab.display.html(\'<script>console.error("probe: a console error")</script>\');',
    "console.error('probe: a stray stderr line');",
  ].join('\n'),
  "const probeBad: number = 'text';",
  "console.log('after the failure');",
];

/** A notebook whose last cell writes to stderr after its reply, when nbclient has stopped listening. */
const lateProbe = 'probes/late-output-probe.ipynb';
const lateProbeCells = ["console.log('a clean cell');", "setTimeout(() => console.error('probe: late stderr'), 500);\nconsole.log('scheduled');"];

/** A notebook whose kernel dies in the middle: the check must say so at once, not time out. */
const deadProbe = 'probes/dying-kernel-probe.ipynb';
const deadProbeCells = ["console.log('a clean cell');", 'process.exit(3);', "console.log('never runs');"];

describe('notebooks: every notebook runs clean in the live Notebook UI (Cell → Run All in Chromium)', function () {
  this.timeout(perNotebookTimeoutMs + 120_000);
  let server: CourseServer | undefined;
  let browser: Browser | undefined;
  let committedBefore: Map<string, string> | undefined;
  const timings: string[] = [];

  before(async function () {
    this.timeout(120_000);
    requireProgram(this, 'Jupyter Notebook', commandWorks('jupyter', ['notebook', '--version']), 'install it with `sudo apt-get install jupyter-notebook`.');
    const executable = chromiumPath();
    requireProgram(this, 'Chromium', executable !== undefined, 'install it with `sudo apt-get install chromium`.');
    mkdirSync(screenshots, { recursive: true });
    mkdirSync(runRecords, { recursive: true });
    committedBefore = snapshotNotebooks();
    // The server autosaves open notebooks every 2 minutes: it gets a scratch copy, never notebooks/.
    const notebookDir = copyNotebooksToScratch();
    writeProbeNotebook(join(notebookDir, probe), probeCells);
    writeProbeNotebook(join(notebookDir, lateProbe), lateProbeCells);
    writeProbeNotebook(join(notebookDir, deadProbe), deadProbeCells);
    server = await startCourseServer({
      notebookDir,
      env: { CACHECRAFT_QUICK: '1' },
      logFile: join(scratchRoot, 'server.log'),
    });
    browser = await launchChromium(executable as string);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(scratchNotebooksDir, { recursive: true, force: true });
    if (timings.length > 0) console.log(`      live UI run times: ${timings.join(', ')}`);
  });

  // Opening a notebook starts its kernel, which takes seconds (tslab loads the TypeScript
  // compiler): the next notebook opens while this one runs, so cells still run one notebook
  // at a time but the wall time does not pay every kernel start in series.
  const notebooks = listNotebooks().map((path) => basename(path));
  const opening = new Map<string, Promise<OpenNotebook>>();
  function open(notebook: string | undefined): Promise<OpenNotebook> | undefined {
    if (!notebook || !server || !browser) return undefined;
    if (!opening.has(notebook)) {
      const promise = openNotebookInLiveUi(browser, server, notebook);
      promise.catch(() => undefined); // reported by the notebook's own test
      opening.set(notebook, promise);
    }
    return opening.get(notebook);
  }

  for (const [position, notebook] of notebooks.entries()) {
    const name = basename(notebook, '.ipynb');
    it(`${name}: every cell runs, no error or stderr output, every chart drawn, no console error`, async () => {
      if (!server || !browser) throw new Error('the Notebook server or the browser did not start');
      const ready = open(notebook) as Promise<OpenNotebook>;
      open(notebooks[position + 1]);
      const run: LiveRun = await runAllInLiveUi(await ready, {
        timeoutMs: perNotebookTimeoutMs,
        screenshotPath: join(screenshots, `${name}.png`),
      });
      const record = join(runRecords, `${name}.json`);
      writeFileSync(record, JSON.stringify(run, null, 1));
      timings.push(`${name} ${run.seconds.toFixed(1)} s`);
      console.log(`      ${name}: ${run.seconds.toFixed(1)} s from Run All to idle`);
      const problems = describeLiveRunProblems(run);
      if (problems !== '') expect.fail(`${name} in the live Notebook UI (full outputs: ${record}; server log: ${server.logFile}):\n${problems}`);
      expect(run.cells.length, 'code cells seen in the page').to.be.greaterThan(0);
    });
  }

  it('the check itself reports a stray stderr line, a console error and a failing cell, first failing cell first', async () => {
    const ready = open(probe) as Promise<OpenNotebook>;
    open(lateProbe);
    const run = await runAllInLiveUi(await ready, { timeoutMs: 60_000 });
    const report = describeLiveRunProblems(run);
    expect(run.finished, report).to.equal(true);
    expect(firstFailingCell(run)?.cell.index, report).to.equal(1);
    expect(report).to.match(/first failing cell: 1 /);
    expect(report).to.include('stderr: probe: a stray stderr line');
    expect(report).to.include("console.error('probe: a stray stderr line');");
    expect(report).to.match(/cell 2: the kernel reported an error.*Type 'string' is not assignable to type 'number'/s);
    expect(report).to.include('browser console error: probe: a console error');
    expect(abortedCells(run), report).to.deep.equal([3]);
  });

  it('the check itself reports stderr that arrives after the last cell finished', async () => {
    const ready = open(lateProbe) as Promise<OpenNotebook>;
    open(deadProbe);
    const run = await runAllInLiveUi(await ready, { timeoutMs: 60_000 });
    const report = describeLiveRunProblems(run);
    expect(report).to.match(/first failing cell: 1 .*\n\s*stderr: probe: late stderr/);
  });

  it('the check itself reports a kernel that dies, without waiting for the timeout', async () => {
    const run = await runAllInLiveUi(await (open(deadProbe) as Promise<OpenNotebook>), { timeoutMs: 60_000 });
    const report = describeLiveRunProblems(run);
    expect(report).to.match(/the kernel died or restarted while running/);
    expect(run.kernelTrouble, report).to.not.be.empty;
  });

  it('leaves the committed notebooks untouched (the server ran a scratch copy; nothing saved)', () => {
    if (!committedBefore) throw new Error('the notebooks were not snapshotted');
    const after = snapshotNotebooks();
    const names = new Set([...committedBefore.keys(), ...after.keys()]);
    const changed = [...names].filter((name) => committedBefore?.get(name) !== after.get(name));
    expect(changed, 'files in notebooks/ created, deleted or rewritten during the run').to.deep.equal([]);
  });
});
