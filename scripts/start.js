#!/usr/bin/env node
/**
 * `npm start`: opens Jupyter on notebooks/ with the project's TypeScript kernel.
 *
 * Extra arguments go to Jupyter, e.g. `npm start -- --no-browser --port 8899`.
 * Uses JupyterLab when it is installed, classic Notebook otherwise (CACHECRAFT_UI=notebook|lab
 * chooses). Exits non-zero with install instructions when Jupyter is missing.
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { buildLibrary } = require('./lib/build');
const { findJupyter, hasSubcommand, installAdvice } = require('./lib/jupyter');
const { registerKernel, jupyterEnv } = require('./lib/kernel');
const { root, notebooks, libDist } = require('./lib/paths');

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
  const args = [ui, `--notebook-dir=${notebooks}`, ...process.argv.slice(2)];
  // Jupyter refuses to run as root without this; containers and CI often are root.
  if (process.getuid && process.getuid() === 0 && !args.includes('--allow-root')) args.push('--allow-root');
  console.log(`cachecraft: starting jupyter ${ui} on ${notebooks} (kernel: TypeScript (cachecraft))`);
  const child = spawn(jupyter, args, { stdio: 'inherit', env: jupyterEnv() });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
