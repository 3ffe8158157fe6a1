import { cstMs, MINUTE } from './vocabulary';
import { SeededRandom } from './random';
import { WorkingYear } from './working-year';

/** One case to seed: where and when it was accepted, and how it ends. */
export interface PlannedCase {
  kind: 'OPEN' | 'CLOSED' | 'WITHDRAWN';
  /** Working days between acceptance and today (0: accepted today). */
  age: number;
  acceptedMs: number;
  township: string;
  /** Open referrals (OPEN), or referrals (CLOSED, WITHDRAWN). */
  referrals: number;
}

export interface IntakeVolume {
  openReferrals: number;
  closedReferrals: number;
  /** The share of open referrals still open one working day later. */
  decay: number;
  /** Where cases are accepted, each township as likely. */
  townships: readonly string[];
  /** How many referrals a case has, weighted by repetition. */
  referralsPerCase: readonly number[];
}

/**
 * The cases of the year, in acceptance order (ids follow acceptance time, as in production).
 * Open cases are mostly recent: the chance that a case is still open decays by `decay` per working
 * day of age, and the tail beyond 15 working days (overdue stragglers) is spread evenly over the
 * rest of the year. Finished cases were accepted two or more working days ago (any day of the
 * year), so that they ended before today.
 */
export function planIntake(year: WorkingYear, random: SeededRandom, volume: IntakeVolume): PlannedCase[] {
  const { decay } = volume;
  const weights: number[] = [];
  const tailAges = Math.max(1, year.maxAge - 15);
  for (let age = 0; age <= year.maxAge; age++) weights.push(age <= 15 ? decay ** age : decay ** 16 / (1 - decay) / tailAges);
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const total = cumulative[cumulative.length - 1];
  const sampleAge = () => {
    const x = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const planned: PlannedCase[] = [];
  for (let open = 0; open < volume.openReferrals; ) {
    const n = Math.min(volume.openReferrals - open, random.pick(volume.referralsPerCase));
    planned.push(plannedCase(year, random, volume.townships, 'OPEN', sampleAge(), n));
    open += n;
  }
  for (let closed = 0; closed < volume.closedReferrals; ) {
    const n = Math.min(volume.closedReferrals - closed, random.pick(volume.referralsPerCase));
    planned.push(plannedCase(year, random, volume.townships, random.chance(0.03) ? 'WITHDRAWN' : 'CLOSED', random.int(2, year.maxAge), n));
    closed += n;
  }
  return planned.sort((a, b) => a.acceptedMs - b.acceptedMs);
}

function plannedCase(year: WorkingYear, random: SeededRandom, townships: readonly string[], kind: PlannedCase['kind'], age: number, referrals: number): PlannedCase {
  // Windows open 08:30–17:30; today's cases were accepted at least half an hour ago.
  const day = year.dayOf(age, 0);
  const latest = age === 0 ? Math.floor((year.nowMs - cstMs(day, 0)) / MINUTE) - 30 : 17 * 60 + 30;
  if (latest < 8 * 60 + 30) throw new Error('HUB_BENCH_NOW must be at 09:00 CST or later');
  return { kind, age, acceptedMs: cstMs(day, random.int(8 * 60 + 30, latest)), township: random.pick(townships), referrals };
}
