// Three projects: pure-rule unit tests, and the same end-to-end suite once on SQLite and once on
// MariaDB (a throwaway mariadbd, or HUB_TEST_MYSQL_URL). See test/support/.
const base = {
  preset: 'ts-jest',
  // Dates are CST whatever the server's zone: no project runs in Asia/Shanghai.
  testEnvironment: '<rootDir>/test/support/timezone-environment.js',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};
module.exports = {
  maxWorkers: 2,
  testTimeout: 60000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      testEnvironmentOptions: { timezone: 'America/New_York' },
    },
    {
      ...base,
      displayName: 'sqlite',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      testEnvironmentOptions: { timezone: 'America/New_York' },
      setupFiles: ['<rootDir>/test/support/use-sqlite.ts'],
    },
    {
      ...base,
      displayName: 'mariadb',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      testEnvironmentOptions: { timezone: 'UTC' },
      setupFiles: ['<rootDir>/test/support/use-mariadb.ts'],
      globalSetup: '<rootDir>/test/support/mariadb-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/mariadb-global-teardown.ts',
    },
  ],
};
