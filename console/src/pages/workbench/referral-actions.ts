// What a department may do with one of its referrals, by status: read from the hub's own state
// machine (TRANSITIONS in src/referrals/referral-status.ts), so the workbench offers only what the
// hub would accept.

import { PULL_QUEUE_NAME, STATUS_NAME } from '../../../../src/common/domain-names';
import { TRANSITIONS } from '../../../../src/referrals/referral-status';

export type WorkbenchAction = 'CLAIM' | 'ACKNOWLEDGE' | 'REQUEST_SUPPLEMENT' | 'PAUSE' | 'RESUME' | 'RESOLVE';
/** The actions taken on one referral (claiming takes a batch). */
export type ReferralActionKind = Exclude<WorkbenchAction, 'CLAIM'>;

/** The per-referral actions, in the order the workbench offers them. */
const REFERRAL_ACTIONS: readonly ReferralActionKind[] = ['ACKNOWLEDGE', 'REQUEST_SUPPLEMENT', 'PAUSE', 'RESUME', 'RESOLVE'];

/** What the buttons and the dialogs call each action. */
export const ACTION_LABEL: Record<ReferralActionKind, string> = {
  ACKNOWLEDGE: '受理',
  REQUEST_SUPPLEMENT: '要求补充材料',
  PAUSE: '暂停计时',
  RESUME: '恢复计时',
  RESOLVE: '办结',
};

/** The per-referral actions legal from `status` (claiming takes a batch, not one referral). */
export function actionsFrom(status: string): ReferralActionKind[] {
  return REFERRAL_ACTIONS.filter((a) => (TRANSITIONS[a].from as readonly string[]).includes(status));
}

/** The workbench's tabs: each a status, in the order the work flows, named as the department's queue. */
export const STATUS_TABS: readonly { status: string; title: string }[] = [
  'PENDING',
  'DELIVERED',
  'IN_PROGRESS',
  'SUPPLEMENT_REQUESTED',
  'PAUSED',
  'RESOLVED',
  'CANCELLED',
  'DELIVERY_FAILED',
].map((status) => ({ status, title: (PULL_QUEUE_NAME[status] ?? STATUS_NAME[status]).zh }));
