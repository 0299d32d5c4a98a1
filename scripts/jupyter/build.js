'use strict';
/** Compiles lib/ to lib/dist with the project's TypeScript (tsconfig.build.json). */
const { spawnSync } = require('child_process');
const path = require('path');
const { root } = require('./paths');

function buildLibrary() {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error('cachecraft: compiling lib/ failed (see the TypeScript errors above)');
  }
}

module.exports = { buildLibrary };
