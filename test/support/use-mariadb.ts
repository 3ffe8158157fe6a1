/**
 * jest setupFiles of the 'mariadb' project: every e2e test file in this project runs on MariaDB.
 *
 * Runs inside the worker, in the test file's sandbox (whose process.env is a copy of the worker's,
 * which in turn inherited the jest parent's after globalSetup). globalSetup leaves exactly one of
 * two markers there: the server URL, or the "skipped" notice. Neither means globalSetup did not run
 * for this process tree — fail loudly rather than silently testing nothing.
 */
import { SERVER_URL_ENV, SKIPPED_ENV } from './mariadb-server';

process.env.HUB_TEST_DB = 'mysql';

if (!process.env[SERVER_URL_ENV] && !process.env[SKIPPED_ENV]) {
  throw new Error(
    `test/support/use-mariadb.ts: neither ${SERVER_URL_ENV} nor ${SKIPPED_ENV} is set, so the 'mariadb' ` +
      "project's globalSetup (test/support/mariadb-global-setup.ts) did not run before this worker. " +
      'Run the suite through jest.config.js (npm test / npx jest --selectProjects mariadb).',
  );
}

