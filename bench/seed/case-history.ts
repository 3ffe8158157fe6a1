import { cstDateOf, IsoDate } from '../../src/common/dates';
import type { ReferralClock } from '../../src/sla/sla.rules';
import { RowSink } from './bulk-insert';
import { Households } from './household';
import { PlannedCase } from './intake-plan';
import { SeededRandom } from './random';
import { PastWarnings, TimelineEntry } from './past-warnings';
import { ReferralHistory } from './referral-history';
import { CASE_NOTES, CATEGORIES, CHANNELS, iso, MATERIALS, sha256, WITHDRAW_REASONS } from './vocabulary';
import { WorkingYear } from './working-year';

/** What the SLA rules need of an open case to say its state on a given day: all its referrals' clocks. */
export interface OpenCase {
  id: string;
  acceptedDate: IsoDate;
  referrals: Array<{ id: string; open: boolean; clock: ReferralClock }>;
}

/**
 * Writes a planned case as the hub would have left it: the case row, its referrals (through
 * ReferralHistory), the warnings the scans gave it, its timeline, and the per-township daily
 * sequence its case number came from.
 */
export class CaseHistory {
  readonly openCases: OpenCase[] = [];
  private readonly referrals: ReferralHistory;
  private readonly warnings: PastWarnings;
  /** The last case number of each township and day: `township|day`. */
  private readonly sequences = new Map<string, number>();

  constructor(
    private readonly year: WorkingYear,
    private readonly random: SeededRandom,
    private readonly rows: RowSink,
    private readonly timeline: boolean,
    /** Writes persons and household members when given. */
    private readonly households: Households | null = null,
  ) {
    this.warnings = new PastWarnings(year, random, rows);
    this.referrals = new ReferralHistory(year, random, rows, this.warnings);
  }

  /** Open referrals by status. */
  get openReferralsByStatus(): Map<string, number> {
    return this.referrals.openByStatus;
  }

  async write(planned: PlannedCase): Promise<void> {
    const { year, random } = this;
    const { age, township } = planned;
    const acceptedAt = planned.acceptedMs;
    const acceptedDate = year.dayOf(age, 0);
    const caseId = random.idAt(acceptedAt);
    const seqKey = `${township}|${acceptedDate}`;
    const seq = (this.sequences.get(seqKey) ?? 0) + 1;
    this.sequences.set(seqKey, seq);
    const mode = random.chance(0.05) ? 'EMERGENCY' : random.chance(0.15) ? 'TOLERANT' : 'STANDARD';
    const channel = random.pick(CHANNELS);
    const clerk = `clerk-${township}-${random.int(1, 3)}`;
    const idempotencyKey = `window-${township}-${acceptedDate.replace(/-/g, '')}-${seq}`;
    const events: TimelineEntry[] = [];
    const accepted = [`${mode} acceptance via ${channel}`];
    const missing = mode === 'TOLERANT' ? random.pickDistinct(MATERIALS, random.int(1, 2)) : [];
    const advance = mode === 'EMERGENCY' ? random.int(10, 50) * 10_000 : null;
    if (mode === 'TOLERANT') accepted.push(`missing: ${missing.join('、')}`);
    if (mode === 'EMERGENCY') accepted.push(`emergency advance paid: ${advance} fen`);
    events.push({ at: acceptedAt, referralId: null, type: 'CASE_ACCEPTED', actor: clerk, note: accepted.join('; ') });

    // Referrals: which are open, which resolved, which cancelled, and when. Some open cases have
    // a department that already finished.
    const open = planned.kind === 'OPEN';
    const extraResolved = open && age >= 2 && random.chance(0.2) ? 1 : 0;
    const categories = random.pickDistinct(CATEGORIES, Math.min(CATEGORIES.length, planned.referrals + extraResolved));
    // Finished cases ended before today (age >= 2).
    const withdrawnOn = planned.kind === 'WITHDRAWN' ? random.int(1, Math.min(age - 1, 10)) : null;
    const finishedCase = planned.kind !== 'OPEN';
    let lastFinish = acceptedAt;
    let latestDue = '';
    let caseVersion = 1;
    const openCase: OpenCase = { id: caseId, acceptedDate, referrals: [] };
    for (const [i, category] of categories.entries()) {
      const r = await this.referrals.write({
        caseId,
        township,
        category,
        age,
        acceptedAt,
        acceptedDate,
        fate: planned.kind === 'WITHDRAWN' ? 'CANCELLED' : finishedCase || i >= planned.referrals ? 'RESOLVED' : 'OPEN',
        withdrawnOn,
        openCase: open,
        timeline: events,
      });
      caseVersion += r.transitions;
      if (r.finishedAt !== null) lastFinish = Math.max(lastFinish, r.finishedAt);
      if (r.dueDate > latestDue) latestDue = r.dueDate;
      if (open) openCase.referrals.push({ id: r.id, open: r.finishedAt === null, clock: r.clock });
    }
    if (open) this.openCases.push(openCase);

    // A finished case warned like its latest referral: at risk with 3 working days left, overdue after.
    if (finishedCase) {
      const finishDate = cstDateOf(new Date(lastFinish));
      const dueOffset = year.calendar.workingDaysBetween(acceptedDate, latestDue);
      const finishOffset = year.calendar.workingDaysBetween(acceptedDate, finishDate);
      await this.warnings.write(caseId, 'CASE', age, dueOffset, finishOffset, 'case', events);
      if (planned.kind === 'WITHDRAWN') {
        events.push({ at: lastFinish, referralId: null, type: 'CASE_WITHDRAWN', actor: clerk, note: random.pick(WITHDRAW_REASONS) });
      } else {
        events.push({ at: lastFinish, referralId: null, type: 'CASE_CLOSED', actor: 'SYSTEM', note: 'every referral is resolved or cancelled' });
      }
    }
    const closing = events.find((e) => e.type === 'CASE_WITHDRAWN');
    // (Drawn in this order, as when they were written inline: the same seed gives the same rows.)
    const applicantId = random.idAt(acceptedAt);
    const householdSize = random.int(1, 5);
    const perCapitaIncome = random.int(300, 1500) * 100;
    const note = random.chance(0.3) ? random.pick(CASE_NOTES) : null;
    const applicant = this.households ? this.households.applicantIndex(township, open && mode !== 'EMERGENCY') : null;
    await this.rows.add('cases', {
      id: caseId,
      case_no: `${township}${acceptedDate.replace(/-/g, '')}${String(seq).padStart(4, '0')}`,
      township_code: township,
      status: planned.kind,
      mode,
      channel,
      accepted_at: iso(acceptedAt),
      accepted_date: acceptedDate,
      closed_at: finishedCase ? iso(lastFinish) : null,
      closed_date: finishedCase ? cstDateOf(new Date(lastFinish)) : null,
      // Without households, no persons rows: the id only has to look like one.
      applicant_id: applicantId,
      household_size: householdSize,
      per_capita_income_fen: perCapitaIncome,
      // Materials missing at acceptance were brought in by the time a case finished.
      missing_materials: JSON.stringify(finishedCase ? [] : missing),
      emergency_advance_fen: advance,
      note,
      withdraw_reason: closing ? closing.note : null,
      created_by: clerk,
      owner: clerk,
      idempotency_key: idempotencyKey,
      input_hash: sha256(`${idempotencyKey}|input`),
      open_applicant_key: open && mode !== 'EMERGENCY' ? (applicant?.index ?? sha256(`applicant|${caseId}`)) : null,
      version: caseVersion,
    });
    if (this.households) await this.households.write(caseId, township, acceptedAt, householdSize, { id: applicantId, ...applicant! });
    if (this.timeline) {
      events.sort((a, b) => a.at - b.at);
      for (const [i, e] of events.entries()) {
        await this.rows.add('timeline_events', { id: random.idAt(e.at), case_id: caseId, seq: i + 1, referral_id: e.referralId, at: iso(e.at), type: e.type, actor: e.actor, note: e.note, params: null });
      }
    }
  }

  /** The case_sequences rows, once every case is written: the hub numbers new cases after them. */
  async writeSequences(): Promise<void> {
    for (const [key, last] of this.sequences) {
      const [township, day] = key.split('|');
      await this.rows.add('case_sequences', { township_code: township, day, last_value: last });
    }
  }
}
