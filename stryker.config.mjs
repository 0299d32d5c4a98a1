// Mutation testing of the reference solutions against the graded suites: every mutant that
// survives is a wrong solution the grader would let pass. `npm run mutation`.
//
// The graded suites load the implementation from GRADE_TARGET; Stryker's workers inherit this
// process's environment and run inside the sandbox copy, so a relative `solutions` resolves to
// the mutated files.
process.env.GRADE_TARGET = 'solutions';
// Load the solutions while mocha loads the suites, so module-level code counts as static (see
// preload() in test/grading/support/target.ts).
process.env.GRADE_PRELOAD = 'eager';
// Stryker instruments the solutions in-process to see which check covers which mutant, so the
// suites load them in-process too (the grader's command line always uses the sandbox).
process.env.GRADE_SANDBOX = 'off';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  mutate: ['solutions/**/*.ts'],
  mochaOptions: {
    spec: ['test/grading/*.grade.ts'],
    require: ['ts-node/register/transpile-only'],
  },
  coverageAnalysis: 'perTest',
  // The machine is shared: keep mutation testing to two workers at most.
  concurrency: 2,
  timeoutMS: 5000,
  ignorePatterns: ['notebooks', '.jupyter', 'bench', 'reports', 'lib/dist', 'test/fixtures', 'exercises', '*.ipynb'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: 90 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
