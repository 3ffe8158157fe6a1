// The test suite's four projects (README "Tests"): unit, the end-to-end files on SQLite and on
// MariaDB, and the browser tests. They share one way of compiling and one time-zone environment;
// each names its files, its zone and its setup.

const base = {
  preset: 'ts-jest',
  testEnvironment: '<rootDir>/test/support/timezone-environment.js',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
};
const endToEnd = ['<rootDir>/test/e2e/**/*.test.ts', '<rootDir>/adapters/**/*.e2e.test.ts', '<rootDir>/gateway/**/*.e2e.test.ts'];
// A zone other than China's, so that no date is right by accident (MariaDB's runs in UTC).
const zone = (timezone) => ({ testEnvironmentOptions: { timezone } });

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  testTimeout: 60000,
  workerGracefulExitTimeout: 5000,
  reporters: ['default', '<rootDir>/test/support/database-summary-reporter.js'],
  projects: [
    {
      ...base,
      ...zone('America/New_York'),
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/adapters/**/*.test.ts', '<rootDir>/subgraphs/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
    },
    {
      ...base,
      ...zone('America/New_York'),
      displayName: 'sqlite',
      testMatch: endToEnd,
      setupFiles: ['<rootDir>/test/support/use-sqlite.ts'],
    },
    {
      ...base,
      ...zone('UTC'),
      displayName: 'mariadb',
      testMatch: endToEnd,
      setupFiles: ['<rootDir>/test/support/use-mariadb.ts'],
      globalSetup: '<rootDir>/test/support/mariadb-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/mariadb-global-teardown.ts',
    },
    {
      ...base,
      ...zone('America/New_York'),
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'],
      setupFiles: ['<rootDir>/test/support/use-sqlite.ts'],
      globalSetup: '<rootDir>/test/browser/support/browser-global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/browser/support/matchers.ts'],
    },
  ],
};
