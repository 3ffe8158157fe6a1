import { cstDateOf, IsoDate } from './dates';

/** The hub's notion of now. Production runs on the system clock; HUB_CLOCK_START shifts it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Starts at `start` and runs on in real time (HUB_CLOCK_START, for demos and tests). */
export function shiftedClock(start: Date, base: Clock = systemClock): Clock {
  const offset = start.getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

/** A clock a test moves by hand. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advanceDays(days: number): void {
    this.current += days * 86_400_000;
  }
}

export function todayCst(clock: Clock): IsoDate {
  return cstDateOf(clock.now());
}
