import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import { checkCharacter } from '../../src/access/identity-number';
import type { WorkingCalendar } from '../../src/calendar/working-days';
import { startClock } from '../../src/sla/sla-clock';
import { FloorSql, inFlight, placeholders } from './floor-sql';

// Intake, both sides: the same applications (one applicant, LEGAL_AID + MEDICAL, EMERGENCY with an
// advance) spread over `townships` townships of region 370783, `concurrent` in flight.

export const REGION = '370783';
export const CATEGORIES = [
  { category: 'LEGAL_AID', department: 'JUDICIAL' },
  { category: 'MEDICAL', department: 'MEDICAL' },
];

export function townshipOf(n: number, townships: number): string {
  return `${REGION}${String(100 + (n % townships)).padStart(3, '0')}`;
}

export function idNumber(n: number): string {
  const first17 = `${REGION}${1950 + (n % 50)}0101${String(n % 1000).padStart(3, '0')}`.slice(0, 17);
  return first17 + checkCharacter(first17);
}

export function applicationInput(side: string, stamp: number, n: number, townships: number) {
  return {
    idempotencyKey: `${side}-${stamp}-${n}`,
    townshipCode: townshipOf(n, townships),
    applicant: { name: '测试', idNumber: idNumber(n) },
    categories: CATEGORIES.map((c) => c.category),
    mode: 'EMERGENCY',
    emergencyAdvanceFen: 1000,
  };
}

/** The hub: submitApplication over HTTP. */
export async function hubIntake(gql: (query: string, variables?: unknown) => Promise<any>, total: number, concurrent: number, townships: number, stamp: number): Promise<number> {
  const submit = `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { case { id } userErrors { code } } }`;
  const t0 = performance.now();
  await inFlight(total, concurrent, async (n) => {
    const data = await gql(submit, { input: applicationInput('hub', stamp, n, townships) });
    if (data.submitApplication.userErrors.length > 0) throw new Error(`hub refused application ${n}: ${JSON.stringify(data.submitApplication.userErrors)}`);
  });
  return (performance.now() - t0) / 1000;
}

/** The floor's share of the hub's PII crypto: the same HKDF-derived keys, AES-256-GCM and HMAC-SHA256 via node:crypto. */
class FloorCrypto {
  private readonly enc: Buffer;
  private readonly idx: Buffer;
  constructor(dataKeyHex: string) {
    const master = Buffer.from(dataKeyHex, 'hex');
    this.enc = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hub:pii:aes-256-gcm', 32));
    this.idx = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hub:pii:blind-index', 32));
  }
  seal(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.enc, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `v1.${iv.toString('base64url')}.${c.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
  }
  index(plain: string): string {
    return createHmac('sha256', this.idx).update(plain, 'utf8').digest('hex');
  }
}

export interface FloorIntakeContext {
  sql: FloorSql;
  calendar: WorkingCalendar;
  slaDays: number;
  dataKeyHex: string;
  /** The departments the hub delivers by PUSH (an outbox row each); none in this bench's configuration. */
  pushDepartments: Set<string>;
  now: () => Date;
  today: () => string;
}

/**
 * The floor: per application one transaction of hand-written statements writing the same rows and
 * columns as IntakeService.write — idempotency + duplicate-open look-up (one statement), persons,
 * the case number (one upsert: INSERT … ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + 1)),
 * the case, household members, referrals, the outbox for PUSH departments, and the timeline (a new
 * case starts at seq 1: no MAX(seq)). BEGIN + 7 statements + COMMIT.
 */
export async function floorIntake(ctx: FloorIntakeContext, total: number, concurrent: number, townships: number, stamp: number): Promise<number> {
  const crypto = new FloorCrypto(ctx.dataKeyHex);
  const ulid = monotonicFactory();
  const t0 = performance.now();
  await inFlight(total, concurrent, async (n) => {
    const input = applicationInput('floor', stamp, n, townships);
    const id = input.applicant.idNumber;
    if (checkCharacter(id.slice(0, 17)) !== id[17]) throw new Error('bad id number');
    const inputHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    const now = ctx.now();
    const nowIso = now.toISOString();
    const today = ctx.today();
    const index = crypto.index(id);
    const sealed = crypto.seal(id);
    const masked = `${id.slice(0, 6)}********${id.slice(14)}`;
    const clock = startClock(ctx.calendar, today, ctx.slaDays);
    await ctx.sql.transaction(async (q) => {
      const found = await q(
        `(SELECT 'key' AS hit, id, input_hash FROM cases WHERE township_code = ? AND idempotency_key = ?)
         UNION ALL (SELECT 'open', c.id, c.case_no FROM cases c JOIN persons p ON p.id = c.applicant_id WHERE p.id_number_index = ? AND c.status = 'OPEN' LIMIT 1)`,
        [input.townshipCode, input.idempotencyKey, index],
      );
      if (found.some((r: { hit: string }) => r.hit === 'key')) throw new Error('idempotency key seen before');
      // EMERGENCY: an open case of the same applicant does not stop it (as in the hub).
      const personId = ulid(now.getTime());
      await q('INSERT INTO persons (id, name, id_number_sealed, id_number_index, id_number_masked, phone_sealed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)', [
        personId, input.applicant.name, sealed, index, masked, nowIso, nowIso,
      ]);
      const seq = await q('INSERT INTO case_sequences (township_code, day, last_value) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + 1)', [input.townshipCode, today]);
      const value = Number(seq.insertId) || 1;
      const caseNo = `${input.townshipCode}${today.replace(/-/g, '')}${String(value).padStart(4, '0')}`;
      const caseId = ulid(now.getTime());
      await q(
        `INSERT INTO cases (id, case_no, township_code, status, mode, channel, accepted_at, accepted_date, closed_at, closed_date, applicant_id, household_size,
           per_capita_income_fen, missing_materials, emergency_advance_fen, note, withdraw_reason, created_by, owner, idempotency_key, input_hash, open_applicant_key, version)
         VALUES (?, ?, ?, 'OPEN', 'EMERGENCY', 'WINDOW', ?, ?, NULL, NULL, ?, 1, 0, '[]', ?, NULL, NULL, 'floor', 'floor', ?, ?, NULL, 1)`,
        [caseId, caseNo, input.townshipCode, nowIso, today, personId, input.emergencyAdvanceFen, input.idempotencyKey, inputHash],
      );
      await q(
        `INSERT INTO household_members (id, case_id, person_id, position, relation, monthly_income_fen, school_stage, labor_capable, employed, disabled, seriously_ill)
         VALUES (?, ?, ?, 0, 'SELF', 0, NULL, 0, 0, 0, 0)`,
        [ulid(now.getTime()), caseId, personId],
      );
      const referrals = CATEGORIES.map((c) => ({ ...c, id: ulid(now.getTime()), mode: ctx.pushDepartments.has(c.department) ? 'PUSH' : 'PULL' }));
      await q(
        `INSERT INTO referrals (id, case_id, department, category, status, delivery_mode, township_code, accepted_date, sla_days, paused_days, due_date, due_provisional,
           pause_started, paused_days_left, outstanding_materials, external_ref, decision, amount_fen, outcome_note, decided_at, finished_date, claim_token, claimed_by,
           lease_expires_at, created_at, updated_at, version)
         VALUES ${placeholders(referrals.length, 27)}`,
        referrals.flatMap((r) => [
          r.id, caseId, r.department, r.category, 'PENDING', r.mode, input.townshipCode, clock.acceptedDate, clock.slaDays, clock.pausedDays, clock.dueDate,
          clock.dueProvisional ? 1 : 0, clock.pauseStarted, clock.pausedDaysLeft, '[]', null, null, null, null, null, null, null, null, null, nowIso, nowIso, 1,
        ]),
      );
      const pushed = referrals.filter((r) => r.mode === 'PUSH');
      if (pushed.length > 0) {
        const giveUp = new Date(now.getTime() + 72 * 3_600_000).toISOString();
        await q(
          `INSERT IGNORE INTO delivery_outbox (id, referral_id, case_id, department, kind, state, attempts, next_attempt_at, give_up_at, locked_by, locked_until, last_error, external_ref, created_at, sent_at)
           VALUES ${placeholders(pushed.length, 15)}`,
          pushed.flatMap((r) => [ulid(now.getTime()), r.id, caseId, r.department, 'DELIVER', 'WAITING', 0, nowIso, giveUp, null, null, null, null, nowIso, null]),
        );
      }
      const events = [
        { referralId: null as string | null, type: 'CASE_ACCEPTED', actor: 'floor', params: { mode: 'EMERGENCY', channel: 'WINDOW', advanceFen: input.emergencyAdvanceFen } },
        ...referrals.map((r) => ({ referralId: r.id as string | null, type: 'REFERRAL_CREATED', actor: 'SYSTEM', params: { category: r.category, department: r.department } as object })),
      ];
      await q(
        `INSERT INTO timeline_events (id, case_id, seq, referral_id, at, type, actor, note, params) VALUES ${placeholders(events.length, 9)}`,
        events.flatMap((e, i) => [ulid(now.getTime()), caseId, i + 1, e.referralId, nowIso, e.type, e.actor, null, JSON.stringify(e.params)]),
      );
    });
  });
  return (performance.now() - t0) / 1000;
}
