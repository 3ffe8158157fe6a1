/**
 * jest globalTeardown of the 'mariadb' project: stops the throwaway server, but only if our
 * globalSetup started it (never a server given through HUB_TEST_MYSQL_URL).
 */
import { SERVER_HANDLE } from './mariadb-global-setup';
import { SERVER_URL_ENV, SKIPPED_ENV, type ThrowawayMariaDb } from './mariadb-server';

export default async function mariadbGlobalTeardown(): Promise<void> {
  const holder = globalThis as { [SERVER_HANDLE]?: ThrowawayMariaDb };
  const server = holder[SERVER_HANDLE];
  delete holder[SERVER_HANDLE];
  delete process.env[SERVER_URL_ENV];
  delete process.env[SKIPPED_ENV];
  if (server !== undefined) await server.stop();
}
