'use strict';
/** Writes the tslab kernelspec into the project-local Jupyter data dir. */
const fs = require('fs');
const path = require('path');
const { root, jupyterData } = require('./paths');

/** The kernelspec: runs this project's tslab with this Node, whatever is on PATH. */
function kernelSpec() {
  const tslab = require.resolve('tslab/bin/tslab', { paths: [root] });
  return {
    argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (cachecraft)',
    language: 'typescript',
  };
}

/** Registers the kernel as `tslab` under .jupyter/kernels and returns the spec's path. */
function registerKernel() {
  const dir = path.join(jupyterData, 'kernels', 'tslab');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'kernel.json');
  fs.writeFileSync(file, JSON.stringify(kernelSpec(), null, 2) + '\n');
  return file;
}

/** Environment for any Jupyter process: finds our kernel first, keeps the user's others. */
function jupyterEnv(extra = {}) {
  const existing = process.env.JUPYTER_PATH;
  return {
    ...process.env,
    JUPYTER_PATH: existing ? `${jupyterData}${path.delimiter}${existing}` : jupyterData,
    ...extra,
  };
}

module.exports = { kernelSpec, registerKernel, jupyterEnv };
