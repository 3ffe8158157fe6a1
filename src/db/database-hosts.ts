import { EventEmitter } from 'node:events';
import * as mysql2 from 'mysql2';
import type { QueryRunner } from 'typeorm';
import type { MysqlDataSourceOptions } from 'typeorm/driver/mysql/MysqlDataSourceOptions';

// Several database hosts in HUB_DATABASE_URL (a Galera cluster, docs/high-availability.md):
//
//   mysql://user:pass@10.0.0.1:3306,10.0.0.2:3306,10.0.0.3/hub
//
// The hosts are tried in the order written: every connection goes to the first one that is up
// and ready, so one hub process writes through one node (no certification conflicts between its
// own transactions, and it reads its own writes). When that node stops answering, or answers that
// it is not part of the cluster's primary component, it is left alone for a few seconds and the
// next host is used; the first is tried again afterwards, and used again once it is back.
//
// TypeORM 1.1's MySQL driver takes its mysql2 module from the `driver` option and calls only
// `createPool(options)`, `pool.getConnection(cb)` and `pool.end(cb)`: the failover pool below
// stands in for mysql2's pool. (Its `replication` option is no failover: writes go to the one
// "master" and fail while it is down. mysql2's PoolCluster fails over on connection errors but
// would hand out connections of a node still joining the cluster.)

export interface DatabaseHost {
  host: string;
  port: number;
}

export interface MysqlHosts {
  hosts: DatabaseHost[];
  username: string;
  password: string;
  database: string;
}

/** How long a host that failed is skipped before it is tried again. */
export const HOST_RETRY_MS = 3_000;
/** A connection attempt to a host that does not answer is given up after this long. */
export const CONNECT_TIMEOUT_MS = 5_000;

/** True for a mysql:// URL naming more than one host. */
export function hasSeveralHosts(url: string): boolean {
  return url.startsWith('mysql://') && url.slice('mysql://'.length).split('/')[0].includes(',');
}

/**
 * Reads a mysql:// URL with one or several comma-separated hosts. Throws an Error whose message
 * says what is wrong (the caller names the variable).
 */
export function parseMysqlHosts(raw: string): MysqlHosts {
  const rest = raw.slice('mysql://'.length);
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash + 1);
  const at = authority.lastIndexOf('@');
  const userInfo = at === -1 ? '' : authority.slice(0, at);
  const hostList = at === -1 ? authority : authority.slice(at + 1);
  if (path.includes('?') || path.includes('#')) {
    throw new Error('a mysql:// URL with several hosts takes no ?parameters');
  }
  const database = decodeURIComponent(path);
  if (!database) throw new Error('mysql:// URL needs a database name, e.g. mysql://user:pass@host1:3306,host2:3306/hub');
  const hosts: DatabaseHost[] = [];
  for (const item of hostList.split(',')) {
    let url: URL;
    try {
      url = new URL(`mysql://${item}`);
    } catch {
      throw new Error(`host ${JSON.stringify(item)} is not host or host:port`);
    }
    if (!item || !url.hostname || url.pathname || url.username) throw new Error(`host ${JSON.stringify(item)} is not host or host:port`);
    hosts.push({ host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : 3306 });
  }
  const keys = hosts.map((h) => `${h.host}:${h.port}`);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new Error(`host ${twice} is listed twice`);
  const colon = userInfo.indexOf(':');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new Error('the user or password is not correctly percent-encoded');
    }
  };
  return {
    hosts,
    username: decode(colon === -1 ? userInfo : userInfo.slice(0, colon)),
    password: decode(colon === -1 ? '' : userInfo.slice(colon + 1)),
    database,
  };
}

/**
 * TypeORM connection options for a mysql:// URL: the URL itself for one host (as always), and
 * explicit options with the failover pool for several. `report` is told, in a sentence, of every
 * host that failed.
 */
export function mysqlConnectionOptions(
  url: string,
  report: (message: string) => void = () => {},
): Partial<Pick<MysqlDataSourceOptions, 'url' | 'host' | 'port' | 'username' | 'password' | 'database' | 'connectTimeout' | 'driver'>> {
  if (!hasSeveralHosts(url)) return { url };
  const parsed = parseMysqlHosts(url);
  return {
    host: parsed.hosts[0].host,
    port: parsed.hosts[0].port,
    username: parsed.username,
    password: parsed.password,
    database: parsed.database,
    connectTimeout: CONNECT_TIMEOUT_MS,
    driver: failoverDriver(parsed.hosts, (f) => report(`database host ${f.host} failed (${f.code}): the next host is used for ${HOST_RETRY_MS / 1000} s`)),
  };
}

type Callback = (error: Error | null, connection?: mysql2.PoolConnection) => void;

/** What a FailoverPool emits as 'host-failed'. */
export interface HostFailure {
  host: string;
  code: string | number;
}

/** Errors that say the host is gone or not serving, rather than that the request was wrong. */
export function isHostFailure(error: unknown): boolean {
  const e = (error ?? {}) as { code?: string; errno?: number; fatal?: boolean };
  // 1047 WSREP has not yet prepared node for application use; 1180 error during COMMIT (Galera: "Not
  // connected to Primary Component"); 1053 server shutting down; 1927 connection killed.
  if (e.errno === 1047 || e.errno === 1180 || e.errno === 1053 || e.errno === 1927) return true;
  if (e.code === 'ER_ACCESS_DENIED_ERROR' || e.code === 'ER_BAD_DB_ERROR') return false; // the same on every node
  return e.fatal === true || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'PROTOCOL_CONNECTION_LOST'].includes(e.code ?? '');
}

/** A mysql2 pool per host, handing out connections of the first host that is up and ready. */
export class FailoverPool extends EventEmitter {
  private readonly pools: mysql2.Pool[];
  private readonly skipUntil: number[];
  /** Connections not yet asked whether their node is ready. */
  private readonly fresh = new WeakSet<object>();
  /** The host of each connection handed out. */
  private readonly hostOf = new WeakMap<object, number>();
  /** Connections handed out from another host than the first. */
  connectionsElsewhere = 0;

  constructor(readonly hosts: DatabaseHost[], options: mysql2.PoolOptions, private readonly now: () => number = Date.now) {
    super();
    this.pools = hosts.map((h) => {
      const pool = mysql2.createPool({ ...options, host: h.host, port: h.port });
      pool.on('connection', (connection) => this.fresh.add(connection));
      return pool;
    });
    this.skipUntil = hosts.map(() => 0);
  }

  /** The order to try hosts in now: those not skipped first, in the written order, then the others. */
  private order(): number[] {
    const now = this.now();
    const all = this.hosts.map((_, i) => i);
    return [...all.filter((i) => this.skipUntil[i] <= now), ...all.filter((i) => this.skipUntil[i] > now)];
  }

  private skip(i: number, error: unknown): void {
    this.skipUntil[i] = this.now() + HOST_RETRY_MS;
    const { code, errno } = (error ?? {}) as { code?: string; errno?: number };
    const failure: HostFailure = { host: `${this.hosts[i].host}:${this.hosts[i].port}`, code: code ?? errno ?? 'unknown' };
    this.emit('host-failed', failure);
  }

  getConnection(cb: Callback): void {
    const order = this.order();
    const attempt = (k: number, lastError: Error | null): void => {
      if (k >= order.length) return cb(lastError ?? new Error('no database host answered'));
      const i = order[k];
      this.pools[i].getConnection((error, connection) => {
        if (error) {
          if (!isHostFailure(error)) return cb(error);
          this.skip(i, error);
          return attempt(k + 1, error);
        }
        const take = () => {
          if (i !== 0) this.connectionsElsewhere++;
          this.hostOf.set(connection, i);
          cb(null, connection);
        };
        if (!this.fresh.has(connection)) return take();
        this.fresh.delete(connection);
        // A Galera node accepts connections before it has caught up with the cluster (and keeps
        // them when it leaves the primary component): ask before handing out a new connection.
        connection.query("SHOW STATUS LIKE 'wsrep_ready'", (queryError: Error | null, rows: unknown) => {
          const value = (rows as Array<{ Value?: string }> | undefined)?.[0]?.Value;
          if (!queryError && (value === undefined || value === 'ON')) return take(); // (no wsrep: not a Galera node)
          connection.destroy();
          const failure = queryError ?? Object.assign(new Error('WSREP has not yet prepared node for application use'), { errno: 1047 });
          this.skip(i, failure);
          attempt(k + 1, failure);
        });
      });
    };
    attempt(0, null);
  }

  /**
   * A statement on this connection failed because of its host (e.g. 1047 from a node that left the
   * primary component, which keeps its connections open): close it rather than let it go back to
   * the pool, and skip its host for a while.
   */
  connectionFailed(connection: object, error: unknown): void {
    const i = this.hostOf.get(connection);
    if (i === undefined) return;
    this.hostOf.delete(connection);
    (connection as mysql2.PoolConnection).destroy();
    this.skip(i, error);
  }

  end(cb?: (error?: Error | null) => void): void {
    let left = this.pools.length;
    let failed: Error | null = null;
    for (const pool of this.pools) {
      pool.end((error) => {
        failed ??= error ?? null;
        if (--left === 0) cb?.(failed);
      });
    }
  }
}

/** Tells the failover pool (if the data source has one) that the query runner's connection failed. */
export function discardConnection(runner: QueryRunner, error: unknown): void {
  const pool = (runner.connection?.driver as { pool?: unknown } | undefined)?.pool;
  const connection = (runner as { databaseConnection?: object }).databaseConnection;
  if (pool instanceof FailoverPool && connection) pool.connectionFailed(connection, error);
}

/** The mysql2 module as TypeORM's driver sees it, its pools being failover pools over `hosts`. */
export function failoverDriver(hosts: DatabaseHost[], onHostFailure: (failure: HostFailure) => void = () => {}): typeof mysql2 {
  const createPool = (options: mysql2.PoolOptions) => new FailoverPool(hosts, options).on('host-failed', onHostFailure);
  return { ...mysql2, createPool } as unknown as typeof mysql2;
}
