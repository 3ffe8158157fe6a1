import type { DataSource } from 'typeorm';
import type { CapturedStatement } from '../shared/statement-log';

/** The plan of one statement at the province's size, and whether it reads a big table whole. */
export interface ExplainedStatement {
  text: string;
  /** Full scans of stored tables (type ALL or index), empty when every access is a range or look-up. */
  fullScans: string[];
}

/** A scan of fewer rows than this (the calendar, a handful of departments) is not a finding. */
const SMALL = 2_000;

/**
 * MariaDB's ANALYZE for reads (runs them: the plan plus the rows really read, r_rows) and
 * EXPLAIN for writes. INSERT … VALUES has no plan worth showing and is listed only.
 */
export async function explainStatement(dataSource: DataSource, c: CapturedStatement): Promise<ExplainedStatement> {
  const sql = c.sql.trim();
  const head = `${sql}\n-- parameters ${JSON.stringify(c.parameters.map((p) => (typeof p === 'string' && p.length > 40 ? `${p.slice(0, 12)}…` : p)))}\n`;
  if (/^(START|COMMIT|ROLLBACK|SET |BEGIN)/i.test(sql) || /^INSERT\b(?![\s\S]*\bSELECT\b)/i.test(sql)) return { text: `${head}(no plan: ${sql.split(/\s+/).slice(0, 3).join(' ')})\n`, fullScans: [] };
  const verb = /^SELECT/i.test(sql) ? 'ANALYZE' : 'EXPLAIN';
  const t0 = performance.now();
  const rows = (await dataSource.query(`${verb} ${sql}`, c.parameters)) as Array<Record<string, unknown>>;
  const ms = performance.now() - t0;
  const cols = ['id', 'select_type', 'table', 'type', 'key', 'key_len', 'ref', 'rows', 'r_rows', 'filtered', 'r_filtered', 'Extra'].filter((k) => rows.some((r) => k in r));
  const table = [cols, ...rows.map((r) => cols.map((k) => (r[k] === null || r[k] === undefined ? '' : String(r[k]))))];
  const widths = cols.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const lines = table.map((r) => r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd());
  const fullScans = rows
    // (<derivedN>, <subqueryN>: the statement's own temporary tables; tables are named by alias.)
    .filter((r) => (r.type === 'ALL' || r.type === 'index') && !String(r.table).startsWith('<') && Number(r.rows) >= SMALL)
    .map((r) => `${r.table}: type ${r.type}${r.key ? ` (${r.key})` : ''}, ${r.rows} rows estimated${r.r_rows !== undefined ? `, ${r.r_rows} read` : ''}`);
  const verdict = fullScans.length ? `FULL SCAN: ${fullScans.join('; ')}` : 'no full scan: every table read by an index range or look-up';
  return { text: `${head}-- ${verb} (${ms.toFixed(0)} ms)\n${lines.join('\n')}\n=> ${verdict}\n`, fullScans };
}
