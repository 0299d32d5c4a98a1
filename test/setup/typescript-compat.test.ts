import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { join } from 'path';
import { root } from '../support/notebooks';

function tscOutput(tscPackage: string, project: string): { status: number | null; output: string } {
  const tsc = require.resolve(`${tscPackage}/bin/tsc`, { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, project), '--noEmit'], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('TypeScript', function () {
  this.timeout(120_000);

  it('the whole project type-checks under strict settings', () => {
    const { status, output } = tscOutput('typescript', 'tsconfig.json');
    expect(output.trim(), 'tsc errors').to.equal('');
    expect(status).to.equal(0);
  });

  // tslab has compiled notebooks and their imports with TypeScript 5.0.x; the library must not
  // use anything newer, or a learner with that tslab gets syntax errors from `cachecraft`.
  it('lib/ compiles with TypeScript 5.0 (the oldest compiler tslab uses)', () => {
    const { status, output } = tscOutput('typescript-5.0', 'tsconfig.build.json');
    expect(output.trim(), 'tsc 5.0 errors').to.equal('');
    expect(status).to.equal(0);
  });
});
