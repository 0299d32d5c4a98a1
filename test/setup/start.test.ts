import { expect } from 'chai';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { freePort } from '../../lib/redis/private-redis';
import { startCourseServer } from '../support/course-server';
import { root } from '../support/notebooks';
import { writeProbeNotebook } from '../support/probe-notebook';
import { commandWorks, requireProgram } from '../support/services';
import { waitForJson } from '../support/wait-for-json';

const startScript = join(root, 'scripts', 'start.js');

describe('npm start', function () {
  this.timeout(90_000);

  it('without Jupyter, says how to install it and exits non-zero', () => {
    const result = spawnSync(process.execPath, [startScript], {
      encoding: 'utf8',
      env: { ...process.env, PATH: dirname(process.execPath), JUPYTER: 'jupyter-that-does-not-exist' },
    });
    expect(result.status).to.not.equal(0);
    expect(result.stderr).to.match(/Jupyter Notebook is not installed/);
    expect(result.stderr).to.include('apt-get install jupyter-notebook');
    expect(result.stderr).to.include('pip install');
  });

  describe('with Jupyter installed', () => {
    let server: ChildProcess | undefined;
    after(() => {
      try {
        if (server?.pid) process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    });

    it('opens Jupyter on notebooks/ with the TypeScript kernel, which starts', async function () {
      requireProgram(this, 'Jupyter Notebook', commandWorks('jupyter', ['notebook', '--version']), 'install it with `sudo apt-get install jupyter-notebook`.');
      const port = await freePort();
      const token = 'cachecraft-test-token';
      server = spawn(process.execPath, [startScript, '--no-browser', `--port=${port}`, '--ip=127.0.0.1'], {
        env: { ...process.env, JUPYTER_TOKEN: token, CACHECRAFT_UI: 'notebook' },
        stdio: 'ignore',
        detached: true,
      });
      const base = `http://127.0.0.1:${port}/api`;
      const specs = (await waitForJson(`${base}/kernelspecs?token=${token}`, 60_000)) as {
        kernelspecs: Record<string, { spec: { display_name: string; language: string } }>;
      };
      expect(specs.kernelspecs.tslab?.spec).to.include({ display_name: 'TypeScript (cachecraft)', language: 'typescript' });

      const contents = (await waitForJson(`${base}/contents?token=${token}`, 5_000)) as { content: Array<{ name: string }> };
      expect(contents.content.map((entry) => entry.name)).to.include('00-start-here.ipynb');

      const started = await fetch(`${base}/kernels?token=${token}`, { method: 'POST', body: JSON.stringify({ name: 'tslab' }) });
      expect(started.status).to.equal(201);
      const kernel = (await started.json()) as { id: string; name: string };
      expect(kernel.name).to.equal('tslab');
      // The kernel answering code is proven by the notebook execution tests; here it must stay up.
      const restarted = await fetch(`${base}/kernels/${kernel.id}/restart?token=${token}`, { method: 'POST' });
      expect(restarted.status, 'restarting the kernel').to.equal(200);
      const running = (await waitForJson(`${base}/kernels?token=${token}`, 5_000)) as Array<{ id: string }>;
      expect(running.map((entry) => entry.id)).to.include(kernel.id);
      await fetch(`${base}/kernels/${kernel.id}?token=${token}`, { method: 'DELETE' });
    });

    it('serves the folder a caller passes with --notebook-dir instead of notebooks/ (Jupyter takes only one)', async function () {
      requireProgram(this, 'Jupyter Notebook', commandWorks('jupyter', ['notebook', '--version']), 'install it with `sudo apt-get install jupyter-notebook`.');
      const folder = mkdtempSync(join(tmpdir(), 'cachecraft-notebook-dir-'));
      writeProbeNotebook(join(folder, 'only-here.ipynb'), ["console.log('hello');"]);
      const other = await startCourseServer({ notebookDir: folder, logFile: join(folder, 'server.log') });
      try {
        const contents = (await waitForJson(`${other.baseUrl}/api/contents?token=${other.token}`, 5_000)) as { content: Array<{ name: string }> };
        expect(contents.content.map((entry) => entry.name)).to.include('only-here.ipynb').and.not.include('00-start-here.ipynb');
      } finally {
        await other.stop();
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
});
