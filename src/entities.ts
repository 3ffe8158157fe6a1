import { CaseEntity } from './cases/case.entity';
import { PersonEntity } from './intake/person.entity';
import { HouseholdMemberEntity } from './intake/household-member.entity';
import { CaseSequenceEntity } from './intake/case-sequence.entity';
import { ReferralEntity } from './referrals/referral.entity';
import { ReferralPauseEntity } from './referrals/referral-pause.entity';
import { NoticeObjectionEntity } from './referrals/notice-objection.entity';
import { RefusalNoticeEntity } from './referrals/refusal-notice.entity';
import { MonitoringSignalEntity } from './monitoring/signal.entity';
import { WarningEntity, WarningHitEntity } from './monitoring/warning.entity';
import { SupervisionNoticeEntity } from './supervision/supervision-notice.entity';
import { TimelineEventEntity } from './timeline/timeline-event.entity';
import { SlaWarningEntity } from './sla/sla-warning.entity';
import { CalendarDayEntity, CalendarYearEntity } from './calendar/calendar.entity';
import { AccessLogEntity } from './access/access-log.entity';
import { InboxEntity, NonceEntity, OutboxEntity } from './delivery/outbox.entity';
import { RegisterCountEntity, RegisterHouseholdEntity, RegisterMemberEntity, TierRecordEntity } from './register/register.entities';
import { ImportRowEntity, RegisterImportEntity } from './register/import/import.entities';
import { RegisterReviewEntity } from './register/review/review.entity';
import { ReportDayEntity, ReportAcknowledgementEntity, ReportResolutionEntity, ReportRollupEntity } from './reports/report-day.entity';

/** Every table the hub maps, handed by the composition's boot to the data source (db/ knows no domain). */
export const HUB_ENTITIES = [
  CaseEntity,
  PersonEntity,
  HouseholdMemberEntity,
  CaseSequenceEntity,
  ReferralEntity,
  ReferralPauseEntity,
  NoticeObjectionEntity,
  RefusalNoticeEntity,
  MonitoringSignalEntity,
  WarningEntity,
  WarningHitEntity,
  SupervisionNoticeEntity,
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
  ReportAcknowledgementEntity,
  ReportRollupEntity,
  RegisterHouseholdEntity,
  RegisterMemberEntity,
  TierRecordEntity,
  RegisterCountEntity,
  RegisterImportEntity,
  ImportRowEntity,
  RegisterReviewEntity,
];

