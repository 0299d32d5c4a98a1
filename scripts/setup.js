#!/usr/bin/env node
/**
 * Runs after `npm install` / `npm ci`: compiles the library so notebooks can import it as
 * `cachecraft`, and registers the TypeScript (tslab) kernel in a project-local Jupyter data dir
 * (`.jupyter/`), so the learner's global Jupyter set-up is never touched.
 */
'use strict';
const { buildLibrary } = require('./jupyter/build');
const { registerKernel } = require('./jupyter/kernel');
const { findJupyter, installAdvice } = require('./jupyter/jupyter');

function main() {
  buildLibrary();
  const spec = registerKernel();
  console.log(`cachecraft: registered the TypeScript kernel at ${spec}`);
  if (!findJupyter()) {
    console.warn(`cachecraft: Jupyter was not found. ${installAdvice()}`);
  }
}

main();
