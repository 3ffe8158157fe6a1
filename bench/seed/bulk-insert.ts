import type { QueryRunner } from 'typeorm';

export type Row = Record<string, string | number | null>;

/** Where the seeder's rows go: multi-row INSERTs (BulkInsert) or files loaded by the server (LoadDataInfile). */
export interface RowSink {
  /** Rows written per table. */
  readonly counts: Map<string, number>;
  prepare(tables: string[]): Promise<void>;
  add(table: string, row: Row): Promise<void>;
  finish(): Promise<void>;
}

/**
 * Writes rows with multi-row INSERTs on one query runner, committing every 20 statements: far
 * faster than the hub's own writes, and a failed seed leaves at most one open transaction.
 */
export class BulkInsert implements RowSink {
  private readonly buffers = new Map<string, Row[]>();
  private readonly columns = new Map<string, string[]>();
  /** Rows written per table. */
  readonly counts = new Map<string, number>();
  private statementsInTransaction = 0;

  constructor(private readonly runner: QueryRunner) {}

  /** Reads each table's columns from the database: every row must give every column a value. */
  async prepare(tables: string[]): Promise<void> {
    for (const table of tables) {
      // Generated columns (cases.county_code) are the database's to fill: SQLite's table_info leaves
      // them out, and MySQL says which they are (TypeORM's getTable would look for its own metadata table).
      const rows: Array<{ name: string }> =
        this.runner.connection.options.type === 'mysql'
          ? await this.runner.query(
              "SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND IS_GENERATED = 'NEVER' ORDER BY ORDINAL_POSITION",
              [table],
            )
          : await this.runner.query(`PRAGMA table_info(${table})`);
      if (rows.length === 0) throw new Error(`table ${table} is missing`);
      this.columns.set(table, rows.map((c) => c.name));
      this.buffers.set(table, []);
      this.counts.set(table, 0);
    }
    await this.runner.startTransaction();
  }

  async add(table: string, row: Row): Promise<void> {
    const columns = this.columns.get(table)!;
    const keys = Object.keys(row);
    if (keys.length !== columns.length || columns.some((c) => !(c in row))) {
      throw new Error(`${table}: row gives [${keys.sort().join(', ')}], the table has [${[...columns].sort().join(', ')}]`);
    }
    const buffer = this.buffers.get(table)!;
    buffer.push(row);
    // About 30,000 parameters a statement: under every engine's limit on placeholders.
    if (buffer.length * columns.length >= 30_000) await this.flush(table);
  }

  private async flush(table: string): Promise<void> {
    const rows = this.buffers.get(table)!;
    if (rows.length === 0) return;
    this.buffers.set(table, []);
    const columns = this.columns.get(table)!;
    const one = `(${columns.map(() => '?').join(', ')})`;
    const params: unknown[] = [];
    for (const row of rows) for (const c of columns) params.push(row[c]);
    await this.runner.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => one).join(', ')}`, params);
    this.counts.set(table, this.counts.get(table)! + rows.length);
    if (++this.statementsInTransaction >= 20) {
      await this.runner.commitTransaction();
      await this.runner.startTransaction();
      this.statementsInTransaction = 0;
    }
  }

  async finish(): Promise<void> {
    for (const table of this.buffers.keys()) await this.flush(table);
    await this.runner.commitTransaction();
  }
}
