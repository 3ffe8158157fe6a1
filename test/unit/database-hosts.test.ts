import { createServer, type Server } from 'node:net';
import { ConfigError, loadConfig } from '../../src/config';
import { FailoverPool, isHostFailure, mysqlConnectionOptions, parseMysqlHosts } from '../../src/db/database-hosts';

describe('HUB_DATABASE_URL with several hosts', () => {
  it('reads the hosts in order, with the user, password and database', () => {
    expect(parseMysqlHosts('mysql://hub:p%40ss@10.0.0.1:4001,10.0.0.2,db3.local:4003/hub')).toEqual({
      hosts: [
        { host: '10.0.0.1', port: 4001 },
        { host: '10.0.0.2', port: 3306 },
        { host: 'db3.local', port: 4003 },
      ],
      username: 'hub',
      password: 'p@ss',
      database: 'hub',
    });
    expect(parseMysqlHosts('mysql://root@[::1]:4001,127.0.0.1:4002/hub').hosts).toEqual([
      { host: '::1', port: 4001 },
      { host: '127.0.0.1', port: 4002 },
    ]);
  });

  it('is accepted by the settings, and one host still goes to TypeORM as the URL it was', () => {
    const url = 'mysql://root@127.0.0.1:4001,127.0.0.1:4002,127.0.0.1:4003/hub';
    expect(loadConfig({ HUB_DATABASE_URL: url }).database).toEqual({ kind: 'mysql', url });
    expect(mysqlConnectionOptions('mysql://hub:pw@db.local:3306/hub?x=1')).toEqual({ url: 'mysql://hub:pw@db.local:3306/hub?x=1' });
    const several = mysqlConnectionOptions(url);
    expect(several).toMatchObject({ host: '127.0.0.1', port: 4001, username: 'root', password: '', database: 'hub' });
    expect(typeof (several.driver as { createPool: unknown }).createPool).toBe('function');
  });

  it.each([
    ['mysql://root@127.0.0.1:4001,127.0.0.1:4002', 'needs a database name'],
    ['mysql://root@127.0.0.1:4001,,127.0.0.1:4002/hub', 'host "" is not host or host:port'],
    ['mysql://root@127.0.0.1:4001,127.0.0.1:port/hub', 'host "127.0.0.1:port" is not host or host:port'],
    ['mysql://root@127.0.0.1:4001,127.0.0.1:4001/hub', 'host 127.0.0.1:4001 is listed twice'],
    ['mysql://root@127.0.0.1:4001,127.0.0.1:4002/hub?ssl=true', 'takes no ?parameters'],
    ['mysql://root:%zz@127.0.0.1:4001,127.0.0.1:4002/hub', 'percent-encoded'],
  ])('refuses %s, naming HUB_DATABASE_URL and saying why', (url, why) => {
    let error: unknown;
    try {
      loadConfig({ HUB_DATABASE_URL: url });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('HUB_DATABASE_URL');
    expect((error as ConfigError).message).toContain(why);
    expect((error as ConfigError).message).toContain('mysql://user:pass@host1:port,host2:port,host3:port/database');
  });
});

describe('failover pool', () => {
  it('tells a host that is gone from a request that is wrong', () => {
    expect(isHostFailure({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isHostFailure({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true })).toBe(true);
    expect(isHostFailure({ errno: 1047, code: 'ER_UNKNOWN_COM_ERROR' })).toBe(true); // WSREP has not yet prepared node
    expect(isHostFailure({ errno: 1180, code: 'ER_ERROR_DURING_COMMIT' })).toBe(true); // not connected to Primary Component
    expect(isHostFailure({ errno: 1213, code: 'ER_LOCK_DEADLOCK' })).toBe(false);
    expect(isHostFailure({ errno: 1045, code: 'ER_ACCESS_DENIED_ERROR', fatal: true })).toBe(false);
    expect(isHostFailure({ errno: 1062, code: 'ER_DUP_ENTRY' })).toBe(false);
  });

  /** A port that accepts TCP and closes at once: the MySQL handshake fails (connection lost). */
  async function closingServer(): Promise<{ server: Server; port: number; connects: () => number }> {
    let n = 0;
    const server = createServer((socket) => {
      n++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, port: (server.address() as { port: number }).port, connects: () => n };
  }

  it('tries every host in order, skips a failed one for a while, and reports the last error', async () => {
    const a = await closingServer();
    const b = await closingServer();
    let now = 1_000_000;
    const pool = new FailoverPool(
      [
        { host: '127.0.0.1', port: a.port },
        { host: '127.0.0.1', port: b.port },
      ],
      { user: 'root', connectTimeout: 2_000, connectionLimit: 2 },
      () => now,
    );
    const failed: string[] = [];
    pool.on('host-failed', (f: { host: string }) => failed.push(f.host));
    const attempt = () => new Promise<Error | null>((resolve) => pool.getConnection((error) => resolve(error)));
    const first = await attempt();
    expect(isHostFailure(first)).toBe(true);
    expect(failed).toEqual([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);
    expect([a.connects(), b.connects()]).toEqual([1, 1]);
    // Both skipped now: still both tried (nothing better to do), in the written order.
    await attempt();
    expect(failed.slice(2)).toEqual([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);
    // The first comes back into the order once its time is up.
    now += 10_000;
    await attempt();
    expect(failed[4]).toBe(`127.0.0.1:${a.port}`);
    await new Promise<void>((resolve) => pool.end(() => resolve()));
    a.server.close();
    b.server.close();
  });

  it('says which host failed, through the report the hub logs', async () => {
    const a = await closingServer();
    const messages: string[] = [];
    const options = mysqlConnectionOptions(`mysql://root@127.0.0.1:${a.port},127.0.0.1:1/hub`, (m) => messages.push(m));
    const pool = (options.driver as unknown as { createPool(o: object): FailoverPool }).createPool({ user: 'root', connectTimeout: 2_000 });
    await new Promise((resolve) => pool.getConnection(resolve));
    expect(messages[0]).toBe(`database host 127.0.0.1:${a.port} failed (PROTOCOL_CONNECTION_LOST): the next host is used for 3 s`);
    expect(messages[1]).toMatch(/^database host 127\.0\.0\.1:1 failed \(ECONNREFUSED\)/);
    await new Promise<void>((resolve) => pool.end(() => resolve()));
    a.server.close();
  });
});
