import type { Logger } from 'pino';
import { HubConfig } from './config';
import { Clock } from './common/clock';
import { UnitOfWork } from './db/unit-of-work';
import { PiiCrypto } from './access/pii-crypto';
import { CalendarService } from './calendar/calendar.service';
import { IntakeService } from './intake/intake.service';
import { CaseQueryService } from './intake/case-query.service';
import { ClaimService } from './referrals/claim.service';
import { ReferralWorkflowService } from './referrals/referral-workflow.service';
import { CaseWorkflowService } from './referrals/case-workflow.service';
import { ReferralQueryService } from './referrals/referral-query.service';
import { SlaReportService } from './reports/sla-report.service';
import { recomputeDueDates } from './sla/due-date-recompute';

/** The hub's services, wired once per process. Resolvers reach them through the request context. */
export class Hub {
  readonly calendar: CalendarService;
  readonly intake: IntakeService;
  readonly cases = new CaseQueryService();
  readonly referrals = new ReferralQueryService();
  readonly claims: ClaimService;
  readonly referralWorkflow: ReferralWorkflowService;
  readonly caseWorkflow: CaseWorkflowService;
  readonly reports: SlaReportService;

  constructor(
    readonly config: HubConfig,
    readonly clock: Clock,
    readonly uow: UnitOfWork,
    readonly crypto: PiiCrypto,
    readonly jwtSecret: string,
    readonly logger: Logger,
  ) {
    this.calendar = new CalendarService(uow);
    this.intake = new IntakeService(this);
    this.claims = new ClaimService(this);
    this.referralWorkflow = new ReferralWorkflowService(this);
    this.caseWorkflow = new CaseWorkflowService(this);
    this.reports = new SlaReportService();
    this.calendar.onPublished(async (year) => {
      const changed = await recomputeDueDates(uow, () => this.calendar.calendar, year, clock.now());
      logger.info({ year, changed }, 'due dates recomputed after calendar publication');
    });
  }
}
