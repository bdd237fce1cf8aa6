/**
 * Three groups of tests (`scripts/test.mjs` runs them; see the README):
 *  - unit: beside each module in lib/ (fast, no Python, no kernel);
 *  - integration: test/*.test.ts (the solutions notebooks through Jupyter, logs read by TensorBoard,
 *    scikit-learn and Keras fixtures);
 *  - full: test/full/ and test/browser/ (the student notebooks, handouts and PDF, JupyterLab and
 *    TensorBoard in a browser), run by `npm run test:full` (CI).
 * `npm test` runs unit and integration; `npm run test:unit` only the first.
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }];
// lib/ imports siblings as './x.js' (node16 module resolution); jest resolves them to the .ts sources.
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };

/** Only a guard against a hung test: trainings on a busy 2-core machine can take many seconds, and no test asserts speed. */
const testTimeout = 120_000;

/** What every group shares: jest looks only in lib/ and test/ (never in .venv or node_modules). */
const common = {
  rootDir: __dirname,
  roots: ['<rootDir>/lib', '<rootDir>/test'],
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper,
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout,
  testSequencer: '<rootDir>/test/global/sequencer.js',
  // The tests leave the user's handouts/ and logs/ as they found them (checked around the whole run).
  globalSetup: '<rootDir>/test/global/setup.js',
  globalTeardown: '<rootDir>/test/global/teardown.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/lib/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/*.test.ts'],
    },
    {
      ...common,
      displayName: 'full',
      testMatch: ['<rootDir>/test/full/**/*.test.ts', '<rootDir>/test/browser/**/*.test.ts'],
    },
  ],
};
