#!/usr/bin/env node
/**
 * `npm start`: opens Jupyter on notebooks/ with the project's TypeScript kernel.
 *
 * Extra arguments go to Jupyter, e.g. `npm start -- --no-browser --port 8899`; a
 * `--notebook-dir=DIR` among them replaces notebooks/ (the live-UI test serves a scratch copy).
 * Uses JupyterLab when it is installed, classic Notebook otherwise (CACHECRAFT_UI=notebook|lab
 * chooses). Exits non-zero with install instructions when Jupyter is missing.
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { buildLibrary } = require('./jupyter/build');
const { findJupyter, hasSubcommand, installAdvice } = require('./jupyter/jupyter');
const { registerKernel, jupyterEnv } = require('./jupyter/kernel');
const { root, notebooks, libDist } = require('./jupyter/paths');

/** True when any lib/ source is newer than the compiled package (or it was never built). */
function libraryIsStale() {
  const built = path.join(libDist, 'index.js');
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  const newer = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name !== 'dist' && newer(full);
      return entry.name.endsWith('.ts') && fs.statSync(full).mtimeMs > builtAt;
    });
  return newer(path.join(root, 'lib'));
}

/** The `--notebook-dir` the caller passed (`=DIR` or `DIR` as the next argument), if any. */
function callerNotebookDir(args) {
  const index = args.findIndex((arg) => arg === '--notebook-dir' || arg.startsWith('--notebook-dir='));
  if (index < 0) return undefined;
  return args[index].includes('=') ? args[index].slice(args[index].indexOf('=') + 1) : args[index + 1];
}

function chooseUi(jupyter) {
  const wanted = process.env.CACHECRAFT_UI;
  if (wanted === 'notebook' || wanted === 'lab') return wanted;
  return hasSubcommand(jupyter, 'lab') ? 'lab' : 'notebook';
}

function main() {
  const jupyter = findJupyter();
  if (!jupyter || !(hasSubcommand(jupyter, 'notebook') || hasSubcommand(jupyter, 'lab'))) {
    console.error(`cachecraft: Jupyter Notebook is not installed. ${installAdvice()}`);
    process.exit(1);
  }
  if (libraryIsStale()) {
    console.log('cachecraft: compiling lib/ ...');
    buildLibrary();
  }
  registerKernel();
  const ui = chooseUi(jupyter);
  const extra = process.argv.slice(2);
  const notebookDir = callerNotebookDir(extra);
  // Jupyter rejects two --notebook-dir values, so the caller's replaces ours.
  const args = [ui, ...(notebookDir ? [] : [`--notebook-dir=${notebooks}`]), ...extra];
  // Jupyter refuses to run as root without this; containers and CI often are root.
  if (process.getuid && process.getuid() === 0 && !args.includes('--allow-root')) args.push('--allow-root');
  console.log(`cachecraft: starting jupyter ${ui} on ${notebookDir ?? notebooks} (kernel: TypeScript (cachecraft))`);
  const child = spawn(jupyter, args, { stdio: 'inherit', env: jupyterEnv() });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
