// What a department may do with one of its referrals, by status. Mirrors TRANSITIONS in
// src/referrals/referral-status.ts (test/unit/console-referral-actions.test.ts keeps them equal),
// so the workbench offers only what the hub would accept.

export type WorkbenchAction = 'CLAIM' | 'ACKNOWLEDGE' | 'REQUEST_SUPPLEMENT' | 'RESOLVE';
/** The actions taken on one referral (claiming takes a batch). */
export type ReferralActionKind = Exclude<WorkbenchAction, 'CLAIM'>;

export const LEGAL_FROM: Readonly<Record<WorkbenchAction, readonly string[]>> = {
  CLAIM: ['PENDING'],
  ACKNOWLEDGE: ['DELIVERED'],
  REQUEST_SUPPLEMENT: ['IN_PROGRESS'],
  RESOLVE: ['IN_PROGRESS', 'SUPPLEMENT_REQUESTED'],
};

/** The per-referral actions legal from `status` (claiming takes a batch, not one referral). */
export function actionsFrom(status: string): ReferralActionKind[] {
  return (['ACKNOWLEDGE', 'REQUEST_SUPPLEMENT', 'RESOLVE'] as const).filter((a) => LEGAL_FROM[a].includes(status));
}

/** The workbench's tabs: each a status, in the order the work flows. */
export const STATUS_TABS: readonly { status: string; title: string }[] = [
  { status: 'PENDING', title: '待领取' },
  { status: 'DELIVERED', title: '已领取待受理' },
  { status: 'IN_PROGRESS', title: '办理中' },
  { status: 'SUPPLEMENT_REQUESTED', title: '待补充材料' },
  { status: 'RESOLVED', title: '已办结' },
  { status: 'CANCELLED', title: '已撤销' },
  { status: 'DELIVERY_FAILED', title: '推送失败' },
];
