import { Logger as HiveLogger, type LogLevel, type LogWriter } from '@graphql-hive/logger';
import type { Logger } from 'pino';

// The gateway logs as the hub does: JSON lines through the hub's pino setup (src/logger.ts, same
// redaction), never a request body, a query or its variables. The runtime's own logging would print
// a failed subrequest with its variables — identity numbers in clear — as coloured text; this
// writer keeps only the message and a few named attributes, and blanks anything shaped like an
// identity or phone number in what it keeps.

/** Attributes of the runtime's log calls worth keeping: names and codes, nothing a caller sent. */
const KEPT = ['requestId', 'subgraph', 'subgraphName', 'serviceName', 'code', 'status', 'statusCode', 'attempt'];
const SENSITIVE = /\d{17}[\dXx]|(?<!\d)1\d{10}(?!\d)/g;

const scrub = (text: string) => text.replace(SENSITIVE, '[redacted]');

function keptAttributes(attrs: unknown): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {};
  if (!attrs || typeof attrs !== 'object' || Array.isArray(attrs)) return kept;
  const record = attrs as Record<string, unknown>;
  for (const key of KEPT) {
    const value = record[key];
    if (typeof value === 'string') kept[key] = scrub(value).slice(0, 200);
    else if (typeof value === 'number' || typeof value === 'boolean') kept[key] = value;
  }
  // An error keeps its message, scrubbed (a fetch failure's text names the subgraph's address).
  const error = record.error ?? record.err;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    kept.error = scrub((error as { message: string }).message).slice(0, 300);
  }
  return kept;
}

/** A Hive logger whose every line goes to `logger` (pino), without bodies or variables. */
export function gatewayLogger(logger: Logger, level: LogLevel | false = 'info'): HiveLogger {
  const writer: LogWriter = {
    write(lvl, attrs, msg) {
      logger[lvl === 'trace' ? 'debug' : lvl]({ component: 'gateway', ...keptAttributes(attrs) }, scrub(msg ?? ''));
    },
  };
  return new HiveLogger({ level, writers: [writer] });
}
