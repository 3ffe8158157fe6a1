import type { HubInternals } from './hub';

/** A statement as the hub sent it, to EXPLAIN it later with the same parameters. */
export interface CapturedStatement {
  sql: string;
  parameters: unknown[];
}

export interface StatementTotals {
  count: number;
  ms: number;
}

/**
 * Times the hub's SQL by kind of statement while recording. TypeORM's logger (the hub's
 * StatementCounter) sees every statement with its parameters, and logQuerySlow, with a threshold
 * of ~0, gives each one's execution time (ms resolution). `kindOf` names a statement's kind;
 * 'other' for the ones it does not know.
 */
export class StatementLog {
  private recording = false;
  private byKind = new Map<string, StatementTotals>();
  /** The first statement of each kind since install, with its parameters. */
  readonly firstOf = new Map<string, CapturedStatement>();
  /** The beginning of the first few statements of kind 'other': what `kindOf` is missing. */
  readonly other: string[] = [];

  constructor(private readonly kindOf: (sql: string) => string) {}

  install(hub: HubInternals): void {
    const logger = hub.statements as unknown as {
      writeLog: (level: unknown, message: unknown, runner?: unknown) => void;
      logQuerySlow: (time: number, query: string, parameters?: unknown[], runner?: unknown) => void;
    };
    const writeLog = logger.writeLog.bind(logger);
    logger.writeLog = (level, message, runner) => {
      writeLog(level, message, runner);
      if (!this.recording) return;
      for (const m of (Array.isArray(message) ? message : [message]) as Array<{ type?: string; message?: unknown; parameters?: unknown[] }>) {
        if (m.type !== 'query') continue;
        const sql = String(m.message);
        const kind = this.kindOf(sql);
        const entry = this.byKind.get(kind) ?? { count: 0, ms: 0 };
        entry.count++;
        this.byKind.set(kind, entry);
        if (!this.firstOf.has(kind)) this.firstOf.set(kind, { sql, parameters: [...(m.parameters ?? [])] });
        if (kind === 'other' && this.other.length < 5) this.other.push(sql.slice(0, 160));
      }
    };
    logger.logQuerySlow = (time, query) => {
      if (!this.recording) return;
      const entry = this.byKind.get(this.kindOf(query));
      if (entry) entry.ms += time;
    };
    // Every statement "slow": its execution time reaches logQuerySlow.
    (hub.dataSource.driver.options as { maxQueryExecutionTime?: number }).maxQueryExecutionTime = 1e-9;
  }

  start(): void {
    this.byKind = new Map();
    this.recording = true;
  }

  /** Stops recording; the totals by kind since start(). */
  stop(): Map<string, StatementTotals> {
    this.recording = false;
    return this.byKind;
  }
}
