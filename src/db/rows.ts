import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

// The hot paths (intake, the timeline, the outbox) write with one hand-written multi-row INSERT,
// and the loaders read with hand-written SELECTs:
// TypeORM's query builder spent more of the hub's CPU building these statements than the database
// spent running them. The column names still come from the entity's metadata, so an entity
// remains the one home of its table's shape; only the statement is made here.

interface Shape {
  table: string;
  /** [property, column] pairs in the entity's order. */
  columns: Array<[string, string]>;
  /** Properties of boolean columns (stored as 0/1 by both engines). */
  booleans: Set<string>;
  /** "SELECT a, b FROM t". */
  select: string;
  create: () => ObjectLiteral;
  /** "INSERT INTO t (a, b)" and "INSERT IGNORE INTO t (a, b)" (SQLite: INSERT OR IGNORE). */
  insert: string;
  insertIgnore: string;
  /** "(?, ?)" for one row. */
  row: string;
}

const shapes = new Map<unknown, Shape>();

function shapeOf(m: EntityManager, entity: EntityTarget<ObjectLiteral>): Shape {
  let shape = shapes.get(entity);
  if (shape) return shape;
  const meta = m.connection.getMetadata(entity);
  const columns = meta.columns.map((c) => [c.propertyName, c.databaseName] as [string, string]);
  const list = `${meta.tableName} (${columns.map(([, column]) => column).join(', ')})`;
  const ignore = m.connection.options.type === 'mysql' ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
  const booleans = new Set(meta.columns.filter((c) => c.type === 'boolean' || c.type === Boolean).map((c) => c.propertyName));
  const target = meta.target as new () => ObjectLiteral;
  shape = {
    table: meta.tableName,
    columns,
    booleans,
    select: `SELECT ${columns.map(([, column]) => column).join(', ')} FROM ${meta.tableName}`,
    create: () => new target(),
    insert: `INSERT INTO ${list}`,
    insertIgnore: `${ignore} ${list}`,
    row: `(${columns.map(() => '?').join(', ')})`,
  };
  shapes.set(entity, shape);
  return shape;
}

/** Both drivers take numbers for booleans (better-sqlite3 refuses booleans); a missing value is NULL. */
function value(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/**
 * Inserts whole rows of an entity in one statement, inside the caller's transaction; returns the
 * rows really inserted (with `ignore`, a row whose key exists is skipped, not an error).
 */
export async function insertRows<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
  options: { ignore?: boolean } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const runner = m.queryRunner;
  if (!runner) throw new Error('insertRows needs a transaction');
  const shape = shapeOf(m, entity as EntityTarget<ObjectLiteral>);
  const params: unknown[] = [];
  for (const row of rows) for (const [property] of shape.columns) params.push(value(row[property]));
  const sql = `${options.ignore ? shape.insertIgnore : shape.insert} VALUES ${Array(rows.length).fill(shape.row).join(', ')}`;
  const result = await runner.query(sql, params, true);
  // "Exactly once" rests on this count (INSERT IGNORE): never guess it.
  if (result.affected === undefined) throw new Error(`the driver did not report the rows inserted into ${shape.table}`);
  return Number(result.affected);
}

/**
 * Reads whole rows of an entity with a hand-written condition (`where`, `?` placeholders; an
 * array parameter is spread into `IN (…)` by the caller) and makes them entities: the loaders'
 * path, where TypeORM's hydration made most of a dashboard page's garbage.
 */
export async function selectRows<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, where: string, params: unknown[]): Promise<T[]> {
  const shape = shapeOf(m, entity as EntityTarget<ObjectLiteral>);
  const raw: Array<Record<string, unknown>> = await m.query(`${shape.select} WHERE ${where}`, params);
  return raw.map((r) => {
    const row = shape.create();
    for (const [property, column] of shape.columns) {
      const v = r[column];
      row[property] = shape.booleans.has(property) && v !== null ? Boolean(Number(v)) : v;
    }
    return row as T;
  });
}

/** "?, ?, ?" for a list of n values. */
export function placeholders(n: number): string {
  return Array(n).fill('?').join(', ');
}
