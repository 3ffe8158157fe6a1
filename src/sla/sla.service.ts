import { RequestContext } from '../common/request-context';
import { CaseEntity } from '../intake/case.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { ReferralStatus } from '../referrals/referral-status';
import { caseSla, referralSla, SlaFigures } from './sla.rules';

/** SLA figures computed at read time from stored clocks, the calendar in memory and today (CST). */
export function slaOfReferral(ctx: RequestContext, r: ReferralEntity): SlaFigures {
  return referralSla(
    ctx.hub.calendar.calendar,
    {
      acceptedDate: r.acceptedDate,
      slaDays: r.slaDays,
      pausedDays: r.pausedDays,
      pauseStarted: r.pauseStarted,
      finishedDate: r.finishedDate,
    },
    ctx.today,
    ctx.hub.config.slaWarningDays,
  );
}

export function slaOfCase(ctx: RequestContext, c: CaseEntity, referrals: ReferralEntity[]): SlaFigures {
  return caseSla(
    ctx.hub.calendar.calendar,
    c.acceptedDate,
    referrals[0]?.slaDays ?? ctx.hub.config.slaWorkingDays,
    referrals.map((r) => ({ sla: slaOfReferral(ctx, r), cancelled: r.status === ReferralStatus.CANCELLED })),
    c.closedDate,
    ctx.today,
    ctx.hub.config.slaWarningDays,
  );
}
