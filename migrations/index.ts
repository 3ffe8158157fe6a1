import { InitialSchema1763870400000 } from './1763870400000-initial-schema';
import { ShipOfficialCalendars1763870400001 } from './1763870400001-ship-official-calendars';
import { TimelineEventParams1763870400002 } from './1763870400002-timeline-event-params';
import { AccessLogSearches1763870400003 } from './1763870400003-access-log-searches';
import { PushDelivery1763870400004 } from './1763870400004-push-delivery';
import { ProvinceIndexes1763870400005 } from './1763870400005-province-indexes';
import { CaseCountyCode1763870400006 } from './1763870400006-case-county-code';
import { ReportRollup1763870400007 } from './1763870400007-report-rollup';
import { RetentionIndexes1763870400008 } from './1763870400008-retention-indexes';
import { CalendarRevision1763870400009 } from './1763870400009-calendar-revision';
import { LowIncomeRegister1763870400010 } from './1763870400010-low-income-register';
import { RegisterImports1763870400011 } from './1763870400011-register-imports';
import { RegisterReviews1763870400012 } from './1763870400012-register-reviews';
import { RegisterListIndexes1763870400013 } from './1763870400013-register-list-indexes';
import { RegisterCounts1763870400014 } from './1763870400014-register-counts';
import { AcknowledgementClock1763870400015 } from './1763870400015-acknowledgement-clock';
import { CaseOwner1763870400016 } from './1763870400016-case-owner';
import { ReferralPauses1763870400017 } from './1763870400017-referral-pauses';
import { SupervisionNotices1763870400018 } from './1763870400018-supervision-notices';
import { NoticeObjections1763870400019 } from './1763870400019-notice-objections';
import { RefusalNotices1763870400020 } from './1763870400020-refusal-notices';
import { OutboxNotices1763870400021 } from './1763870400021-outbox-notices';
import { CaseVillage1763870400022 } from './1763870400022-case-village';
import { MonitoringSignals1763870400023 } from './1763870400023-monitoring-signals';
import { Warnings1763870400024 } from './1763870400024-warnings';

/** Every migration, in order. Listed by hand so the build and the tests load the same set. */
export const MIGRATIONS = [InitialSchema1763870400000, ShipOfficialCalendars1763870400001, TimelineEventParams1763870400002, AccessLogSearches1763870400003, PushDelivery1763870400004, ProvinceIndexes1763870400005, CaseCountyCode1763870400006, ReportRollup1763870400007, RetentionIndexes1763870400008, CalendarRevision1763870400009, LowIncomeRegister1763870400010, RegisterImports1763870400011, RegisterReviews1763870400012, RegisterListIndexes1763870400013, RegisterCounts1763870400014, AcknowledgementClock1763870400015, CaseOwner1763870400016, ReferralPauses1763870400017, SupervisionNotices1763870400018, NoticeObjections1763870400019, RefusalNotices1763870400020, OutboxNotices1763870400021, CaseVillage1763870400022, MonitoringSignals1763870400023, Warnings1763870400024];
