/**
 * Proves the e2e database support itself, on both projects: each file gets a fresh empty database
 * that round-trips Chinese text (utf8mb4 on MariaDB), and drop() really removes it.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createTestDatabase, describeDb, testDatabaseKind, type TestDb } from '../support/test-database';

// better-sqlite3 ships no types and @types/better-sqlite3 is not a dependency: type the bit we use.
type SqliteConnection = {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
  close(): void;
};
const Database = require('better-sqlite3') as new (file: string) => SqliteConnection;

const TEXT = '火警'; // "fire alarm": 3-byte UTF-8; also try a 4-byte character that utf8mb3 would reject
const EMOJI = '🚒';

describeDb(`test database support (${process.env.HUB_TEST_DB})`, () => {
  let db: TestDb;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('is of the kind of this jest project', () => {
    expect(db.kind).toBe(testDatabaseKind());
    expect(db.url.startsWith(db.kind === 'sqlite' ? 'sqlite:/' : 'mysql://')).toBe(true);
  });

  it('is empty, stores Chinese text and reads it back', async () => {
    if (db.kind === 'sqlite') {
      const file = db.url.slice('sqlite:'.length);
      const conn = new Database(file);
      try {
        const tables = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
        expect(tables).toEqual([]);
        conn.exec('CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
        conn.prepare('INSERT INTO note (body) VALUES (?), (?)').run(TEXT, EMOJI);
        expect(conn.prepare('SELECT body FROM note ORDER BY id').all()).toEqual([{ body: TEXT }, { body: EMOJI }]);
      } finally {
        conn.close();
      }
      return;
    }
    expect(db.url).toMatch(/^mysql:\/\/[^/]*:[^/]*@[^/]+:\d+\/hub_t_[0-9a-f]+/);
    const conn = await createConnection({ uri: db.url, charset: 'utf8mb4_unicode_ci' });
    try {
      const [tables] = await conn.query('SHOW TABLES');
      expect(tables).toEqual([]);
      const [[schema]] = (await conn.query(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()',
      )) as unknown as [[{ cs: string; co: string }]];
      expect(schema).toEqual({ cs: 'utf8mb4', co: 'utf8mb4_unicode_ci' });
      // No table options: the table must inherit utf8mb4 from the database.
      await conn.query('CREATE TABLE note (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(50) NOT NULL)');
      await conn.query('INSERT INTO note (body) VALUES (?), (?)', [TEXT, EMOJI]);
      const [rows] = await conn.query('SELECT body FROM note ORDER BY id');
      expect(rows).toEqual([{ body: TEXT }, { body: EMOJI }]);
      const [[found]] = (await conn.query('SELECT COUNT(*) AS n FROM note WHERE body = ?', [TEXT])) as unknown as [[{ n: number }]];
      expect(Number(found.n)).toBe(1);
    } finally {
      await conn.end();
    }
  });

  it('drop() removes the database', async () => {
    const other = await createTestDatabase();
    expect(other.url).not.toBe(db.url); // every call is a new database
    await other.drop();
    if (other.kind === 'sqlite') {
      expect(existsSync(dirname(other.url.slice('sqlite:'.length)))).toBe(false);
      return;
    }
    const name = new URL(other.url).pathname.slice(1);
    const conn = await createConnection({ uri: db.url });
    try {
      const [rows] = await conn.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
      expect(rows).toEqual([]);
    } finally {
      await conn.end();
    }
  });
});
