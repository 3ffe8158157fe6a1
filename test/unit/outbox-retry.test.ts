import { nextAttempt } from '../../src/delivery/outbox';

describe('the retry schedule (capped exponential backoff with full jitter)', () => {
  const now = new Date('2026-04-07T01:00:00.000Z');
  const budgetEnd = '2026-04-10T01:00:00.000Z'; // 72 hours
  const policy = { baseMs: 2_000, capMs: 3_600_000 };

  it('draws uniformly below a ceiling that doubles per attempt', () => {
    expect(nextAttempt(1, now, budgetEnd, policy, () => 0.999)!.getTime() - now.getTime()).toBe(1_998);
    expect(nextAttempt(2, now, budgetEnd, policy, () => 0.5)!.getTime() - now.getTime()).toBe(2_000);
    expect(nextAttempt(5, now, budgetEnd, policy, () => 0.999)!.getTime() - now.getTime()).toBe(31_968);
    expect(nextAttempt(3, now, budgetEnd, policy, () => 0)!.getTime()).toBe(now.getTime());
  });

  it('never waits more than the cap, however many attempts', () => {
    expect(nextAttempt(40, now, budgetEnd, policy, () => 0.999)!.getTime() - now.getTime()).toBe(3_596_400);
  });

  it('gives up when the next attempt would fall after the budget', () => {
    expect(nextAttempt(20, new Date('2026-04-10T00:30:00.000Z'), budgetEnd, policy, () => 0.999)).toBeNull();
    expect(nextAttempt(20, new Date('2026-04-10T00:30:00.000Z'), budgetEnd, policy, () => 0.1)).not.toBeNull();
  });
});
