import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

// The hot paths (intake, the timeline, the outbox) write with one hand-written multi-row INSERT:
// TypeORM's query builder spent more of the hub's CPU building these statements than the database
// spent running them. The column names still come from the entity's metadata, so an entity
// remains the one home of its table's shape; only the statement is made here.

interface Shape {
  table: string;
  /** [property, column] pairs in the entity's order. */
  columns: Array<[string, string]>;
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
  shape = { table: meta.tableName, columns, insert: `INSERT INTO ${list}`, insertIgnore: `${ignore} ${list}`, row: `(${columns.map(() => '?').join(', ')})` };
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
  return Number(result.affected ?? rows.length);
}
