import type { Clock } from '../common/clock';

// A department's circuit breaker (熔断), on the hub's injected clock like every other decision by
// time (the budget, the leases): after `failures` retryable failures in a row it opens, sends nothing
// for `openMs`, then lets one trial call through (half-open); a success closes it, a failure opens it
// again. cockatiel's breaker reads Date.now() itself, so a test could only wait for it in real time.

export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export class DeliveryBreaker {
  private current: BreakerState = 'CLOSED';
  private consecutive = 0;
  private openedAt = 0;

  constructor(
    private readonly clock: Clock,
    private readonly failures: number,
    private readonly openMs: number,
    private readonly onChange: (state: BreakerState) => void = () => {},
  ) {}

  /** The state now: an open breaker whose time is up reads HALF_OPEN. */
  get state(): BreakerState {
    if (this.current === 'OPEN' && this.clock.now().getTime() - this.openedAt >= this.openMs) this.become('HALF_OPEN');
    return this.current;
  }

  /** Whether a call may go out now (half-open: the trial). */
  admits(): boolean {
    return this.state !== 'OPEN';
  }

  succeeded(): void {
    this.consecutive = 0;
    if (this.current !== 'CLOSED') this.become('CLOSED');
  }

  failed(): void {
    this.consecutive++;
    if (this.current === 'HALF_OPEN' || (this.current === 'CLOSED' && this.consecutive >= this.failures)) {
      this.openedAt = this.clock.now().getTime();
      this.become('OPEN');
    }
  }

  private become(state: BreakerState): void {
    this.current = state;
    this.onChange(state);
  }
}
