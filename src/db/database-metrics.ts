import { Counter, Registry } from 'prom-client';
import { UnitOfWork } from './unit-of-work';

/**
 * The unit of work's own counts on /metrics, read at each scrape: transactions run again after a
 * conflict (a deadlock, a Galera certification failure, TiDB's retryable errors) or after a failed
 * connection or node, and COMMITs whose outcome stayed unknown.
 */
export function registerDatabaseMetrics(registry: Registry, uow: UnitOfWork): void {
  new Counter({
    name: 'hub_transaction_retries_total',
    help: 'Statements and units of work run again, by reason: conflict (a deadlock, a certification failure, a write conflict, a unique key a concurrent writer took first) or connection (a failed connection or database node, reads included).',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ reason: 'conflict' }, uow.retries - uow.connectionRetries);
      this.inc({ reason: 'connection' }, uow.connectionRetries);
    },
  });
  new Counter({
    name: 'hub_commit_outcome_unknown_total',
    help: 'COMMITs whose connection broke before the answer (not run again unless the work is idempotent).',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(uow.unknownCommits);
    },
  });
}
