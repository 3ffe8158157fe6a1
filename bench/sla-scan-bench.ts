/**
 * The periodic SLA scan at scale, against an in-process hub (no HTTP):
 *   npm run bench:scan                                                             # a temporary SQLite file
 *   HUB_BENCH_DATABASE_URL=mysql://root:@127.0.0.1:3306/hub_scan_bench npm run bench:scan   # MySQL/MariaDB
 *
 * Seeds the tables directly with multi-row INSERTs (not through GraphQL): HUB_BENCH_OPEN open
 * referrals (200000, about two per open case) accepted on 2026 working days, most of them in the
 * last twelve working days so that about 1 % are AT_RISK or OVERDUE "today", some of them paused
 * (SUPPLEMENT_REQUESTED), plus the referrals of finished cases (HUB_BENCH_CLOSED, 200000: resolved,
 * some withdrawn) with their timeline history and the warnings they got. Then it times three
 * scans: the first (warns the ~1 %), a second one right after (nothing new), and one on the next
 * working day; shows the time per kind of statement; and runs EXPLAIN (MariaDB/MySQL: also
 * ANALYZE) or EXPLAIN QUERY PLAN (SQLite) on the statements the scan ran, captured from TypeORM's
 * query log. Numbers, not assertions; the expected warning counts come from src/sla/sla.rules.ts.
 *
 * The MySQL database named in the URL (default hub_scan_bench) must not exist: the bench creates
 * it (utf8mb4) and drops it at the end. A sqlite:PATH must not exist either; it is deleted at the
 * end. HUB_BENCH_KEEP=1 keeps either.
 *
 * Other settings: HUB_BENCH_NOW (2026-11-17T10:00:00+08:00, a working day), HUB_BENCH_SEED (1),
 * HUB_BENCH_DECAY (0.68: the share of open referrals still open one working day later, which sets
 * how many are at risk), HUB_BENCH_TIMELINE=0 to seed no timeline history.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import { ulid } from 'ulid';
import { loadConfig } from '../src/config';
import { createHub, RunningHub } from '../src/server';
import { ManualClock } from '../src/common/clock';
import { cstDateOf, IsoDate, WorkingCalendar } from '../src/calendar/working-days';
import { AssistanceCategory, DEPARTMENT_OF } from '../src/classification/categories';
import { caseSla, referralSla, ReferralClock, SlaFigures, SlaState } from '../src/sla/sla.rules';
import { formatCst } from '../src/graphql/scalars';
import type { ScanResult } from '../src/sla/sla-scanner';

const OPEN = Number(process.env.HUB_BENCH_OPEN ?? 200_000);
const CLOSED = Number(process.env.HUB_BENCH_CLOSED ?? 200_000);
const NOW = process.env.HUB_BENCH_NOW ?? '2026-11-17T10:00:00+08:00';
const SEED = Number(process.env.HUB_BENCH_SEED ?? 1);
const DECAY = Number(process.env.HUB_BENCH_DECAY ?? 0.68);
const TIMELINE = process.env.HUB_BENCH_TIMELINE !== '0';
const KEEP = process.env.HUB_BENCH_KEEP === '1';
const SECRET = 'bench-secret-bench-secret-bench-secret-0000';
const YEAR_START = '2026-01-01';
const MINUTE = 60_000;

// ------------------------------------------------------------------------------------------------
// Deterministic randomness
// ------------------------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const chance = (p: number) => rand() < p;
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}
function pickDistinct<T>(items: readonly T[], n: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}
const idAt = (ms: number) => ulid(ms, rand);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// ------------------------------------------------------------------------------------------------
// Domain values
// ------------------------------------------------------------------------------------------------

const COUNTIES = ['370702', '370703', '370704', '370705', '370781', '370782', '370783', '370784', '370785', '370786'];
const TOWNSHIPS = COUNTIES.flatMap((c) => ['001', '002', '003', '004', '005', '100', '101', '102', '103', '104', '105', '106', '107', '108', '109', '110'].map((t) => c + t));
const CATEGORIES = Object.values(AssistanceCategory);
const PREFIX: Record<string, string> = { CIVIL_AFFAIRS: 'MZ', MEDICAL: 'YB', EDUCATION: 'JY', HOUSING: 'ZJ', EMPLOYMENT: 'RS', JUDICIAL: 'SF', CHARITY: 'CS' };
const APPROVED_NOTE: Record<string, string> = {
  MINIMUM_LIVING: '纳入低保',
  EXTREME_POVERTY: '纳入特困供养',
  TEMPORARY: '给予临时救助',
  MEDICAL: '医疗救助已核准',
  EDUCATION: '教育资助已核准',
  HOUSING: '纳入住房保障',
  EMPLOYMENT: '安排就业援助',
  LEGAL_AID: '指派法律援助律师',
  CHARITY: '链接慈善帮扶',
};
const MATERIALS = ['收入证明', '医院诊断证明', '户口簿', '残疾证', '学籍证明', '租房合同'];
const CASE_NOTES = ['申请人因病致贫', '家中主要劳动力失业', '房屋受灾', '子女就学困难'];
const WITHDRAW_REASONS = ['申请人撤回申请', '家庭收入已恢复', '已迁出本辖区'];

/** The instant `minutes` after midnight CST of `date`. */
function cstMs(date: IsoDate, minutes: number): number {
  return Date.parse(`${date}T00:00:00+08:00`) + minutes * MINUTE;
}
const iso = (ms: number) => new Date(ms).toISOString();

// ------------------------------------------------------------------------------------------------
// Bulk insert: multi-row INSERTs on one query runner, committed every few statements
// ------------------------------------------------------------------------------------------------

type Row = Record<string, string | number | null>;

class Seeder {
  private readonly buffers = new Map<string, Row[]>();
  private readonly columns = new Map<string, string[]>();
  readonly counts = new Map<string, number>();
  private statementsInTransaction = 0;

  constructor(private readonly runner: QueryRunner) {}

  /** Reads each table's columns from the database: every row must give every column a value. */
  async prepare(tables: string[]): Promise<void> {
    for (const table of tables) {
      const t = await this.runner.getTable(table);
      if (!t) throw new Error(`table ${table} is missing`);
      this.columns.set(table, t.columns.map((c) => c.name));
      this.buffers.set(table, []);
      this.counts.set(table, 0);
    }
    await this.runner.startTransaction();
  }

  async add(table: string, row: Row): Promise<void> {
    const columns = this.columns.get(table)!;
    const keys = Object.keys(row);
    if (keys.length !== columns.length || columns.some((c) => !(c in row))) {
      throw new Error(`${table}: row gives [${keys.sort().join(', ')}], the table has [${[...columns].sort().join(', ')}]`);
    }
    const buffer = this.buffers.get(table)!;
    buffer.push(row);
    if (buffer.length * columns.length >= 30_000) await this.flush(table);
  }

  private async flush(table: string): Promise<void> {
    const rows = this.buffers.get(table)!;
    if (rows.length === 0) return;
    this.buffers.set(table, []);
    const columns = this.columns.get(table)!;
    const one = `(${columns.map(() => '?').join(', ')})`;
    const params: unknown[] = [];
    for (const row of rows) for (const c of columns) params.push(row[c]);
    await this.runner.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => one).join(', ')}`, params);
    this.counts.set(table, this.counts.get(table)! + rows.length);
    if (++this.statementsInTransaction >= 20) {
      await this.runner.commitTransaction();
      await this.runner.startTransaction();
      this.statementsInTransaction = 0;
    }
  }

  async finish(): Promise<void> {
    for (const table of this.buffers.keys()) await this.flush(table);
    await this.runner.commitTransaction();
  }
}

// ------------------------------------------------------------------------------------------------
// The seeded world
// ------------------------------------------------------------------------------------------------

interface CaseSpec {
  kind: 'OPEN' | 'CLOSED' | 'WITHDRAWN';
  /** Working days between acceptance and today (0: accepted today). */
  age: number;
  acceptedMs: number;
  township: string;
  /** Open referrals (OPEN), or referrals (CLOSED, WITHDRAWN). */
  referrals: number;
}

/** What the expected counts need of an open case: the clocks of all its referrals. */
interface OpenCase {
  id: string;
  acceptedDate: IsoDate;
  referrals: Array<{ id: string; open: boolean; clock: ReferralClock }>;
}

interface Event {
  at: number;
  referralId: string | null;
  type: string;
  actor: string;
  note: string | null;
}

class World {
  /** Working days of the year up to today, oldest first; index from the end = age. */
  readonly days: IsoDate[] = [];
  readonly openCases: OpenCase[] = [];
  readonly openStatus = new Map<string, number>();
  private readonly sequences = new Map<string, number>();
  private externalRefs = 0;

  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly seeder: Seeder,
    readonly nowMs: number,
    readonly today: IsoDate,
  ) {
    for (let d = YEAR_START; d <= today; d = calendar.addWorkingDays(d, 1)) if (calendar.isWorkday(d)) this.days.push(d);
    if (this.days[this.days.length - 1] !== today) throw new Error(`HUB_BENCH_NOW must be on a working day (${today} is not)`);
  }

  get maxAge(): number {
    return this.days.length - 1;
  }
  /** The working day `offset` working days after the acceptance of a case of age `age`. */
  private dayOf(age: number, offset: number): IsoDate {
    return this.days[this.days.length - 1 - age + offset];
  }
  /** A time of day on that working day (minutes after midnight CST), never after now. */
  private at(age: number, offset: number, minutes: number): number {
    return Math.min(cstMs(this.dayOf(age, offset), minutes), this.nowMs - 10 * MINUTE);
  }

  /** The specs, in acceptance order (ids follow acceptance time, as in production). */
  specs(): CaseSpec[] {
    const specs: CaseSpec[] = [];
    // Open cases: the chance that a case is still open decays by DECAY per working day of age; the
    // tail beyond 15 working days (overdue stragglers) is spread evenly over the rest of the year.
    const weights: number[] = [];
    const tailAges = Math.max(1, this.maxAge - 15);
    for (let age = 0; age <= this.maxAge; age++) weights.push(age <= 15 ? DECAY ** age : DECAY ** 16 / (1 - DECAY) / tailAges);
    const cumulative: number[] = [];
    weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
    const total = cumulative[cumulative.length - 1];
    const sampleAge = () => {
      const x = rand() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    for (let open = 0; open < OPEN; ) {
      const n = Math.min(OPEN - open, pick([1, 1, 1, 2, 2, 2, 2, 3, 3, 3]));
      specs.push(this.spec('OPEN', sampleAge(), n));
      open += n;
    }
    // Finished cases: accepted at any time of the year before today.
    for (let closed = 0; closed < CLOSED; ) {
      const n = Math.min(CLOSED - closed, pick([1, 1, 1, 2, 2, 2, 2, 3, 3, 3]));
      specs.push(this.spec(chance(0.03) ? 'WITHDRAWN' : 'CLOSED', int(2, this.maxAge), n));
      closed += n;
    }
    return specs.sort((a, b) => a.acceptedMs - b.acceptedMs);
  }

  private spec(kind: CaseSpec['kind'], age: number, referrals: number): CaseSpec {
    // Windows open 08:30–17:30; today's cases were accepted at least half an hour ago.
    const day = this.dayOf(age, 0);
    const latest = age === 0 ? Math.floor((this.nowMs - cstMs(day, 0)) / MINUTE) - 30 : 17 * 60 + 30;
    if (latest < 8 * 60 + 30) throw new Error('HUB_BENCH_NOW must be at 09:00 CST or later');
    return { kind, age, acceptedMs: cstMs(day, int(8 * 60 + 30, latest)), township: pick(TOWNSHIPS), referrals };
  }

  async write(spec: CaseSpec): Promise<void> {
    const { age, township } = spec;
    const acceptedAt = spec.acceptedMs;
    const acceptedDate = this.dayOf(age, 0);
    const caseId = idAt(acceptedAt);
    const seqKey = `${township}|${acceptedDate}`;
    const seq = (this.sequences.get(seqKey) ?? 0) + 1;
    this.sequences.set(seqKey, seq);
    const mode = chance(0.05) ? 'EMERGENCY' : chance(0.15) ? 'TOLERANT' : 'STANDARD';
    const channel = pick(['WINDOW', 'WINDOW', 'WINDOW', 'WINDOW', 'WINDOW', 'WINDOW', 'WINDOW', 'ONLINE', 'ONLINE', 'HOTLINE', 'PROACTIVE_DISCOVERY']);
    const clerk = `clerk-${township}-${int(1, 3)}`;
    const idempotencyKey = `window-${township}-${acceptedDate.replace(/-/g, '')}-${seq}`;
    const events: Event[] = [];
    const accepted = [`${mode} acceptance via ${channel}`];
    const missing = mode === 'TOLERANT' ? pickDistinct(MATERIALS, int(1, 2)) : [];
    const advance = mode === 'EMERGENCY' ? int(10, 50) * 10_000 : null;
    if (mode === 'TOLERANT') accepted.push(`missing: ${missing.join('、')}`);
    if (mode === 'EMERGENCY') accepted.push(`emergency advance paid: ${advance} fen`);
    events.push({ at: acceptedAt, referralId: null, type: 'CASE_ACCEPTED', actor: clerk, note: accepted.join('; ') });

    // Referrals: which are open, which resolved, which cancelled, and when.
    const open = spec.kind === 'OPEN';
    const extraResolved = open && age >= 2 && chance(0.2) ? 1 : 0;
    const categories = pickDistinct(CATEGORIES, Math.min(CATEGORIES.length, spec.referrals + extraResolved));
    // Finished cases ended before today (age >= 2).
    const withdrawnOn = spec.kind === 'WITHDRAWN' ? int(1, Math.min(age - 1, 10)) : null;
    const finishedCase = spec.kind !== 'OPEN';
    let lastFinish = acceptedAt;
    let latestDue = '';
    let caseVersion = 1;
    const openCase: OpenCase = { id: caseId, acceptedDate, referrals: [] };
    for (const [i, category] of categories.entries()) {
      const r = await this.writeReferral({
        caseId,
        township,
        category,
        age,
        acceptedAt,
        acceptedDate,
        fate: spec.kind === 'WITHDRAWN' ? 'CANCELLED' : finishedCase || i >= spec.referrals ? 'RESOLVED' : 'OPEN',
        withdrawnOn,
        openCase: open,
        events,
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
      const dueOffset = this.calendar.workingDaysBetween(acceptedDate, latestDue);
      const finishOffset = this.calendar.workingDaysBetween(acceptedDate, finishDate);
      await this.historicalWarnings(caseId, 'CASE', age, dueOffset, finishOffset, 'case', events);
      if (spec.kind === 'WITHDRAWN') {
        events.push({ at: lastFinish, referralId: null, type: 'CASE_WITHDRAWN', actor: clerk, note: pick(WITHDRAW_REASONS) });
      } else {
        events.push({ at: lastFinish, referralId: null, type: 'CASE_CLOSED', actor: 'SYSTEM', note: 'every referral is resolved or cancelled' });
      }
    }
    const closing = events.find((e) => e.type === 'CASE_WITHDRAWN');
    await this.seeder.add('cases', {
      id: caseId,
      case_no: `${township}${acceptedDate.replace(/-/g, '')}${String(seq).padStart(4, '0')}`,
      township_code: township,
      status: spec.kind,
      mode,
      channel,
      accepted_at: iso(acceptedAt),
      accepted_date: acceptedDate,
      closed_at: finishedCase ? iso(lastFinish) : null,
      closed_date: finishedCase ? cstDateOf(new Date(lastFinish)) : null,
      applicant_id: idAt(acceptedAt),
      household_size: int(1, 5),
      per_capita_income_fen: int(300, 1500) * 100,
      // Materials missing at acceptance were brought in by the time a case finished.
      missing_materials: JSON.stringify(finishedCase ? [] : missing),
      emergency_advance_fen: advance,
      note: chance(0.3) ? pick(CASE_NOTES) : null,
      withdraw_reason: closing ? closing.note : null,
      created_by: clerk,
      idempotency_key: idempotencyKey,
      input_hash: sha256(`${idempotencyKey}|input`),
      open_applicant_key: open && mode !== 'EMERGENCY' ? sha256(`applicant|${caseId}`) : null,
      version: caseVersion,
    });
    if (TIMELINE) {
      events.sort((a, b) => a.at - b.at);
      for (const [i, e] of events.entries()) {
        await this.seeder.add('timeline_events', { id: idAt(e.at), case_id: caseId, seq: i + 1, referral_id: e.referralId, at: iso(e.at), type: e.type, actor: e.actor, note: e.note });
      }
    }
  }

  private async writeReferral(p: {
    caseId: string;
    township: string;
    category: string;
    age: number;
    acceptedAt: number;
    acceptedDate: IsoDate;
    fate: 'OPEN' | 'RESOLVED' | 'CANCELLED';
    withdrawnOn: number | null;
    openCase: boolean;
    events: Event[];
  }): Promise<{ id: string; clock: ReferralClock; dueDate: IsoDate; finishedAt: number | null; transitions: number }> {
    const { age, acceptedAt, acceptedDate, events } = p;
    const id = idAt(acceptedAt);
    const department = DEPARTMENT_OF[p.category as AssistanceCategory];
    const system = `${department.toLowerCase().replace('_', '-')}-system-1`;
    events.push({ at: acceptedAt, referralId: id, type: 'REFERRAL_CREATED', actor: 'SYSTEM', note: `${p.category} → ${department}` });

    // Where this referral ends up, in working days after acceptance.
    let status: string;
    let finish: number | null = null; // offset of RESOLVED / CANCELLED
    if (p.fate === 'CANCELLED') {
      finish = p.withdrawnOn!;
      status = 'CANCELLED';
    } else if (p.fate === 'RESOLVED') {
      // In an open case: done early (no warning). In a finished case: mostly on time, 5 % late.
      finish = p.openCase ? int(1, Math.min(age - 1, 11)) : Math.min(age - 1, chance(0.05) ? int(16, 25) : int(2, 14));
      status = 'RESOLVED';
    } else {
      const pending = age === 0 ? 0.7 : age === 1 ? 0.35 : age === 2 ? 0.15 : 0.05;
      status = chance(0.003)
        ? 'DELIVERY_FAILED'
        : chance(0.002)
          ? 'DELIVERED'
          : chance(pending)
            ? 'PENDING'
            : age >= 1 && chance(0.1)
              ? 'SUPPLEMENT_REQUESTED'
              : 'IN_PROGRESS';
    }
    const end = finish ?? age; // last offset the history may use
    const acknowledged = status === 'IN_PROGRESS' || status === 'SUPPLEMENT_REQUESTED' || status === 'RESOLVED' || (status === 'CANCELLED' && chance(0.6));
    const ackOffset = acknowledged ? int(0, Math.min(end, 2)) : null;
    let transitions = 1; // created
    let updatedAt = acceptedAt + int(1, 30) * 1000;

    // Claimed and acknowledged.
    let externalRef: string | null = null;
    if (ackOffset !== null) {
      const claimed = Math.max(acceptedAt + MINUTE, this.at(age, ackOffset, int(9 * 60, 16 * 60)));
      externalRef = `${PREFIX[department]}-2026-${String(++this.externalRefs).padStart(6, '0')}`;
      events.push({ at: claimed, referralId: id, type: 'REFERRAL_DELIVERED', actor: department, note: `claimed until ${formatCst(new Date(claimed + 300_000))}` });
      events.push({ at: claimed + MINUTE, referralId: id, type: 'REFERRAL_ACKNOWLEDGED', actor: system, note: `externalRef ${externalRef}` });
      transitions += 2;
      updatedAt = claimed + MINUTE;
    }

    // A finished pause (materials asked for and brought), in 12 % of the acknowledged ones.
    let pausedDays = 0;
    if (ackOffset !== null && status !== 'SUPPLEMENT_REQUESTED' && end - ackOffset >= 2 && chance(0.12)) {
      const from = int(ackOffset, end - 1);
      const to = int(from + 1, Math.min(end, from + 5));
      pausedDays = to - from;
      const materials = pickDistinct(MATERIALS, 1);
      events.push({ at: this.at(age, from, 14 * 60), referralId: id, type: 'SUPPLEMENT_REQUESTED', actor: system, note: materials.join('、') });
      events.push({ at: this.at(age, to, 10 * 60), referralId: id, type: 'SUPPLEMENT_PROVIDED', actor: `clerk-${p.township}-1`, note: `${materials.join('、')}; clock resumed` });
      transitions += 2;
      updatedAt = this.at(age, to, 10 * 60);
    }
    const dueDate = this.calendar.addWorkingDays(acceptedDate, 15 + pausedDays);

    // A running pause: the working days left freeze at its start.
    let pauseStarted: IsoDate | null = null;
    let pausedDaysLeft: number | null = null;
    let outstanding: string[] = [];
    if (status === 'SUPPLEMENT_REQUESTED') {
      const from = int(ackOffset!, age);
      pauseStarted = this.dayOf(age, from);
      pausedDaysLeft = this.calendar.workingDaysBetween(pauseStarted, dueDate);
      outstanding = pickDistinct(MATERIALS, int(1, 2));
      updatedAt = Math.max(updatedAt + MINUTE, this.at(age, from, 15 * 60));
      events.push({ at: updatedAt, referralId: id, type: 'SUPPLEMENT_REQUESTED', actor: system, note: outstanding.join('、') });
      transitions += 1;
    }

    // A lease running now (claimed in the last few minutes for 300 s; some ran out already).
    let claimToken: string | null = null;
    let claimedBy: string | null = null;
    let leaseExpiresAt: string | null = null;
    if (status === 'DELIVERED') {
      const claimed = Math.max(acceptedAt + MINUTE, this.nowMs - int(10, 330) * 1000);
      claimToken = idAt(claimed);
      claimedBy = system;
      leaseExpiresAt = iso(claimed + 300_000);
      events.push({ at: claimed, referralId: id, type: 'REFERRAL_DELIVERED', actor: department, note: `claimed until ${formatCst(new Date(claimed + 300_000))}` });
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
      finishedAt = Math.max(updatedAt + MINUTE, this.at(age, finish, int(9 * 60, 17 * 60)));
      if (status === 'RESOLVED') {
        decision = chance(0.7) ? 'APPROVED' : 'REJECTED';
        amount = decision === 'APPROVED' ? int(200, 3000) * 100 : null;
        outcomeNote = decision === 'APPROVED' ? APPROVED_NOTE[p.category] : '经核查不符合条件';
        decidedAt = iso(finishedAt);
        events.push({ at: finishedAt, referralId: id, type: 'REFERRAL_RESOLVED', actor: system, note: [decision, amount != null ? `${amount} fen` : null, outcomeNote].filter(Boolean).join('; ') });
      } else {
        events.push({ at: finishedAt, referralId: id, type: 'REFERRAL_CANCELLED', actor: 'SYSTEM', note: `case withdrawn; ${department} informed` });
      }
      transitions += 1;
      updatedAt = finishedAt;
      // What the scans said about it while it ran.
      await this.historicalWarnings(id, 'REFERRAL', age, 15 + pausedDays, finish, `referral due ${dueDate}`, events);
    } else {
      this.openStatus.set(status, (this.openStatus.get(status) ?? 0) + 1);
    }
    const finishedDate = finishedAt === null ? null : cstDateOf(new Date(finishedAt));

    await this.seeder.add('referrals', {
      id,
      case_id: p.caseId,
      department,
      category: p.category,
      status,
      township_code: p.township,
      accepted_date: acceptedDate,
      sla_days: 15,
      paused_days: pausedDays,
      due_date: dueDate,
      due_provisional: this.calendar.isProvisional(acceptedDate, dueDate) ? 1 : 0,
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

  /** The warnings a finished subject got while it ran: at risk from 3 working days before its due offset, overdue after it. */
  private async historicalWarnings(subjectId: string, type: 'CASE' | 'REFERRAL', age: number, dueOffset: number, finishOffset: number, note: string, events: Event[]): Promise<void> {
    const warn = async (kind: string, offset: number) => {
      if (finishOffset < offset || offset > age) return;
      const at = this.at(age, offset, 0) + int(1, 59) * 1000; // the first scan of that day
      await this.seeder.add('sla_warnings', { subject_id: subjectId, kind, subject_type: type, created_at: iso(at) });
      events.push({ at, referralId: type === 'REFERRAL' ? subjectId : null, type: kind, actor: 'SYSTEM', note });
    };
    await warn('SLA_AT_RISK', dueOffset - 3);
    await warn('SLA_OVERDUE', dueOffset + 1);
  }

  async writeSequences(): Promise<void> {
    for (const [key, last] of this.sequences) {
      const [township, day] = key.split('|');
      await this.seeder.add('case_sequences', { township_code: township, day, last_value: last });
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Expected warnings, from the read-time rules (src/sla/sla.rules.ts)
// ------------------------------------------------------------------------------------------------

interface Expected {
  referral: Map<string, SlaState>;
  case: Map<string, SlaState>;
}

function expectedStates(world: World, calendar: WorkingCalendar, today: IsoDate, warningDays: number): Expected {
  const referral = new Map<string, SlaState>();
  const cases = new Map<string, SlaState>();
  for (const c of world.openCases) {
    const figures: Array<{ sla: SlaFigures; cancelled: boolean }> = [];
    for (const r of c.referrals) {
      const sla = referralSla(calendar, r.clock, today, warningDays);
      figures.push({ sla, cancelled: false });
      if (r.open) referral.set(r.id, sla.state);
    }
    cases.set(c.id, caseSla(calendar, c.acceptedDate, 15, figures, null, today, warningDays).state);
  }
  return { referral, case: cases };
}

const WARNED = [SlaState.AT_RISK, SlaState.OVERDUE];
/** Warnings a scan adds on top of the (subject, state) pairs already warned. */
function newWarnings(states: Map<string, SlaState>, warned: Set<string>): number {
  let n = 0;
  for (const [id, state] of states) {
    if (!WARNED.includes(state) || warned.has(`${id}|${state}`)) continue;
    warned.add(`${id}|${state}`);
    n++;
  }
  return n;
}
function countStates(states: Map<string, SlaState>, state: SlaState): number {
  let n = 0;
  for (const s of states.values()) if (s === state) n++;
  return n;
}

// ------------------------------------------------------------------------------------------------
// Statement capture: TypeORM's logger (running.statements) sees every statement with its
// parameters; logQuerySlow, with a threshold of ~0, gives each one's execution time.
// ------------------------------------------------------------------------------------------------

interface Captured {
  sql: string;
  parameters: unknown[];
}

// Identifiers come quoted ("r"."due_date", `r`.`due_date`) or bare, as the scanner wrote them;
// TypeORM's SQLite driver writes numeric parameters into the SQL text.
const Q = '[`"]?';
const col = (alias: string, column: string) => `${Q}${alias}${Q}\\.${Q}${column}${Q}`;
const SHAPES: Array<[string, RegExp]> = [
  ['referral candidates: running (status IN …, due_date <=)', new RegExp(`FROM ${Q}referrals${Q} ${Q}r${Q} LEFT JOIN ${Q}sla_warnings[\\s\\S]*${col('r', 'due_date')} <= (\\?|-?\\d+)\\)`)],
  ['referral candidates: paused (status =, paused_days_left <=)', new RegExp(`FROM ${Q}referrals${Q} ${Q}r${Q} LEFT JOIN ${Q}sla_warnings[\\s\\S]*${col('r', 'paused_days_left')} <= (\\?|-?\\d+)\\)`)],
  ['case candidates: running', new RegExp(`FROM ${Q}cases${Q} ${Q}c${Q} LEFT JOIN ${Q}sla_warnings[\\s\\S]*${col('x', 'due_date')} <= (\\?|-?\\d+)\\)`)],
  ['case candidates: paused', new RegExp(`FROM ${Q}cases${Q} ${Q}c${Q} LEFT JOIN ${Q}sla_warnings[\\s\\S]*${col('x', 'paused_days_left')} <= (\\?|-?\\d+)\\)`)],
  ['INSERT IGNORE sla_warnings', /^INSERT (OR )?IGNORE INTO sla_warnings/],
  ['timeline: MAX(seq) of the cases', new RegExp(`MAX\\(${col('e', 'seq')}\\)`)],
  ['timeline: INSERT events', new RegExp(`^INSERT INTO ${Q}timeline_events`)],
  ['leases: expired candidates', new RegExp(`${Q}lease_expires_at${Q} < \\?`)],
  ['leases: release UPDATE', new RegExp(`^UPDATE ${Q}referrals${Q} SET [\\s\\S]*${Q}claim_token${Q} = \\?`)],
  ['calendar reload', /calendar_(years|days)/],
  ['BEGIN / COMMIT', /^(BEGIN|COMMIT|START TRANSACTION|SET TRANSACTION|ROLLBACK)/i],
];
/** The read statements worth an EXPLAIN (ANALYZE on MariaDB runs them: never a write). */
const EXPLAINED = [0, 1, 2, 3, 5, 7].map((i) => SHAPES[i][0]);
const shapeOf = (sql: string) => SHAPES.find(([, re]) => re.test(sql.trim()))?.[0] ?? 'other';

class StatementLog {
  recording = false;
  byShape = new Map<string, { count: number; ms: number }>();
  firstOf = new Map<string, Captured>();
  other: string[] = [];

  install(running: RunningHub, dataSource: DataSource): void {
    const logger = running.statements as unknown as {
      writeLog: (level: unknown, message: unknown, runner?: unknown) => void;
      logQuerySlow: (time: number, query: string, parameters?: unknown[], runner?: unknown) => void;
    };
    const writeLog = logger.writeLog.bind(logger);
    logger.writeLog = (level, message, runner) => {
      writeLog(level, message, runner);
      if (!this.recording) return;
      for (const m of (Array.isArray(message) ? message : [message]) as Array<{ type?: string; message?: unknown; parameters?: unknown[] }>) {
        if (m.type !== 'query') continue;
        const sql = String(m.message);
        const shape = shapeOf(sql);
        const entry = this.byShape.get(shape) ?? { count: 0, ms: 0 };
        entry.count++;
        this.byShape.set(shape, entry);
        if (!this.firstOf.has(shape)) this.firstOf.set(shape, { sql, parameters: [...(m.parameters ?? [])] });
        if (shape === 'other' && this.other.length < 5) this.other.push(sql.slice(0, 160));
      }
    };
    logger.logQuerySlow = (time, query) => {
      if (!this.recording) return;
      const entry = this.byShape.get(shapeOf(query));
      if (entry) entry.ms += time;
    };
    // Every statement "slow": its execution time reaches logQuerySlow (ms resolution).
    (dataSource.driver.options as { maxQueryExecutionTime?: number }).maxQueryExecutionTime = 1e-9;
  }

  start(): void {
    this.byShape = new Map();
    this.recording = true;
  }
  stop(): Map<string, { count: number; ms: number }> {
    this.recording = false;
    return this.byShape;
  }
}

// ------------------------------------------------------------------------------------------------
// EXPLAIN
// ------------------------------------------------------------------------------------------------

const WATCHED = ['idx_referrals_claim', 'idx_referrals_status_due', 'idx_referrals_paused'];

async function explain(dataSource: DataSource, kind: 'sqlite' | 'mysql', c: Captured): Promise<string[]> {
  const out: string[] = [];
  if (kind === 'sqlite') {
    const rows = (await dataSource.query(`EXPLAIN QUERY PLAN ${c.sql}`, c.parameters)) as Array<{ id: number; parent: number; detail: string }>;
    const depth = new Map<number, number>([[0, -1]]);
    for (const r of rows) {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      out.push(`${'  '.repeat(d)}${r.detail}`);
    }
    // A SEARCH on status alone walks every row of that status: for OPEN cases, all of them.
    const full = rows.filter((r) => (/^SCAN /.test(r.detail) && !/^SCAN CONSTANT/.test(r.detail)) || /^SEARCH .*\(status=\?\)$/.test(r.detail));
    const used = new Set(rows.flatMap((r) => [...r.detail.matchAll(/INDEX (\w+)/g)].map((m) => m[1])));
    out.push(verdict(used, full.map((r) => (/^SEARCH/.test(r.detail) ? `${r.detail}, i.e. every row with that status` : r.detail))));
  } else {
    const version = String(((await dataSource.query('SELECT VERSION() AS v')) as Array<{ v: string }>)[0].v);
    const mariadb = /mariadb/i.test(version);
    // MariaDB's ANALYZE runs the statement and adds the rows really read (r_rows) to EXPLAIN.
    const rows = (await dataSource.query(`${mariadb ? 'ANALYZE' : 'EXPLAIN'} ${c.sql}`, c.parameters)) as Array<Record<string, unknown>>;
    const cols = ['id', 'select_type', 'table', 'type', 'key', 'key_len', 'ref', 'rows', mariadb ? 'r_rows' : 'filtered', mariadb ? 'r_filtered' : 'filtered', 'Extra'];
    const unique = [...new Set(cols)];
    const table = [unique, ...rows.map((r) => unique.map((k) => (r[k] === null || r[k] === undefined ? '' : String(r[k]))))];
    const widths = unique.map((_, i) => Math.max(...table.map((r) => r[i].length)));
    for (const r of table) out.push(r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd());
    // <subqueryN> / <derivedN> are the statement's own temporary tables, not stored ones.
    const full = rows.filter((r) => (r.type === 'ALL' || r.type === 'index') && !String(r.table).startsWith('<')).map((r) => `${r.table}: type ${r.type}${r.key ? ` (${r.key})` : ''}, ${r.rows} rows estimated${mariadb ? `, ${r.r_rows} read` : ''}`);
    const used = new Set(rows.flatMap((r) => String(r.key ?? '').split(',')).filter(Boolean));
    out.push(verdict(used, full));
  }
  return out;
}

function verdict(used: Set<string>, full: string[]): string {
  const watched = WATCHED.filter((i) => used.has(i));
  const others = [...used].filter((i) => !WATCHED.includes(i));
  return (
    `=> indexes: ${watched.length ? watched.join(', ') : 'none of ' + WATCHED.join('/')}` +
    (others.length ? `; also ${others.join(', ')}` : '') +
    (full.length ? `; FULL SCAN: ${full.join('; ')}` : '; no full scan')
  );
}

// ------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------

interface Target {
  url: string;
  describe: string;
  cleanup(): Promise<void>;
}

async function prepareDatabase(): Promise<Target> {
  const raw = process.env.HUB_BENCH_DATABASE_URL;
  if (!raw || raw.startsWith('sqlite:')) {
    const dir = raw ? null : mkdtempSync(join(tmpdir(), 'hub-scan-bench-'));
    const path = raw ? raw.slice('sqlite:'.length) : join(dir!, 'hub.sqlite');
    if (raw && existsSync(path)) throw new Error(`${path} exists: the bench writes a new SQLite file and deletes it afterwards`);
    return {
      url: `sqlite:${path}`,
      describe: `SQLite ${path}`,
      async cleanup() {
        if (KEEP) return void process.stdout.write(`kept ${path}\n`);
        if (dir) rmSync(dir, { recursive: true, force: true });
        else for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
      },
    };
  }
  if (!raw.startsWith('mysql://')) throw new Error('HUB_BENCH_DATABASE_URL must be sqlite:PATH or mysql://…');
  const url = new URL(raw);
  const name = decodeURIComponent(url.pathname.slice(1)) || 'hub_scan_bench';
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name ${name}: letters, digits and _ only`);
  url.pathname = '/';
  const mysql = await import('mysql2/promise');
  const server = await mysql.createConnection({ uri: url.toString() });
  const [existing] = await server.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
  if ((existing as unknown[]).length > 0) {
    await server.end();
    throw new Error(`database ${name} exists: the bench creates its own database and drops it afterwards; name another one`);
  }
  await server.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  url.pathname = `/${name}`;
  const [versionRows] = await server.query('SELECT VERSION() AS v');
  const version = (versionRows as Array<{ v: string }>)[0].v;
  return {
    url: url.toString(),
    describe: `${version} database ${name} on ${url.host}`,
    async cleanup() {
      if (KEEP) process.stdout.write(`kept database ${name}\n`);
      else await server.query(`DROP DATABASE ${name}`);
      await server.end();
    },
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<void> {
  const target = await prepareDatabase();
  let running: RunningHub | null = null;
  try {
    const clock = new ManualClock(NOW);
    const config = loadConfig({ HUB_DATABASE_URL: target.url, HUB_JWT_SECRET: SECRET, HUB_DATA_KEY: 'cd'.repeat(32), HUB_LOG_LEVEL: 'warn' });
    running = await createHub({ config, clock, startScanner: false });
    const hub = running.hub;
    const dataSource = hub.uow.dataSource;
    const kind = hub.uow.kind;
    const calendar = hub.calendar.calendar;
    const warningDays = config.slaWarningDays;
    const today = cstDateOf(clock.now());
    const nextDay = calendar.addWorkingDays(today, 1);
    process.stdout.write(`SLA scan benchmark on ${target.describe}\n`);
    process.stdout.write(`now ${formatCst(clock.now())}, next working day ${nextDay}; SLA 15 working days, warning at ${warningDays}\n\n`);

    // ---- seed
    const seedStarted = performance.now();
    const runner = dataSource.createQueryRunner();
    const seeder = new Seeder(runner);
    await seeder.prepare(['cases', 'referrals', 'timeline_events', 'sla_warnings', 'case_sequences']);
    const world = new World(calendar, seeder, clock.now().getTime(), today);
    const specs = world.specs();
    for (const spec of specs) await world.write(spec);
    await world.writeSequences();
    await seeder.finish();
    await runner.release();
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    let analyzeSeconds = 0;
    if (kind === 'mysql') {
      // Fresh statistics, as a server that has been running has (InnoDB recalculates them in the
      // background after a bulk load, at a time of its choosing).
      const t0 = performance.now();
      await dataSource.query('ANALYZE TABLE cases, referrals, timeline_events, sla_warnings, case_sequences');
      analyzeSeconds = (performance.now() - t0) / 1000;
    }
    const counts = seeder.counts;
    process.stdout.write(
      `seeded in ${seedSeconds.toFixed(1)} s${kind === 'mysql' ? ` (+ ANALYZE TABLE ${analyzeSeconds.toFixed(1)} s)` : ''}: ` +
        `cases ${fmt(counts.get('cases')!)} (${fmt(world.openCases.length)} open), referrals ${fmt(counts.get('referrals')!)} ` +
        `(${fmt(OPEN)} open: ${[...world.openStatus].sort().map(([s, n]) => `${s} ${fmt(n)}`).join(', ')}), ` +
        `timeline_events ${fmt(counts.get('timeline_events')!)}, sla_warnings ${fmt(counts.get('sla_warnings')!)}, case_sequences ${fmt(counts.get('case_sequences')!)}\n`,
    );

    // ---- expected figures
    const day1 = expectedStates(world, calendar, today, warningDays);
    const day2 = expectedStates(world, calendar, nextDay, warningDays);
    const warnedReferrals = new Set<string>();
    const warnedCases = new Set<string>();
    const expect1 = { referral: newWarnings(day1.referral, warnedReferrals), case: newWarnings(day1.case, warnedCases) };
    const expect3 = { referral: newWarnings(day2.referral, warnedReferrals), case: newWarnings(day2.case, warnedCases) };
    const share = (s: Map<string, SlaState>) => (((countStates(s, SlaState.AT_RISK) + countStates(s, SlaState.OVERDUE)) / s.size) * 100).toFixed(2);
    for (const [label, e] of [[today, day1], [nextDay, day2]] as const) {
      process.stdout.write(
        `at ${label}: referrals AT_RISK ${fmt(countStates(e.referral, SlaState.AT_RISK))}, OVERDUE ${fmt(countStates(e.referral, SlaState.OVERDUE))} (${share(e.referral)} % of open); ` +
          `cases AT_RISK ${fmt(countStates(e.case, SlaState.AT_RISK))}, OVERDUE ${fmt(countStates(e.case, SlaState.OVERDUE))} (${share(e.case)} % of open)\n`,
      );
    }

    // ---- the three scans
    const log = new StatementLog();
    log.install(running, dataSource);
    const scans: Array<{ label: string; seconds: number; result: ScanResult; expected: { referral: number; case: number }; shapes: Map<string, { count: number; ms: number }> }> = [];
    const scan = async (label: string, expected: { referral: number; case: number }) => {
      log.start();
      const t0 = performance.now();
      const result = await running!.scanner.scan();
      const seconds = (performance.now() - t0) / 1000;
      scans.push({ label, seconds, result, expected, shapes: log.stop() });
    };
    await scan('1 first scan', expect1);
    const firstStatements = new Map(log.firstOf);
    await scan('2 again, at once', { referral: 0, case: 0 });
    clock.set(`${nextDay}T10:00:00+08:00`);
    await scan(`3 next working day (${nextDay})`, expect3);

    process.stdout.write('\n');
    const header = ['scan', 'seconds', 'referral warnings (expected)', 'case warnings (expected)', 'leases released', 'statements'];
    const lines = scans.map((s) => [
      s.label,
      s.seconds.toFixed(2),
      `${fmt(s.result.referralWarnings)} (${fmt(s.expected.referral)})`,
      `${fmt(s.result.caseWarnings)} (${fmt(s.expected.case)})`,
      fmt(s.result.leasesReleased),
      fmt([...s.shapes.values()].reduce((n, e) => n + e.count, 0)),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    for (const l of [header, ...lines]) process.stdout.write(`${l.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ')}\n`);
    for (const s of scans) {
      if (s.result.referralWarnings !== s.expected.referral || s.result.caseWarnings !== s.expected.case) {
        process.stdout.write(`!! ${s.label}: the scan's counts differ from the rules' expected counts\n`);
      }
    }

    process.stdout.write('\ntime by statement kind (ms, statement count), per scan\n');
    const shapeNames = [...new Set(scans.flatMap((s) => [...s.shapes.keys()]))];
    const nameWidth = Math.max(...shapeNames.map((n) => n.length));
    for (const name of shapeNames) {
      const cells = scans.map((s) => {
        const e = s.shapes.get(name);
        return (e ? `${fmt(Math.round(e.ms))} ms / ${fmt(e.count)}` : '-').padStart(20);
      });
      process.stdout.write(`  ${name.padEnd(nameWidth)} ${cells.join(' ')}\n`);
    }
    if (log.other.length) process.stdout.write(`  ("other" begins: ${log.other.map((s) => JSON.stringify(s)).join(', ')})\n`);

    // ---- EXPLAIN the statements of the first scan, with its parameters (run after all scans)
    process.stdout.write(`\n${kind === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN / ANALYZE'} of the first scan's statements (run after the scans)\n`);
    for (const shape of EXPLAINED) {
      const c = firstStatements.get(shape);
      if (!c) {
        process.stdout.write(`\n-- ${shape}: not run\n`);
        continue;
      }
      const t0 = performance.now();
      const lines = await explain(dataSource, kind, c);
      const ms = performance.now() - t0;
      process.stdout.write(`\n-- ${shape}${kind === 'mysql' ? ` (ANALYZE ran it in ${ms.toFixed(0)} ms)` : ''}\n`);
      if (process.env.HUB_BENCH_SHOW_SQL === '1') process.stdout.write(`   ${c.sql}\n   parameters ${JSON.stringify(c.parameters)}\n`);
      for (const l of lines) process.stdout.write(`   ${l}\n`);
      if (kind === 'sqlite' && !/^INSERT/.test(c.sql)) {
        const t1 = performance.now();
        const rows = (await dataSource.query(c.sql, c.parameters)) as unknown[];
        process.stdout.write(`   (ran alone now: ${(performance.now() - t1).toFixed(1)} ms, ${rows.length} rows)\n`);
      }
    }
  } finally {
    if (running) await running.close();
    await target.cleanup();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
