import { startThrowawayMariaDb } from '../../test/support/mariadb-server';

/** A MariaDB server for the floor bench: the one in a mysql URL env var, else a throwaway mariadbd of our own. */
export interface FloorServer {
  /** mysql://user:pass@host:port (no database). */
  url: string;
  describe: string;
  stop(): Promise<void>;
}

/**
 * HUB_BENCH_DATABASE_URL (mysql://…; its database name, if any, is ignored: the bench creates its
 * own databases) or HUB_TEST_MYSQL_URL when given; else the project's throwaway mariadbd
 * (test/support/mariadb-server.ts), stopped and deleted at the end.
 */
export async function floorServer(): Promise<FloorServer> {
  const given = process.env.HUB_BENCH_DATABASE_URL ?? process.env.HUB_TEST_MYSQL_URL;
  if (given) {
    if (!/^(mysql|mariadb):\/\//.test(given)) throw new Error('bench:floor needs a mysql:// URL (it measures against MariaDB/MySQL)');
    const url = new URL(given.replace(/^mariadb:/, 'mysql:'));
    url.pathname = '/';
    return { url: url.toString().replace(/\/$/, ''), describe: `given server ${url.host}`, stop: async () => {} };
  }
  const server = await startThrowawayMariaDb();
  return { url: server.url, describe: `throwaway mariadbd (${server.url}, ready in ${(server.startupMs / 1000).toFixed(1)} s)`, stop: () => server.stop() };
}
