import {
  CANCELLED_STATUS,
  FINISHED_STATUSES,
  INITIAL_STATUS,
  nextStatus,
  OPEN_STATUSES,
  MATERIALS_STATUS,
  PAUSED_STATUSES,
  ReferralAction,
  ReferralStatus,
  RUNNING_STATUSES,
  sqlStatusList,
  TRANSITIONS,
} from '../../src/referrals/referral-status';

const S = ReferralStatus;
const A = ReferralAction;

// The referral state machine written out by hand, pair by pair: every (status, action) that is
// legal and where it leads. Every pair not listed must be refused.
const LEGAL: Array<[ReferralStatus, ReferralAction, ReferralStatus]> = [
  [S.PENDING, A.CLAIM, S.DELIVERED],
  [S.PENDING, A.DELIVER, S.DELIVERED],
  [S.PENDING, A.DELIVERY_FAILED, S.DELIVERY_FAILED],
  [S.PENDING, A.CANCEL, S.CANCELLED],
  [S.DELIVERED, A.LEASE_EXPIRED, S.PENDING],
  [S.DELIVERED, A.ACKNOWLEDGE, S.IN_PROGRESS],
  [S.DELIVERED, A.CANCEL, S.CANCELLED],
  [S.IN_PROGRESS, A.REQUEST_SUPPLEMENT, S.SUPPLEMENT_REQUESTED],
  [S.IN_PROGRESS, A.RESOLVE, S.RESOLVED],
  [S.IN_PROGRESS, A.CANCEL, S.CANCELLED],
  [S.SUPPLEMENT_REQUESTED, A.SUPPLEMENT_COMPLETE, S.IN_PROGRESS],
  [S.SUPPLEMENT_REQUESTED, A.RESOLVE, S.RESOLVED],
  [S.SUPPLEMENT_REQUESTED, A.CANCEL, S.CANCELLED],
  [S.IN_PROGRESS, A.PAUSE, S.PAUSED],
  [S.PAUSED, A.RESUME, S.IN_PROGRESS],
  [S.PAUSED, A.RESOLVE, S.RESOLVED],
  [S.PAUSED, A.CANCEL, S.CANCELLED],
  [S.IN_PROGRESS, A.NOTICE, S.PAUSED],
  [S.SUPPLEMENT_REQUESTED, A.NOTICE, S.PAUSED],
  [S.PAUSED, A.NOTICE, S.PAUSED],
  [S.DELIVERY_FAILED, A.RETRY_DELIVERY, S.PENDING],
  [S.DELIVERY_FAILED, A.DELIVER, S.DELIVERED], // the partner answered: it had it after all
  [S.DELIVERY_FAILED, A.CANCEL, S.CANCELLED],
];

describe('the referral state machine', () => {
  const statuses = Object.values(S);
  const actions = Object.values(A);

  it.each(statuses.flatMap((status) => actions.map((action) => [status, action] as const)))('%s + %s', (status, action) => {
    const legal = LEGAL.find(([from, a]) => from === status && a === action);
    expect(nextStatus(action, status)).toBe(legal ? legal[2] : null);
  });

  it('covers all 104 pairs, 23 of them legal', () => {
    expect(statuses.length * actions.length).toBe(104);
    const legal = statuses.flatMap((s) => actions.filter((a) => nextStatus(a, s) !== null));
    expect(legal).toHaveLength(LEGAL.length);
  });

  it('refuses a status it does not know', () => {
    expect(nextStatus(A.CANCEL, 'ARCHIVED')).toBeNull();
  });

  it('names the timeline event of every action', () => {
    expect(Object.fromEntries(actions.map((a) => [a, TRANSITIONS[a].event]))).toEqual({
      CLAIM: 'REFERRAL_DELIVERED',
      LEASE_EXPIRED: 'REFERRAL_LEASE_EXPIRED',
      DELIVER: 'REFERRAL_DELIVERED',
      DELIVERY_FAILED: 'REFERRAL_DELIVERY_FAILED',
      RETRY_DELIVERY: 'REFERRAL_DELIVERY_RETRIED',
      ACKNOWLEDGE: 'REFERRAL_ACKNOWLEDGED',
      REQUEST_SUPPLEMENT: 'SUPPLEMENT_REQUESTED',
      SUPPLEMENT_COMPLETE: 'SUPPLEMENT_PROVIDED',
      PAUSE: 'REFERRAL_PAUSED',
      RESUME: 'REFERRAL_RESUMED',
      NOTICE: 'PUBLIC_NOTICE_STARTED',
      RESOLVE: 'REFERRAL_RESOLVED',
      CANCEL: 'REFERRAL_CANCELLED',
    });
  });

  it('derives the status lists the SQL uses from the table', () => {
    expect(INITIAL_STATUS).toBe(S.PENDING);
    expect([...FINISHED_STATUSES].sort()).toEqual([S.CANCELLED, S.RESOLVED]);
    expect([...OPEN_STATUSES].sort()).toEqual([S.DELIVERED, S.DELIVERY_FAILED, S.IN_PROGRESS, S.PAUSED, S.PENDING, S.SUPPLEMENT_REQUESTED]);
    expect(MATERIALS_STATUS).toBe(S.SUPPLEMENT_REQUESTED);
    expect([...PAUSED_STATUSES].sort()).toEqual([S.PAUSED, S.SUPPLEMENT_REQUESTED]);
    expect([...RUNNING_STATUSES].sort()).toEqual([S.DELIVERED, S.DELIVERY_FAILED, S.IN_PROGRESS, S.PENDING]);
    expect(CANCELLED_STATUS).toBe(S.CANCELLED);
    expect(sqlStatusList(FINISHED_STATUSES)).toBe("('RESOLVED', 'CANCELLED')");
  });

  it('lets no action leave a finished status, and reaches every status from the initial one', () => {
    for (const s of FINISHED_STATUSES) for (const a of actions) expect(nextStatus(a, s)).toBeNull();
    const reached = new Set<ReferralStatus>([INITIAL_STATUS]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const s of [...reached]) {
        for (const a of actions) {
          const to = nextStatus(a, s);
          if (to && !reached.has(to)) (reached.add(to), (grew = true));
        }
      }
    }
    expect([...reached].sort()).toEqual([...statuses].sort());
  });
});
