import { expect } from 'chai';
import { realpathSync } from 'fs';
import { join } from 'path';
import { root } from '../support/notebooks';

// Notebooks import the library as the `cachecraft` package (tslab refuses `../lib` imports),
// so the package must resolve to this checkout's compiled lib/ and match its sources.
describe('the `cachecraft` package that notebooks import', () => {
  it('resolves to this project’s compiled lib/dist', () => {
    const resolved = realpathSync(require.resolve('cachecraft', { paths: [join(root, 'notebooks')] }));
    expect(resolved).to.equal(join(root, 'lib', 'dist', 'index.js'));
  });

  it('exports everything lib/index.ts exports (the build is current)', () => {
    const fromSource = Object.keys(require('../../lib') as object).sort();
    const fromPackage = Object.keys(require('cachecraft') as object).sort();
    expect(fromPackage).to.deep.equal(fromSource);
  });

  it('ships type declarations, so notebooks are type-checked against the real API', () => {
    const types = realpathSync(join(root, 'node_modules', 'cachecraft', 'dist', 'index.d.ts'));
    expect(types).to.equal(join(root, 'lib', 'dist', 'index.d.ts'));
  });
});
