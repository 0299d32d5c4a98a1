#!/usr/bin/env node
/**
 * Runs after `npm install` / `npm ci`: compiles the library so notebooks can import it as
 * `cachecraft`, and registers the TypeScript (tslab) kernel in a project-local Jupyter data dir
 * (`.jupyter/`), so the learner's global Jupyter set-up is never touched.
 */
'use strict';
const { buildLibrary } = require('./lib/build');
const { registerKernel } = require('./lib/kernel');
const { findJupyter, installAdvice } = require('./lib/jupyter');

function main() {
  buildLibrary();
  const spec = registerKernel();
  console.log(`cachecraft: registered the TypeScript kernel at ${spec}`);
  if (!findJupyter()) {
    console.warn(`cachecraft: Jupyter was not found. ${installAdvice()}`);
  }
}

main();
