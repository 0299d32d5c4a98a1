'use strict';
/**
 * Runs notebooks through the real Jupyter machinery (nbclient + the project's tslab kernel)
 * and reports, for a failing cell, its source and what it wrote to stderr.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { executed, jupyterData } = require('./paths');
const { jupyterEnv, registerKernel } = require('./kernel');

/**
 * Finds a Python that has nbclient and nbformat: the one behind `jupyter` first, since
 * `python3` on PATH is often a different interpreter (pyenv, venv) without Jupyter.
 */
function findNotebookPython() {
  const candidates = [];
  if (process.env.JUPYTER_PYTHON) candidates.push(process.env.JUPYTER_PYTHON);
  const which = spawnSync('sh', ['-c', 'command -v jupyter'], { encoding: 'utf8' });
  const jupyterPath = which.stdout.trim();
  if (jupyterPath) {
    const firstLine = fs.readFileSync(jupyterPath, 'utf8').split('\n', 1)[0];
    if (firstLine.startsWith('#!')) candidates.push(firstLine.slice(2).trim().split(/\s+/)[0]);
  }
  candidates.push('python3', '/usr/bin/python3');
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import nbclient, nbformat, nbconvert'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return undefined;
}

/**
 * Executes one notebook; resolves to the runner's JSON summary
 * (`{ ok, seconds, failedCell?, reason?, source?, stderr? }`).
 * @param {string} notebook path to the .ipynb
 * @param {{ quick?: boolean, html?: boolean | string, htmlTemplate?: string, requireJsUrl?: string, timeoutSeconds?: number, python?: string }} [options]
 *   `html`: true writes build/executed/<name>.html; a string is the HTML file to write.
 */
function executeNotebook(notebook, options = {}) {
  const python = options.python || findNotebookPython();
  if (!python) {
    return Promise.reject(new Error('no Python with nbclient/nbconvert found: install jupyter-notebook and python3-nbconvert'));
  }
  if (!fs.existsSync(path.join(jupyterData, 'kernels', 'tslab', 'kernel.json'))) registerKernel();
  fs.mkdirSync(executed, { recursive: true });
  const base = path.basename(notebook, '.ipynb');
  const out = path.join(executed, `${base}.ipynb`);
  const args = [path.join(__dirname, 'execute_notebook.py'), notebook, out, '--timeout', String(options.timeoutSeconds || 180)];
  const htmlPath = typeof options.html === 'string' ? options.html : path.join(executed, `${base}.html`);
  if (options.html) args.push('--html', htmlPath);
  if (options.htmlTemplate) args.push('--html-template', options.htmlTemplate);
  if (options.requireJsUrl) args.push('--require-js-url', options.requireJsUrl);
  const env = jupyterEnv(options.quick === false ? {} : { CACHECRAFT_QUICK: '1' });
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', () => {
      const last = stdout.trim().split('\n').pop() || '';
      try {
        resolve({ ...JSON.parse(last), executed: out, html: options.html ? htmlPath : undefined });
      } catch {
        reject(new Error(`notebook runner failed for ${notebook}:\n${stderr || stdout}`));
      }
    });
  });
}

/** A learner-readable account of a failed run. */
function describeFailure(summary) {
  return [
    `${summary.notebook}: cell ${summary.failedCell} ${summary.reason}.`,
    '--- cell source ---',
    summary.source,
    '--- what the cell wrote to stderr ---',
    summary.stderr || '(nothing)',
  ].join('\n');
}

module.exports = { executeNotebook, describeFailure, findNotebookPython };
