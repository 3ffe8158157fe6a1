import { cstDateOf, IsoDate } from '../../src/common/dates';
import { AssistanceCategory, DEPARTMENT_OF } from '../../src/classification/categories';
import { formatCst } from '../../src/graphql/scalars';
import type { ReferralClock } from '../../src/sla/sla.rules';
import { isProvisional } from '../../src/sla/sla-clock';
import { RowSink } from './bulk-insert';
import { PastWarnings, TimelineEntry } from './past-warnings';
import { SeededRandom } from './random';
import { APPROVED_NOTE, EXTERNAL_REF_PREFIX, iso, MATERIALS, MINUTE } from './vocabulary';
import { WorkingYear } from './working-year';

export interface ReferralToSeed {
  caseId: string;
  township: string;
  category: string;
  age: number;
  acceptedAt: number;
  acceptedDate: IsoDate;
  fate: 'OPEN' | 'RESOLVED' | 'CANCELLED';
  /** The offset of the case's withdrawal (CANCELLED). */
  withdrawnOn: number | null;
  /** The case is still open. */
  openCase: boolean;
  timeline: TimelineEntry[];
}

export interface SeededReferral {
  id: string;
  clock: ReferralClock;
  dueDate: IsoDate;
  finishedAt: number | null;
  /** Transitions it went through: the row's version, and what it adds to its case's. */
  transitions: number;
}

/**
 * Makes up the life of one referral in the hub's state machine — delivered, acknowledged, paused
 * for materials, resolved or cancelled — on working days, and writes its row, its warnings and
 * (into the case's timeline) its events.
 */
export class ReferralHistory {
  /** Open referrals by status. */
  readonly openByStatus = new Map<string, number>();
  private externalRefs = 0;

  constructor(
    private readonly year: WorkingYear,
    private readonly random: SeededRandom,
    private readonly rows: RowSink,
    private readonly warnings: PastWarnings,
  ) {}

  async write(p: ReferralToSeed): Promise<SeededReferral> {
    const { year, random } = this;
    const { age, acceptedAt, acceptedDate, timeline } = p;
    const id = random.idAt(acceptedAt);
    const department = DEPARTMENT_OF[p.category as AssistanceCategory];
    const system = `${department.toLowerCase().replace('_', '-')}-system-1`;
    timeline.push({ at: acceptedAt, referralId: id, type: 'REFERRAL_CREATED', actor: 'SYSTEM', note: `${p.category} → ${department}` });

    // Where this referral ends up, in working days after acceptance.
    let status: string;
    let finish: number | null = null; // offset of RESOLVED / CANCELLED
    if (p.fate === 'CANCELLED') {
      finish = p.withdrawnOn!;
      status = 'CANCELLED';
    } else if (p.fate === 'RESOLVED') {
      // In an open case: done early (no warning). In a finished case: mostly on time, 5 % late.
      finish = p.openCase ? random.int(1, Math.min(age - 1, 11)) : Math.min(age - 1, random.chance(0.05) ? random.int(16, 25) : random.int(2, 14));
      status = 'RESOLVED';
    } else {
      // The younger a referral, the likelier no department has claimed it yet.
      const pending = age === 0 ? 0.7 : age === 1 ? 0.35 : age === 2 ? 0.15 : 0.05;
      status = random.chance(0.003)
        ? 'DELIVERY_FAILED'
        : random.chance(0.002)
          ? 'DELIVERED'
          : random.chance(pending)
            ? 'PENDING'
            : age >= 1 && random.chance(0.1)
              ? 'SUPPLEMENT_REQUESTED'
              : 'IN_PROGRESS';
    }
    const end = finish ?? age; // last offset the history may use
    const acknowledged = status === 'IN_PROGRESS' || status === 'SUPPLEMENT_REQUESTED' || status === 'RESOLVED' || (status === 'CANCELLED' && random.chance(0.6));
    const ackOffset = acknowledged ? random.int(0, Math.min(end, 2)) : null;
    let transitions = 1; // created
    let updatedAt = acceptedAt + random.int(1, 30) * 1000;

    // Claimed and acknowledged.
    let externalRef: string | null = null;
    if (ackOffset !== null) {
      const claimed = Math.max(acceptedAt + MINUTE, year.at(age, ackOffset, random.int(9 * 60, 16 * 60)));
      externalRef = `${EXTERNAL_REF_PREFIX[department]}-${cstDateOf(new Date(claimed)).slice(0, 4)}-${String(++this.externalRefs).padStart(6, '0')}`;
      timeline.push({ at: claimed, referralId: id, type: 'REFERRAL_DELIVERED', actor: department, note: `claimed until ${formatCst(new Date(claimed + 300_000))}` });
      timeline.push({ at: claimed + MINUTE, referralId: id, type: 'REFERRAL_ACKNOWLEDGED', actor: system, note: `externalRef ${externalRef}` });
      transitions += 2;
      updatedAt = claimed + MINUTE;
    }

    // A finished pause (materials asked for and brought), in 12 % of the acknowledged ones.
    let pausedDays = 0;
    if (ackOffset !== null && status !== 'SUPPLEMENT_REQUESTED' && end - ackOffset >= 2 && random.chance(0.12)) {
      const from = random.int(ackOffset, end - 1);
      const to = random.int(from + 1, Math.min(end, from + 5));
      pausedDays = to - from;
      const materials = random.pickDistinct(MATERIALS, 1);
      timeline.push({ at: year.at(age, from, 14 * 60), referralId: id, type: 'SUPPLEMENT_REQUESTED', actor: system, note: materials.join('、') });
      timeline.push({ at: year.at(age, to, 10 * 60), referralId: id, type: 'SUPPLEMENT_PROVIDED', actor: `clerk-${p.township}-1`, note: `${materials.join('、')}; clock resumed` });
      transitions += 2;
      updatedAt = year.at(age, to, 10 * 60);
    }
    const dueDate = year.calendar.addWorkingDays(acceptedDate, 15 + pausedDays);

    // A running pause: the working days left freeze at its start.
    let pauseStarted: IsoDate | null = null;
    let pausedDaysLeft: number | null = null;
    let outstanding: string[] = [];
    if (status === 'SUPPLEMENT_REQUESTED') {
      const from = random.int(ackOffset!, age);
      pauseStarted = year.dayOf(age, from);
      pausedDaysLeft = year.calendar.workingDaysBetween(pauseStarted, dueDate);
      outstanding = random.pickDistinct(MATERIALS, random.int(1, 2));
      updatedAt = Math.max(updatedAt + MINUTE, year.at(age, from, 15 * 60));
      timeline.push({ at: updatedAt, referralId: id, type: 'SUPPLEMENT_REQUESTED', actor: system, note: outstanding.join('、') });
      transitions += 1;
    }

    // A lease running now (claimed in the last few minutes for 300 s; some ran out already).
    let claimToken: string | null = null;
    let claimedBy: string | null = null;
    let leaseExpiresAt: string | null = null;
    if (status === 'DELIVERED') {
      const claimed = Math.max(acceptedAt + MINUTE, year.nowMs - random.int(10, 330) * 1000);
      claimToken = random.idAt(claimed);
      claimedBy = system;
      leaseExpiresAt = iso(claimed + 300_000);
      timeline.push({ at: claimed, referralId: id, type: 'REFERRAL_DELIVERED', actor: department, note: `claimed until ${formatCst(new Date(claimed + 300_000))}` });
      transitions += 1;
      updatedAt = claimed;
    }
    if (status === 'DELIVERY_FAILED') transitions += 1;

    // Decision or cancellation.
    let decision: string | null = null;
    let amount: number | null = null;
    let outcomeNote: string | null = null;
    let decidedAt: string | null = null;
    let finishedAt: number | null = null;
    if (finish !== null) {
      finishedAt = Math.max(updatedAt + MINUTE, year.at(age, finish, random.int(9 * 60, 17 * 60)));
      if (status === 'RESOLVED') {
        decision = random.chance(0.7) ? 'APPROVED' : 'REJECTED';
        amount = decision === 'APPROVED' ? random.int(200, 3000) * 100 : null;
        outcomeNote = decision === 'APPROVED' ? APPROVED_NOTE[p.category] : '经核查不符合条件';
        decidedAt = iso(finishedAt);
        timeline.push({ at: finishedAt, referralId: id, type: 'REFERRAL_RESOLVED', actor: system, note: [decision, amount != null ? `${amount} fen` : null, outcomeNote].filter(Boolean).join('; ') });
      } else {
        timeline.push({ at: finishedAt, referralId: id, type: 'REFERRAL_CANCELLED', actor: 'SYSTEM', note: `case withdrawn; ${department} informed` });
      }
      transitions += 1;
      updatedAt = finishedAt;
      // What the scans said about it while it ran.
      await this.warnings.write(id, 'REFERRAL', age, 15 + pausedDays, finish, `referral due ${dueDate}`, timeline);
    } else {
      this.openByStatus.set(status, (this.openByStatus.get(status) ?? 0) + 1);
    }
    const finishedDate = finishedAt === null ? null : cstDateOf(new Date(finishedAt));

    await this.rows.add('referrals', {
      id,
      case_id: p.caseId,
      department,
      delivery_mode: 'PULL', // the seeded departments are pulled (no partner pushes here)
      category: p.category,
      status,
      township_code: p.township,
      accepted_date: acceptedDate,
      sla_days: 15,
      paused_days: pausedDays,
      due_date: dueDate,
      due_provisional: isProvisional(year.calendar, dueDate) ? 1 : 0,
      pause_started: pauseStarted,
      paused_days_left: pausedDaysLeft,
      outstanding_materials: JSON.stringify(outstanding),
      external_ref: externalRef,
      decision,
      amount_fen: amount,
      outcome_note: outcomeNote,
      decided_at: decidedAt,
      finished_date: finishedDate,
      claim_token: claimToken,
      claimed_by: claimedBy,
      lease_expires_at: leaseExpiresAt,
      created_at: iso(acceptedAt),
      updated_at: iso(updatedAt),
      version: transitions,
    });
    return { id, dueDate, finishedAt, transitions, clock: { acceptedDate, slaDays: 15, pausedDays, pauseStarted, finishedDate } };
  }
}
