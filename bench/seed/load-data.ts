import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { Row, RowSink } from './bulk-insert';

/** Rows per file handed to the server: ~20–60 MB of text. */
const CHUNK_ROWS = 200_000;

interface SecondaryIndex {
  name: string;
  unique: boolean;
  columns: string[];
}

/**
 * MySQL/MariaDB only: writes rows as tab-separated files and has the server read them with
 * `LOAD DATA LOCAL INFILE` (mysql2 streams each file), one chunk at a time while the next one is
 * being made up, so the two cores work at once. The tables' secondary indexes are dropped first
 * and built again at the end (one ALTER TABLE per table: one sorted build instead of millions of
 * random index inserts). Rows of a table arrive in roughly primary-key order (ids are ULIDs of
 * the acceptance time).
 */
export class LoadDataInfile implements RowSink {
  readonly counts = new Map<string, number>();
  /** Seconds spent rebuilding the secondary indexes, by table (after finish()). */
  readonly indexSeconds = new Map<string, number>();
  /** Seconds the server spent loading, by table; and the loader waiting for the server. */
  readonly loadSeconds = new Map<string, number>();
  waitSeconds = 0;
  private readonly columns = new Map<string, string[]>();
  private readonly lines = new Map<string, string[]>();
  private readonly indexes = new Map<string, SecondaryIndex[]>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'hub-seed-'));
  private chunks = 0;
  private loading: Promise<void> = Promise.resolve();
  private pending = 0;
  private added = 0;

  constructor(private readonly connection: Connection) {}

  async prepare(tables: string[]): Promise<void> {
    // The server waits for the file while the next rows are made up: give it time.
    await this.connection.query('SET SESSION unique_checks = 0, foreign_key_checks = 0, net_read_timeout = 3600, net_write_timeout = 3600');
    for (const table of tables) {
      const [cols] = await this.connection.query(
        // Generated columns (cases.county_code) are the database's to fill.
        "SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND IS_GENERATED = 'NEVER' ORDER BY ORDINAL_POSITION",
        [table],
      );
      const names = (cols as Array<{ name: string }>).map((c) => c.name);
      if (names.length === 0) throw new Error(`table ${table} is missing`);
      this.columns.set(table, names);
      this.lines.set(table, []);
      this.counts.set(table, 0);
      const [stats] = await this.connection.query(
        `SELECT INDEX_NAME AS name, NON_UNIQUE AS nonUnique, COLUMN_NAME AS col FROM information_schema.STATISTICS
          WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME <> 'PRIMARY' ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
        [table],
      );
      const byName = new Map<string, SecondaryIndex>();
      for (const s of stats as Array<{ name: string; nonUnique: number; col: string }>) {
        const index = byName.get(s.name) ?? { name: s.name, unique: Number(s.nonUnique) === 0, columns: [] };
        index.columns.push(s.col);
        byName.set(s.name, index);
      }
      const indexes = [...byName.values()];
      this.indexes.set(table, indexes);
      if (indexes.length) await this.connection.query(`ALTER TABLE ${table} ${indexes.map((i) => `DROP INDEX ${i.name}`).join(', ')}`);
    }
  }

  async add(table: string, row: Row): Promise<void> {
    const columns = this.columns.get(table)!;
    const keys = Object.keys(row);
    if (keys.length !== columns.length || columns.some((c) => !(c in row))) {
      throw new Error(`${table}: row gives [${keys.sort().join(', ')}], the table has [${[...columns].sort().join(', ')}]`);
    }
    const lines = this.lines.get(table)!;
    lines.push(columns.map((c) => field(row[c])).join('\t'));
    if (lines.length >= CHUNK_ROWS) await this.flush(table);
    // Making up rows never waits on I/O: let the file being loaded stream now and then.
    if (++this.added % 2_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  private async flush(table: string): Promise<void> {
    const lines = this.lines.get(table)!;
    if (lines.length === 0) return;
    this.lines.set(table, []);
    const file = join(this.dir, `${table}-${++this.chunks}.tsv`);
    writeFileSync(file, lines.join('\n') + '\n');
    // At most two chunks waiting: the server keeps up, memory stays bounded.
    const w0 = performance.now();
    while (this.pending >= 2) await this.loading;
    this.waitSeconds += (performance.now() - w0) / 1000;
    this.pending++;
    const columns = this.columns.get(table)!;
    this.loading = this.loading.then(async () => {
      const t0 = performance.now();
      const [result] = await this.connection.query({
        sql: `LOAD DATA LOCAL INFILE '${file}' INTO TABLE ${table} CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns.join(', ')})`,
        infileStreamFactory: () => createReadStream(file),
      });
      const affected = (result as { affectedRows: number }).affectedRows;
      if (affected !== lines.length) throw new Error(`${table}: loaded ${affected} of ${lines.length} rows (${file})`);
      this.counts.set(table, this.counts.get(table)! + affected);
      this.loadSeconds.set(table, (this.loadSeconds.get(table) ?? 0) + (performance.now() - t0) / 1000);
      rmSync(file);
      this.pending--;
    });
  }

  async finish(): Promise<void> {
    for (const table of this.lines.keys()) await this.flush(table);
    await this.loading;
    for (const [table, indexes] of this.indexes) {
      if (indexes.length === 0) continue;
      const t0 = performance.now();
      const add = indexes.map((i) => `ADD ${i.unique ? 'UNIQUE ' : ''}INDEX ${i.name} (${i.columns.join(', ')})`);
      await this.connection.query(`ALTER TABLE ${table} ${add.join(', ')}`);
      this.indexSeconds.set(table, (performance.now() - t0) / 1000);
    }
    await this.connection.query('SET SESSION unique_checks = 1, foreign_key_checks = 1');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One field in LOAD DATA's default format: \N for NULL, backslash escapes for \, tab and newline. */
function field(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (m) => (m === '\\' ? '\\\\' : m === '\t' ? '\\t' : m === '\n' ? '\\n' : '\\r')) : v;
}
