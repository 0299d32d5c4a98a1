#!/usr/bin/env node
/**
 * Executes notebooks top to bottom through Jupyter with the TypeScript kernel.
 *
 *   node scripts/execute-notebook.js [--full] [--html] notebooks/04-ttl.ipynb [...]
 *
 * Quick mode (small parameters, CACHECRAFT_QUICK=1) is the default; --full runs learner sizes.
 * Executed copies go to build/executed/. Exit code 1 if any notebook fails.
 */
'use strict';
const { executeNotebook, describeFailure } = require('./jupyter/notebook-runner');

async function main(argv) {
  const files = argv.filter((arg) => !arg.startsWith('--'));
  if (files.length === 0 || argv.includes('--help')) {
    console.log('usage: node scripts/execute-notebook.js [--full] [--html] NOTEBOOK.ipynb [...]');
    return files.length === 0 && !argv.includes('--help') ? 2 : 0;
  }
  let failures = 0;
  for (const file of files) {
    const summary = await executeNotebook(file, { quick: !argv.includes('--full'), html: argv.includes('--html') });
    if (summary.ok) {
      console.log(`ok   ${file} (${summary.seconds} s) -> ${summary.executed}`);
    } else {
      failures += 1;
      console.error(`FAIL ${describeFailure(summary)}`);
    }
  }
  return failures > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error.message);
    process.exit(1);
  },
);
