import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AbstractLogger, DataSource, LogLevel, LogMessage, QueryRunner } from 'typeorm';
import { DatabaseUrl } from '../config';
import { mysqlConnectionOptions } from './database-hosts';
import { MIGRATIONS } from '../../migrations';
import { CaseEntity } from '../intake/case.entity';
import { PersonEntity } from '../intake/person.entity';
import { HouseholdMemberEntity } from '../intake/household-member.entity';
import { CaseSequenceEntity } from '../intake/case-sequence.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { TimelineEventEntity } from '../timeline/timeline-event.entity';
import { SlaWarningEntity } from '../sla/sla-warning.entity';
import { CalendarDayEntity, CalendarYearEntity } from '../calendar/calendar.entity';
import { AccessLogEntity } from '../access/access-log.entity';
import { InboxEntity, NonceEntity, OutboxEntity } from '../delivery/outbox.entity';
import { ReportDayEntity, ReportResolutionEntity, ReportRollupEntity } from '../reports/report-day.entity';

export const ENTITIES = [
  CaseEntity,
  PersonEntity,
  HouseholdMemberEntity,
  CaseSequenceEntity,
  ReferralEntity,
  TimelineEventEntity,
  SlaWarningEntity,
  CalendarDayEntity,
  CalendarYearEntity,
  AccessLogEntity,
  OutboxEntity,
  InboxEntity,
  NonceEntity,
  ReportDayEntity,
  ReportResolutionEntity,
  ReportRollupEntity,
];

/** Counts SQL statements (tests assert counts, never times). Never logs parameters: they hold PII. */
export class StatementCounter extends AbstractLogger {
  count = 0;
  onError: ((message: string) => void) | null = null;

  constructor() {
    super(['query', 'error']);
  }

  protected writeLog(_level: LogLevel, message: LogMessage | LogMessage[], _queryRunner?: QueryRunner): void {
    const messages = Array.isArray(message) ? message : [message];
    for (const m of messages) {
      if (m.type === 'query') this.count++;
      if (m.type === 'query-error' && this.onError) this.onError(String(m.message ?? 'query failed').slice(0, 200));
    }
  }
}

export function createDataSource(database: DatabaseUrl, counter: StatementCounter): DataSource {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: ['query', 'error'] as ('query' | 'error')[],
    logger: counter,
  };
  if (database.kind === 'sqlite') {
    if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      enableWAL: true,
      timeout: 10_000, // busy timeout: a second hub process on the same file waits, not fails
    });
  }
  return new DataSource({
    ...common,
    type: 'mysql',
    ...mysqlConnectionOptions(database.url, (message) => counter.onError?.(message)), // one host, or several with failover (database-hosts.ts)
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    poolSize: 10,
    // mysql2 otherwise captures a stack trace for every query (a measurable share of the hub's CPU).
    trace: false,
  });
}
