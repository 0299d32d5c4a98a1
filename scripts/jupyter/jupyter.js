'use strict';
/** Finding Jupyter, and saying how to install it when it is missing. */
const { spawnSync } = require('child_process');

/** Returns the command that runs Jupyter (`jupyter`), or undefined when it is not installed. */
function findJupyter() {
  const command = process.env.JUPYTER || 'jupyter';
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? command : undefined;
}

/** True when `jupyter <subcommand>` exists (e.g. `notebook`, `lab`, `nbconvert`). */
function hasSubcommand(jupyter, subcommand) {
  const probe = spawnSync(jupyter, [subcommand, '--version'], { encoding: 'utf8' });
  return probe.status === 0;
}

function installAdvice() {
  return (
    'Install Jupyter, then run `npm start` again:\n' +
    '  Debian/Ubuntu:  sudo apt-get install jupyter-notebook python3-nbconvert\n' +
    '  any OS (pip):   python3 -m pip install notebook nbconvert   (or: pip install jupyterlab)'
  );
}

module.exports = { findJupyter, hasSubcommand, installAdvice };
