import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A database of the bench's own, and how to get rid of it. */
export interface BenchDatabase {
  url: string;
  describe: string;
  cleanup(): Promise<void>;
}

/**
 * The database in HUB_BENCH_DATABASE_URL, created here: a new SQLite file (a temporary one when
 * the variable is unset) or a new utf8mb4 MySQL/MariaDB database (named in the URL, else
 * `defaultName`). Either must not exist yet, so that a bench never writes into data it did not
 * make; cleanup() deletes it unless HUB_BENCH_KEEP=1.
 */
export async function createBenchDatabase(defaultName: string): Promise<BenchDatabase> {
  const keep = process.env.HUB_BENCH_KEEP === '1';
  const raw = process.env.HUB_BENCH_DATABASE_URL;
  if (!raw || raw.startsWith('sqlite:')) {
    const dir = raw ? null : mkdtempSync(join(tmpdir(), `${defaultName.replace(/_/g, '-')}-`));
    const path = raw ? raw.slice('sqlite:'.length) : join(dir!, 'hub.sqlite');
    if (raw && existsSync(path)) throw new Error(`${path} exists: the bench writes a new SQLite file and deletes it afterwards`);
    return {
      url: `sqlite:${path}`,
      describe: `SQLite ${path}`,
      async cleanup() {
        if (keep) return void process.stdout.write(`kept ${path}\n`);
        if (dir) rmSync(dir, { recursive: true, force: true });
        else for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
      },
    };
  }
  if (!raw.startsWith('mysql://')) throw new Error('HUB_BENCH_DATABASE_URL must be sqlite:PATH or mysql://…');
  const url = new URL(raw);
  const name = decodeURIComponent(url.pathname.slice(1)) || defaultName;
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name ${name}: letters, digits and _ only`);
  url.pathname = '/';
  const mysql = await import('mysql2/promise');
  const server = await mysql.createConnection({ uri: url.toString() });
  const [existing] = await server.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
  if ((existing as unknown[]).length > 0) {
    await server.end();
    throw new Error(`database ${name} exists: the bench creates its own database and drops it afterwards; name another one`);
  }
  await server.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  url.pathname = `/${name}`;
  const [versionRows] = await server.query('SELECT VERSION() AS v');
  const version = (versionRows as Array<{ v: string }>)[0].v;
  return {
    url: url.toString(),
    describe: `${version} database ${name} on ${url.host}`,
    async cleanup() {
      if (keep) process.stdout.write(`kept database ${name}\n`);
      else await server.query(`DROP DATABASE ${name}`);
      await server.end();
    },
  };
}
