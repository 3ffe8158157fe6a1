import { LEGAL_FROM } from '../../console/src/pages/workbench/referral-actions';
import { ReferralAction, TRANSITIONS } from '../../src/referrals/referral-status';

// The department workbench offers an action only from the statuses the hub's state machine allows.
describe('console workbench actions', () => {
  it.each(Object.keys(LEGAL_FROM) as Array<keyof typeof LEGAL_FROM>)('%s is offered from exactly the statuses the hub allows', (action) => {
    expect([...LEGAL_FROM[action]].sort()).toEqual([...TRANSITIONS[action as ReferralAction].from].sort());
  });
});
