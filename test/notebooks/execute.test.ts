import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import { pathToFileURL } from 'url';
import type { Browser } from 'playwright-core';
import { chromiumPath, inspectCharts, launchChromium } from '../support/chromium';
import { expectedChartCalls, listNotebooks, readNotebook, root } from '../support/notebooks';
import { requireProgram } from '../support/services';
import { COMPUTED_CLAIMS, printedText, strayErrors } from './computed-claims';

// The runner is plain JS shared with `scripts/execute-notebook.js`.
const runner = require('../../scripts/jupyter/notebook-runner') as {
  executeNotebook(path: string, options?: { quick?: boolean; html?: boolean; timeoutSeconds?: number }): Promise<RunSummary>;
  describeFailure(summary: RunSummary): string;
  findNotebookPython(): string | undefined;
};

interface RunSummary {
  notebook: string;
  ok: boolean;
  seconds: number;
  failedCell?: number;
  reason?: string;
  source?: string;
  stderr?: string;
  executed: string;
  html?: string;
}

const screenshots = join(root, 'build', 'screenshots');
const probes = join(root, 'build', 'probe-notebooks');

function writeProbe(name: string, ...sources: string[]): string {
  mkdirSync(probes, { recursive: true });
  const path = join(probes, `${name}.ipynb`);
  const notebook = {
    cells: sources.map((source, index) => ({ cell_type: 'code', id: `c${index}`, metadata: {}, source, outputs: [], execution_count: null })),
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(path, JSON.stringify(notebook));
  return path;
}

function requireJupyter(ctx: Mocha.Context): void {
  requireProgram(
    ctx,
    'Jupyter with nbclient/nbconvert',
    runner.findNotebookPython() !== undefined,
    'install it with `sudo apt-get install jupyter-notebook python3-nbconvert jupyter-nbconvert` (or pip install notebook nbconvert).',
  );
}

describe('notebooks: the runner itself', function () {
  this.timeout(120_000);
  before(function () {
    requireJupyter(this);
  });

  it('reports the failing cell and its stderr (tslab prints errors only there)', async () => {
    const summary = await runner.executeNotebook(writeProbe('failing', 'const ok: number = 1;', "const bad: number = 'text';"));
    expect(summary.ok).to.equal(false);
    expect(summary.failedCell).to.equal(1);
    expect(summary.stderr).to.match(/Type 'string' is not assignable to type 'number'/);
    expect(runner.describeFailure(summary)).to.include("const bad: number = 'text';");
  });

  it('stops a hanging cell with a clear timeout', async () => {
    const summary = await runner.executeNotebook(writeProbe('hanging', 'await new Promise<void>(() => {});'), { timeoutSeconds: 4 });
    expect(summary.ok).to.equal(false);
    expect(summary.reason).to.match(/timed out after 4 s/);
  });

  it('tslab rejects `../lib` imports (tslab issue 63) but resolves the `cachecraft` package', async () => {
    const relative = await runner.executeNotebook(writeProbe('relative-import', "import { ManualClock } from '../../lib/core/clock';"));
    expect(relative.ok).to.equal(false);
    expect(relative.stderr).to.match(/is not under 'rootDir'/);
    const packaged = await runner.executeNotebook(
      writeProbe('package-import', "import { ManualClock } from 'cachecraft';\nconst clock = new ManualClock(41);\nclock.advance(1);\nconsole.log(`now=${clock.now()}`);"),
    );
    expect(packaged.ok, packaged.stderr).to.equal(true);
    const executed = readNotebook(packaged.executed);
    expect(JSON.stringify(executed.cells[0]?.outputs)).to.include('now=42');
  });
});

describe('notebooks: every notebook executes top to bottom and its charts render', function () {
  this.timeout(300_000);
  let browser: Browser | undefined;
  const summaries = new Map<string, RunSummary>();

  before(function () {
    requireJupyter(this);
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  for (const path of listNotebooks()) {
    const name = basename(path, '.ipynb');
    it(`${name} executes without errors`, async () => {
      const summary = await runner.executeNotebook(path, { html: true });
      summaries.set(name, summary);
      console.log(`      ${name}: ${summary.seconds} s`);
      expect(summary.ok, summary.ok ? '' : runner.describeFailure(summary)).to.equal(true);
    });

    it(`${name} shows the learner no stderr and no error`, () => {
      const summary = summaries.get(name);
      if (!summary?.ok) throw new Error(`${name} did not execute, so there is nothing to inspect`);
      expect(strayErrors(readNotebook(summary.executed).cells)).to.deep.equal([]);
    });

    for (const { claim, output } of COMPUTED_CLAIMS[name] ?? []) {
      it(`${name} computes what its prose claims: ${claim}`, () => {
        const summary = summaries.get(name);
        if (!summary?.ok) throw new Error(`${name} did not execute, so there is nothing to inspect`);
        expect(printedText(readNotebook(summary.executed).cells)).to.match(output);
      });
    }

    const charts = expectedChartCalls(path);
    if (charts > 0) {
      it(`${name} renders its ${charts} chart(s) in headless Chromium`, async function () {
        const executable = chromiumPath();
        requireProgram(this, 'Chromium', executable !== undefined, 'install it with `sudo apt-get install chromium`.');
        const summary = summaries.get(name);
        if (!summary?.ok || !summary.html) throw new Error(`${name} did not execute, so there is nothing to render`);
        browser ??= await launchChromium(executable as string);
        const { charts: rendered, amdLoaded } = await inspectCharts(browser, pathToFileURL(summary.html).href, join(screenshots, name));
        // Classic Notebook loads require.js (a UMD bundle may then register as an AMD module
        // instead of window.Plotly); the exported page loads it too, so charts are checked there.
        expect(amdLoaded, 'require.js (AMD) present on the page, as in classic Jupyter Notebook').to.equal(true);
        expect(rendered.length, 'charts on the page').to.be.at.least(charts);
        for (const chart of rendered) {
          expect(chart.hasPlotlyRoot, `chart ${chart.index + 1} was not drawn by Plotly`).to.equal(true);
          expect(chart.renderedTraces, `chart ${chart.index + 1} traces`).to.equal(chart.expectedTraces).and.be.greaterThan(0);
        }
      });
    }
  }
});
