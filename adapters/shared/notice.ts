import type { SupervisionNoticeMessage } from '../../src/delivery/department-adapter';

/**
 * What every protocol's supervision notice (督办单) carries besides the partner's own reference of
 * the referral (each protocol names that its way): the ask, no personal data. Each field is named,
 * so a field added to the hub's message does not reach a partner unreviewed.
 */
export interface NoticeAsk {
  /** The idempotency key. */
  noticeId: string;
  referralId: string;
  caseNo: string;
  clock: 'ACKNOWLEDGEMENT' | 'RESOLUTION';
  level: 'COUNTY' | 'CITY';
  supervisorRegion: string;
  dueDate: string;
  raisedOn: string;
  respondBy: string;
}

export function noticeAsk(n: SupervisionNoticeMessage): NoticeAsk {
  return {
    noticeId: n.noticeId,
    referralId: n.referralId,
    caseNo: n.caseNo,
    clock: n.clock as NoticeAsk['clock'],
    level: n.level as NoticeAsk['level'],
    supervisorRegion: n.supervisorRegion,
    dueDate: n.dueDate,
    raisedOn: n.raisedOn,
    respondBy: n.respondBy,
  };
}
