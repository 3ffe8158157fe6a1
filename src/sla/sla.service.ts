import { CaseEntity } from '../cases/case.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { CANCELLED_STATUS } from '../referrals/referral-status';
import { CalendarService } from '../calendar/calendar.service';
import { IsoDate } from '../common/dates';
import { caseSla, referralSla, SlaFigures } from './sla.rules';
import { slaWindow, SlaWindow } from './sla.filters';
import { AcknowledgementFigures, acknowledgementSla } from './acknowledgement-clock';
import { ACKNOWLEDGE_WARNING_DAYS } from './loop-standards';
import { PauseFigures, pauseSla } from './pause-clock';
import { acknowledgementWindow, AcknowledgementWindow } from './acknowledgement.filters';

/** The SLA settings: working days granted (HUB_SLA_WORKING_DAYS) and the warning threshold. */
export interface SlaSettings {
  workingDays: number;
  warningDays: number;
}

/** SLA figures computed at read time from stored clocks, the calendar in memory and today (CST). */
export class SlaService {
  constructor(
    private readonly calendars: CalendarService,
    readonly settings: SlaSettings,
  ) {}

  /** The working calendar in force (for clocks of other kinds, e.g. register reviews). */
  get calendar() {
    return this.calendars.calendar;
  }

  ofReferral(today: IsoDate, r: ReferralEntity): SlaFigures {
    return referralSla(this.calendars.calendar, r, today, this.settings.warningDays);
  }

  /** The referral's acknowledgement clock (受理时限), or null while it has not started. */
  ofAcknowledgement(today: IsoDate, r: ReferralEntity): AcknowledgementFigures | null {
    const endedOn = r.acknowledgedDate === null && r.status === CANCELLED_STATUS ? r.finishedDate : null;
    return acknowledgementSla(this.calendars.calendar, { ...r, endedOn }, today, ACKNOWLEDGE_WARNING_DAYS);
  }

  /** A pause's own clock (its maximum), or null for one without a deadline. */
  ofPause(today: IsoDate, p: { startedOn: IsoDate; deadline: IsoDate | null; endedOn: IsoDate | null }): PauseFigures | null {
    return pauseSla(this.calendars.calendar, p, today);
  }

  /** A case's clock from the referrals given (a department's view passes only its own). */
  ofCase(today: IsoDate, c: CaseEntity, referrals: ReferralEntity[]): SlaFigures {
    return caseSla(
      this.calendars.calendar,
      c.acceptedDate,
      referrals[0]?.slaDays ?? this.settings.workingDays,
      referrals.map((r) => ({ sla: this.ofReferral(today, r), cancelled: r.status === CANCELLED_STATUS })),
      c.closedDate,
      today,
      this.settings.warningDays,
    );
  }

  /** What the SQL forms of the acknowledgement clock's states need to know about today. */
  acknowledgementWindow(today: IsoDate): AcknowledgementWindow {
    return acknowledgementWindow(this.calendars.calendar, today);
  }

  /** What the SQL forms of the states need to know about today. */
  window(today: IsoDate): SlaWindow {
    return slaWindow(this.calendars.calendar, today, this.settings.warningDays);
  }
}
