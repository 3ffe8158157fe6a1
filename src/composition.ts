import type { Logger } from 'pino';
import { HubConfig } from './config';
import { Clock } from './common/clock';
import { PeriodicJob } from './common/periodic-job';
import { DeliveryRetention } from './delivery/retention';
import { enqueueNotice } from './delivery/outbox';
import { UnitOfWork } from './db/unit-of-work';
import { PiiCrypto } from './access/pii-crypto';
import { CalendarService } from './calendar/calendar.service';
import { CalendarResolver } from './calendar/calendar.resolver';
import { IntakeService } from './intake/intake.service';
import { IntakeResolver } from './intake/intake.resolver';
import { CaseQueryService } from './cases/case-query.service';
import { CaseResolver, HouseholdMemberResolver } from './cases/case.resolver';
import { CaseOwnershipResolver } from './cases/case-ownership.resolver';
import { PersonResolver } from './intake/person.resolver';
import { ClaimService } from './referrals/claim.service';
import { ReferralWorkflowService } from './referrals/referral-workflow.service';
import { CaseWorkflowService } from './cases/case-workflow.service';
import { ReferralQueryService } from './referrals/referral-query.service';
import { ReferralResolver, TimelineEventResolver } from './referrals/referral.resolver';
import { ReferralPauseResolver } from './referrals/pause.resolver';
import { PublicNoticeResolver } from './referrals/public-notice.resolver';
import { PublicNoticeService } from './referrals/public-notice.service';
import { RefusalNoticeService } from './referrals/refusal-notice.service';
import { SignalService } from './monitoring/signal.service';
import { WarningFolder } from './monitoring/warning-folder';
import { WarningResolver } from './monitoring/warning.resolver';
import { WarningQueryService } from './monitoring/warning-query.service';
import { SignalResolver } from './monitoring/signal.resolver';
import { ReferralRefusalNoticeResolver, RefusalNoticeResolver } from './referrals/refusal-notice.resolver';
import { SupervisionResolver } from './supervision/supervision.graphql';
import { SupervisionService } from './supervision/supervision.service';
import { SupervisionLadder } from './supervision/supervision-ladder';
import { SlaReportService } from './reports/sla-report.service';
import { ReportRollup } from './reports/report-rollup';
import { JobMetrics } from './common/job-metrics';
import { registerDatabaseMetrics } from './db/database-metrics';
import { SlaReportResolver, TownshipSlaRowResolver } from './reports/sla-report.resolver';
import { SlaService } from './sla/sla.service';
import { SlaScanner } from './sla/sla-scanner';
import { recomputeDueDates } from './sla/due-date-recompute';
import { UserErrorResolver } from './graphql/localized.resolver';
import { ResolverInstances } from './graphql/schema';
import { AdapterRegistry } from './delivery/adapter-registry';
import { DepartmentAdapter } from './delivery/department-adapter';
import { PartnerSettings } from './delivery/partners-file';
import { setUpPartners } from './delivery/partners-setup';
import { PROTOCOLS } from '../adapters';
import { DeliveryMetrics } from './delivery/delivery-metrics';
import { DEFAULT_DISPATCHER_OPTIONS, Dispatcher, DispatcherOptions } from './delivery/dispatcher';
import { DeliveryService } from './delivery/delivery.service';
import { DeliveryResolver } from './delivery/delivery.resolver';
import { CallbackService } from './delivery/callback.service';
import { StatusPoller } from './delivery/status-poller';
import { StandardsService } from './classification/standards.service';
import { RegisterQueryService } from './register/register-query.service';
import { ImportCommitter } from './register/import/import-commit';
import { RegisterImportService } from './register/import/import.service';
import { RegisterImportResolver } from './register/import/import.graphql';
import { ReviewService } from './register/review/review.service';
import { RegisterFiguresResolver, RegisterFiguresService } from './register/register-figures';
import { ReviewScheduler } from './register/review/review-scheduler';
import { recomputeReviewDeadlines } from './register/review/review-recompute';
import { HouseholdReviewsResolver, RegisterReviewResolver } from './register/review/review.graphql';
import { CaseRegisterResolver, RegisterHouseholdConnectionResolver, RegisterMemberResolver, RegisterResolver, TierRecordResolver } from './register/register.resolver';
import { StandardsResolver } from './classification/standards.resolver';
import { Registry } from 'prom-client';

/** What the composition root needs from outside: settings, time, the database, keys, logging. */
export interface HubFoundation {
  config: HubConfig;
  clock: Clock;
  uow: UnitOfWork;
  crypto: PiiCrypto;
  logger: Logger;
  /**
   * The partner file's settings and each PUSH department's adapter (a department without one
   * pulls). Default: read from HUB_PARTNERS_FILE with the protocols of adapters/ (none: all pull).
   */
  partnerSetup?: { partners: PartnerSettings[]; adapters: DepartmentAdapter[] };
  dispatcherOptions?: Partial<DispatcherOptions>;
}

/** Every service of one hub process, built once, each given exactly what it uses. */
export interface HubServices extends HubFoundation {
  /** Which departments are pushed to, through which adapter, with which settings. */
  adapterRegistry: AdapterRegistry;
  /** Every metric of this hub (/metrics). */
  metrics: Registry;
  deliveryMetrics: DeliveryMetrics;
  dispatcher: Dispatcher;
  deliveries: DeliveryService;
  callbacks: CallbackService;
  statusPoller: StatusPoller;
  /** Asks asynchronous partners about quiet referrals; started with the dispatcher. */
  statusJob: PeriodicJob;
  calendar: CalendarService;
  sla: SlaService;
  intake: IntakeService;
  cases: CaseQueryService;
  referrals: ReferralQueryService;
  claims: ClaimService;
  referralWorkflow: ReferralWorkflowService;
  caseWorkflow: CaseWorkflowService;
  reports: SlaReportService;
  standards: StandardsService;
  register: RegisterQueryService;
  imports: RegisterImportService;
  importJob: PeriodicJob;
  reviews: ReviewService;
  reviewScheduler: ReviewScheduler;
  /** The periodic review job (定期复核): tasks as they fall due, and their warnings. */
  reviewJob: PeriodicJob;
  scanner: SlaScanner;
  /** The periodic SLA scan (and lease expiry); started by the server unless told not to. */
  scanJob: PeriodicJob;
  /** The report's daily rollup, and the job that rolls the days that are over; started with the scan. */
  rollup: ReportRollup;
  rollupJob: PeriodicJob;
  retention: DeliveryRetention;
  retentionJob: PeriodicJob;
  resolvers: ResolverInstances;
}

/** The composition root: the only place that knows every service and how they are wired. */
export function composeHub(foundation: HubFoundation): HubServices {
  const { config, clock, uow, crypto, logger } = foundation;
  const partnerSetup = foundation.partnerSetup ?? setUpPartners(config, PROTOCOLS);
  const adapterRegistry = new AdapterRegistry(partnerSetup.adapters, partnerSetup.partners);
  const metrics = new Registry();
  const deliveryMetrics = new DeliveryMetrics(metrics);
  const calendar = new CalendarService(uow);
  const dispatcher = new Dispatcher(uow, adapterRegistry, crypto, clock, deliveryMetrics, logger, calendar, { ...DEFAULT_DISPATCHER_OPTIONS, ...foundation.dispatcherOptions });
  const deliveries = new DeliveryService(uow, adapterRegistry, dispatcher, deliveryMetrics);
  deliveryMetrics.refreshOutboxDepth = () => deliveries.refreshGauges();
  const sla = new SlaService(calendar, { workingDays: config.slaWorkingDays, warningDays: config.slaWarningDays });
  const intake = new IntakeService(uow, calendar, crypto, sla.settings, adapterRegistry, (departments) => dispatcher.nudge(departments));
  const cases = new CaseQueryService(uow, sla, crypto);
  const referrals = new ReferralQueryService(uow, sla);
  const claims = new ClaimService(uow);
  const referralWorkflow = new ReferralWorkflowService(uow, calendar, { publicNotice: config.publicNotice });
  const caseWorkflow = new CaseWorkflowService(uow, calendar, adapterRegistry);
  const callbacks = new CallbackService(uow, adapterRegistry, referralWorkflow, clock, deliveryMetrics, logger, calendar);
  const statusPoller = new StatusPoller(uow, adapterRegistry, callbacks, clock, logger, config.statusQueryMinutes);
  const jobMetrics = new JobMetrics(metrics);
  registerDatabaseMetrics(metrics, uow);
  const statusJob = new PeriodicJob('status query', () => statusPoller.run(), logger, jobMetrics);
  const rollup = new ReportRollup(uow, calendar, sla, clock);
  const reports = new SlaReportService(uow, calendar, sla, rollup);
  const standards = new StandardsService();
  const register = new RegisterQueryService(uow, crypto);
  const supervision = new SupervisionService(uow);
  // A notice on a PUSH referral goes out with the dispatcher's next round (the row commits with the notice).
  const ladder = new SupervisionLadder(uow, calendar, sla, (m, notice, now) => enqueueNotice(m, (d) => (adapterRegistry.adapterFor(d) ? adapterRegistry.settingsOf(d) : null), notice, now));
  const publicNotices = new PublicNoticeService(uow, calendar);
  const refusalNotices = new RefusalNoticeService(uow, calendar);
  const signals = new SignalService(uow, crypto, new WarningFolder(calendar));
  // After the warnings: notices whose time is over take effect, then the supervision ladder.
  const scanner = new SlaScanner(uow, calendar, sla, claims, clock, async (now) => ({ noticesEnded: await publicNotices.endNotices(now), ...(await ladder.run(now)), signalsMatched: await signals.matchPending(now) }));
  const scanJob = new PeriodicJob(
    'sla scan',
    async () => {
      const r = await scanner.scan();
      const { followUp, ...warnings } = r;
      if (Object.values(warnings).some(Boolean) || Object.values(followUp).some(Boolean)) logger.info({ scan: r }, 'sla scan');
    },
    logger,
    jobMetrics,
  );

  const rollupJob = new PeriodicJob(
    'report rollup',
    async () => {
      const r = await rollup.roll();
      if (r.days) logger.info({ rollup: r }, 'report rollup');
    },
    logger,
    jobMetrics,
  );

  const retention = new DeliveryRetention(uow, clock, config.retentionDays);
  const retentionJob = new PeriodicJob(
    'retention',
    async () => {
      const r = await retention.purge();
      if (r.outbox || r.inbox) logger.info({ removed: r }, 'finished outbox rows and old inbox entries removed');
    },
    logger,
    jobMetrics,
  );

  const importCommitter = new ImportCommitter(uow, clock);
  const imports = new RegisterImportService(uow, crypto, clock, importCommitter, logger, config.importMaxBytes);
  const importJob = new PeriodicJob(
    'register import',
    async () => {
      const abandoned = await imports.failAbandoned();
      if (abandoned) logger.warn({ abandoned }, 'register imports left validating by a stopped process marked failed');
      await importCommitter.run();
    },
    logger,
    jobMetrics,
  );

  const reviews = new ReviewService(uow, sla, clock);
  const reviewScheduler = new ReviewScheduler(uow, calendar, sla, clock);
  const reviewJob = new PeriodicJob(
    'register review',
    async () => {
      const r = await reviewScheduler.run();
      if (r.created || r.atRisk || r.overdue) logger.info({ reviews: r }, 'register reviews');
    },
    logger,
    jobMetrics,
  );

  calendar.onPublished(async (year) => {
    const changed = await recomputeDueDates(uow, () => calendar.calendar, year, clock.now());
    const reviewDeadlines = await recomputeReviewDeadlines(uow, () => calendar.calendar, year);
    logger.info({ year, changed, reviewDeadlines }, 'due dates recomputed after calendar publication');
    // The medians count working days: the year's days already rolled are counted again.
    await rollup.rollAgainFrom(`${year}-01-01`);
  });

  const resolvers: ResolverInstances = new Map<Function, object>([
    [CaseResolver, new CaseResolver(cases, sla)],
    [HouseholdMemberResolver, new HouseholdMemberResolver()],
    [PersonResolver, new PersonResolver(crypto)],
    [IntakeResolver, new IntakeResolver(intake, caseWorkflow)],
    [CaseOwnershipResolver, new CaseOwnershipResolver(caseWorkflow)],
    [ReferralResolver, new ReferralResolver(referrals, claims, referralWorkflow, sla)],
    [ReferralPauseResolver, new ReferralPauseResolver(referrals, referralWorkflow, sla)],
    [PublicNoticeResolver, new PublicNoticeResolver(referrals, publicNotices)],
    [RefusalNoticeResolver, new RefusalNoticeResolver(refusalNotices, calendar, referrals)],
    [ReferralRefusalNoticeResolver, new ReferralRefusalNoticeResolver()],
    [SignalResolver, new SignalResolver(signals)],
    [WarningResolver, new WarningResolver(new WarningQueryService(uow))],
    [SupervisionResolver, new SupervisionResolver(supervision)],
    [TimelineEventResolver, new TimelineEventResolver()],
    [CalendarResolver, new CalendarResolver(calendar)],
    [SlaReportResolver, new SlaReportResolver(reports)],
    [TownshipSlaRowResolver, new TownshipSlaRowResolver()],
    [UserErrorResolver, new UserErrorResolver()],
    [DeliveryResolver, new DeliveryResolver(deliveries, referrals)],
    [StandardsResolver, new StandardsResolver(standards)],
    [RegisterResolver, new RegisterResolver(register)],
    [RegisterMemberResolver, new RegisterMemberResolver(crypto)],
    [TierRecordResolver, new TierRecordResolver()],
    [RegisterHouseholdConnectionResolver, new RegisterHouseholdConnectionResolver()],
    [CaseRegisterResolver, new CaseRegisterResolver(register)],
    [RegisterImportResolver, new RegisterImportResolver(imports)],
    [RegisterReviewResolver, new RegisterReviewResolver(reviews, register)],
    [HouseholdReviewsResolver, new HouseholdReviewsResolver(reviews)],
    [RegisterFiguresResolver, new RegisterFiguresResolver(new RegisterFiguresService(uow, sla))],
  ]);

  return { ...foundation, adapterRegistry, metrics, deliveryMetrics, dispatcher, deliveries, callbacks, statusPoller, statusJob, calendar, sla, intake, cases, referrals, claims, referralWorkflow, caseWorkflow, reports, standards, register, imports, importJob, reviews, reviewScheduler, reviewJob, scanner, scanJob, rollup, rollupJob, retention, retentionJob, resolvers };
}
