import { ManualClock } from '../../src/common/clock';
import { BreakerState, DeliveryBreaker } from '../../src/delivery/breaker';

// The delivery breaker on the hub's clock: a test moves the clock, never waits for it.

describe('DeliveryBreaker', () => {
  const setUp = () => {
    const clock = new ManualClock('2026-04-07T09:00:00+08:00');
    const changes: BreakerState[] = [];
    const breaker = new DeliveryBreaker(clock, 3, 30_000, (s) => changes.push(s));
    const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
    return { breaker, changes, later };
  };

  it('opens after the given failures in a row, and an answer in between starts the count again', () => {
    const { breaker, changes } = setUp();
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();
    expect(breaker.state).toBe('CLOSED');
    breaker.failed();
    expect(breaker.state).toBe('OPEN');
    expect(breaker.admits()).toBe(false);
    expect(changes).toEqual(['OPEN']);
  });

  it('lets one trial through once its time is up on the clock: a success closes it, a failure opens it again', () => {
    const { breaker, changes, later } = setUp();
    for (let i = 0; i < 3; i++) breaker.failed();
    later(29_999);
    expect(breaker.admits()).toBe(false);
    later(1);
    expect(breaker.state).toBe('HALF_OPEN');
    breaker.failed();
    expect(breaker.state).toBe('OPEN');
    later(30_000);
    expect(breaker.admits()).toBe(true);
    breaker.succeeded();
    expect(breaker.state).toBe('CLOSED');
    expect(changes).toEqual(['OPEN', 'HALF_OPEN', 'OPEN', 'HALF_OPEN', 'CLOSED']);
  });
});
