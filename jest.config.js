// Three projects: pure-rule unit tests, and the same end-to-end suite once on SQLite and once on
// MariaDB (a throwaway mariadbd, or HUB_TEST_MYSQL_URL). See test/support/.
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};
module.exports = {
  maxWorkers: 2,
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'sqlite',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/use-sqlite.ts'],
    },
    {
      ...base,
      displayName: 'mariadb',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/use-mariadb.ts'],
      globalSetup: '<rootDir>/test/support/mariadb-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/mariadb-global-teardown.ts',
    },
  ],
};
