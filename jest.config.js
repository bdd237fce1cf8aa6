/**
 * Two groups of tests:
 *  - unit: beside each module in lib/ (fast, no Python, no kernel);
 *  - integration: test/ (notebooks through Jupyter, logs read by TensorBoard, browsers).
 * `npm test` runs both; `npm run test:unit` only the first.
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }];
// lib/ imports siblings as './x.js' (node16 module resolution); jest resolves them to the .ts sources.
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };

/** @type {import('jest').Config} */
/** Only a guard against a hung test: trainings on a busy 2-core machine can take many seconds, and no test asserts speed. */
const testTimeout = 120_000;

module.exports = {
  testTimeout,
  // The tests leave the user's handouts/ and logs/ as they found them (checked around the whole run).
  globalSetup: '<rootDir>/test/global/setup.js',
  globalTeardown: '<rootDir>/test/global/teardown.js',
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/lib/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
    },
  ],
};
