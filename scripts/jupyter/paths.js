'use strict';
/** Well-known paths of the project, resolved from this file so any cwd works. */
const path = require('path');

const root = path.resolve(__dirname, '..', '..');

module.exports = {
  root,
  /** Project-local Jupyter data dir: holds kernels/tslab/kernel.json. */
  jupyterData: path.join(root, '.jupyter'),
  notebooks: path.join(root, 'notebooks'),
  libDist: path.join(root, 'lib', 'dist'),
  executed: path.join(root, 'build', 'executed'),
};
