import { EntityManager } from 'typeorm';
import { callerOf } from '../access/authorization';
import { RequestContext } from '../common/request-context';
import { newId } from '../common/ids';
import { AdapterRegistry } from '../delivery/adapter-registry';
import { enqueue } from '../delivery/outbox';
import { BusinessRuleError, UserError } from '../common/user-error';
import { CommandResult, failed, runCommand } from '../common/command';
import { text } from '../common/text';

import { inRegion } from '../access/region';
import { maskIdNumber } from '../access/identity-number';
import { PiiCrypto } from '../access/pii-crypto';
import { UnitOfWork } from '../db/unit-of-work';
import { CalendarService } from '../calendar/calendar.service';
import { SlaSettings } from '../sla/sla.service';
import { perCapitaMonthlyIncomeFen, referralPlan, Suggestion } from '../classification/classification.rules';
import { standardFor } from '../classification/assistance-standards';
import { DEPARTMENT_OF } from '../classification/categories';
import { appendTimeline, NewTimelineEvent } from '../timeline/timeline.service';
import { TimelineParams } from '../timeline/timeline-event-kinds';
import { ReferralEntity } from '../referrals/referral.entity';
import { INITIAL_STATUS } from '../referrals/referral-status';
import { startClock } from '../sla/sla-clock';
import { clockBeforeDepartment, NO_ACKNOWLEDGEMENT_CLOCK } from '../sla/acknowledgement-clock';
import { Application, validateApplication } from './intake.validation';
import { SubmitApplicationInput } from './submit-application.inputs';
import { IntakeErrorCode } from './intake.errors';
import { AcceptanceMode } from './intake.enums';
import { CaseStatus } from '../cases/case-status';
import { CaseEntity } from '../cases/case.entity';
import { PersonEntity } from './person.entity';
import { HouseholdMemberEntity } from './household-member.entity';
import { insertRows } from '../db/rows';

/** 一门受理: validates one application and writes everything it causes in one transaction. */
export class IntakeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly crypto: PiiCrypto,
    private readonly sla: SlaSettings,
    private readonly adapterRegistry: AdapterRegistry,
    /** Told the departments whose outbox rows a submission committed (wakes the dispatcher). */
    private readonly committed: (departments: string[]) => void = () => {},
  ) {}

  /** What the hub would refer and why; writes nothing. */
  suggest(ctx: RequestContext, input: SubmitApplicationInput): { suggestions: Suggestion[]; userErrors: UserError[] } {
    const caller = callerOf(ctx);
    const { application, errors } = validateApplication(input, caller.region, ctx.today);
    if (!application) return { suggestions: [], userErrors: errors };
    return { suggestions: referralPlan(application, standardFor(application.townshipCode), application.categories), userErrors: [] };
  }

  async submit(ctx: RequestContext, input: SubmitApplicationInput): Promise<CommandResult<CaseEntity>> {
    const caller = callerOf(ctx);
    const { application, errors } = validateApplication(input, caller.region, ctx.today);
    if (!application) return failed(errors);

    const categories = referralPlan(application, standardFor(application.townshipCode), application.categories).map((s) => s.category);
    if (categories.length === 0) {
      return failed([
        new UserError(
          IntakeErrorCode.NO_CATEGORIES,
          text('根据所填情况，没有符合的救助类别；请选择该户需要的救助类别。', 'The facts given call for no assistance category; name the categories the household needs.'),
          ['input', 'categories'],
        ),
      ]);
    }
    // A unique-key violation means a concurrent submission won a race (same key, same applicant,
    // same sequence number): run again, and the re-read sees the winner. Idempotent: the work first
    // looks for the case its key already made, so it also runs again when a COMMIT's outcome is
    // unknown (a database node failed during it) and answers with that case if it was committed.
    const result = await runCommand(this.uow, (m) => this.write(m, ctx, application, categories), { retryOnUniqueViolation: true, idempotent: true });
    if (result.value !== null) {
      const pushed = categories.map((c) => DEPARTMENT_OF[c as keyof typeof DEPARTMENT_OF] as string).filter((d) => this.adapterRegistry.modeOf(d) === 'PUSH');
      if (pushed.length > 0) this.committed(pushed);
    }
    return result;
  }

  private async write(m: EntityManager, ctx: RequestContext, app: Application, categories: string[]): Promise<CaseEntity> {
    const caller = ctx.caller!;
    const applicantIndex = this.crypto.blindIndex(app.members[0].person.idNumber);
    // One look-up for both refusals: this key's earlier case (keys are scoped to the township:
    // only clerks of that township's region can probe them) and the applicant's open cases.
    const found: Array<{ hit: 'KEY' | 'OPEN'; id: string; detail: string; township_code: string }> = await m.query(
      `SELECT 'KEY' AS hit, id, input_hash AS detail, township_code FROM cases WHERE township_code = ? AND idempotency_key = ?
       UNION ALL
       SELECT 'OPEN' AS hit, c.id, c.case_no AS detail, c.township_code FROM cases c JOIN persons p ON p.id = c.applicant_id
        WHERE p.id_number_index = ? AND c.status = ?`,
      [app.townshipCode, app.idempotencyKey, applicantIndex, CaseStatus.OPEN],
    );
    const existing = found.find((row) => row.hit === 'KEY');
    if (existing) {
      if (existing.detail === app.inputHash) return (await m.getRepository(CaseEntity).findOneByOrFail({ id: existing.id }));
      throw new BusinessRuleError([
        new UserError(
          IntakeErrorCode.IDEMPOTENCY_KEY_REUSED,
          text('该提交编号已用于另一份申请，请勿重复使用。', 'This idempotency key was already used for a different application.'),
          ['input', 'idempotencyKey'],
        ),
      ]);
    }
    const open = found.find((row) => row.hit === 'OPEN');
    if (open && app.mode !== AcceptanceMode.EMERGENCY) {
      throw new BusinessRuleError([
        new UserError(
          IntakeErrorCode.DUPLICATE_OPEN_CASE,
          // The case number only where the caller may read that case.
          inRegion(caller.region, open.township_code)
            ? text(`申请人已有一件正在办理的案件（受理编号 ${open.detail}），请在该案件中补充办理。`, `The applicant already has an open case (${open.detail}).`)
            : text('申请人在其他地区已有正在办理的案件。', 'The applicant already has an open case in another region.'),
          ['input', 'applicant', 'idNumber'],
        ),
      ]);
    }

    const now = ctx.now;
    const nowIso = now.toISOString();
    const personIds = await this.insertPersons(m, app, nowIso);
    const caseNo = await this.nextCaseNo(m, app.townshipCode, ctx.today);
    const caseId = newId(now);
    const clock = startClock(this.calendars.calendar, ctx.today, this.sla.workingDays);

    const row: CaseEntity = Object.assign(new CaseEntity(), {
      id: caseId,
      caseNo,
      townshipCode: app.townshipCode,
      status: CaseStatus.OPEN,
      mode: app.mode,
      channel: app.channel,
      acceptedAt: nowIso,
      acceptedDate: ctx.today,
      closedAt: null,
      closedDate: null,
      applicantId: personIds[0],
      householdSize: app.members.length,
      perCapitaMonthlyIncomeFen: perCapitaMonthlyIncomeFen(app),
      missingMaterials: JSON.stringify(app.missingMaterials),
      emergencyAdvanceFen: app.emergencyAdvanceFen,
      note: app.note,
      village: app.village ?? null,
      withdrawReason: null,
      createdBy: caller.sub,
      // 首问负责: the accepting clerk owns the case until it is transferred.
      owner: caller.sub,
      idempotencyKey: app.idempotencyKey,
      inputHash: app.inputHash,
      openApplicantKey: app.mode === AcceptanceMode.EMERGENCY ? null : applicantIndex,
      version: 1,
    });
    await insertRows(m, CaseEntity, [row]);

    await insertRows(
      m,
      HouseholdMemberEntity,
      app.members.map((member, position) => ({
        id: newId(now),
        caseId,
        personId: personIds[position],
        position,
        relation: member.relation,
        monthlyIncomeFen: member.monthlyIncomeFen,
        schoolStage: member.schoolStage,
        laborCapable: member.laborCapable,
        employed: member.employed,
        disabled: member.disabled,
        seriouslyIll: member.seriouslyIll,
      })),
    );

    const referrals: ReferralEntity[] = categories.map((category) => {
      const department = DEPARTMENT_OF[category as keyof typeof DEPARTMENT_OF];
      const deliveryMode = this.adapterRegistry.modeOf(department);
      return {
        id: newId(now),
        caseId,
        department,
        category,
        status: INITIAL_STATUS,
        deliveryMode,
        townshipCode: app.townshipCode,
        ...clock,
        // A PULL referral is in its department's queue from today: its acknowledgement clock starts now.
        ...NO_ACKNOWLEDGEMENT_CLOCK,
        ...(deliveryMode === 'PULL' ? clockBeforeDepartment(this.calendars.calendar, { townshipCode: app.townshipCode, department, ackStarted: null }, ctx.today) : {}),
        outstandingMaterials: '[]',
        pauseType: null,
        externalRef: null,
        decision: null,
        amountFen: null,
        outcomeNote: null,
        decidedAt: null,
        finishedDate: null,
        claimToken: null,
        claimedBy: null,
        leaseExpiresAt: null,
        createdAt: nowIso,
        updatedAt: nowIso,
        version: 1,
      };
    });
    await insertRows(m, ReferralEntity, referrals);
    // PUSH departments: the outbox row commits with the referral (nothing sent that was not committed).
    const pushed = referrals.filter((r) => r.deliveryMode === 'PUSH');
    await enqueue(m, 'DELIVER', pushed.map((r) => ({ referralId: r.id, caseId, department: r.department, retryBudgetHours: this.adapterRegistry.settingsOf(r.department).retryBudgetHours })), now);

    const acceptance: TimelineParams['CASE_ACCEPTED'] = { mode: app.mode, channel: app.channel };
    if (app.mode === AcceptanceMode.TOLERANT) acceptance.missing = app.missingMaterials;
    if (app.mode === AcceptanceMode.EMERGENCY) acceptance.advanceFen = app.emergencyAdvanceFen;
    const events: NewTimelineEvent[] = [{ caseId, type: 'CASE_ACCEPTED', actor: caller.sub, params: acceptance }];
    for (const r of referrals) {
      events.push({ caseId, referralId: r.id, type: 'REFERRAL_CREATED', actor: 'SYSTEM', params: { category: r.category, department: r.department } });
    }
    await appendTimeline(m, now, events, { newCase: true });
    return row;
  }

  /**
   * Writes the people as this application declares them (one INSERT). A record belongs to its
   * application: another application naming the same resident writes its own, so no clerk ever
   * reads a name or phone entered elsewhere, and no application changes another case. The blind
   * index finds the same resident across applications (duplicate open cases).
   */
  private async insertPersons(m: EntityManager, app: Application, nowIso: string): Promise<string[]> {
    const crypto = this.crypto;
    const rows = app.members.map(({ person }) => ({
      id: newId(),
      name: person.name,
      idNumberSealed: crypto.encrypt(person.idNumber),
      idNumberIndex: crypto.blindIndex(person.idNumber),
      idNumberMasked: maskIdNumber(person.idNumber),
      phoneSealed: person.phone ? crypto.encrypt(person.phone) : null,
      createdAt: nowIso,
      updatedAt: nowIso,
    }));
    await insertRows(m, PersonEntity, rows);
    return rows.map((r) => r.id);
  }

  /**
   * Township code + CST acceptance date + a per-township daily sequence, e.g. 370783104202609240007.
   * One upsert takes the next number: MySQL hands it back through LAST_INSERT_ID(expr), SQLite
   * through RETURNING. Concurrent takers queue on the row lock, so no number is taken twice.
   */
  private async nextCaseNo(m: EntityManager, townshipCode: string, day: string): Promise<string> {
    const runner = m.queryRunner!;
    let value: number;
    if (m.connection.options.type === 'mysql') {
      const result = await runner.query(
        'INSERT INTO case_sequences (township_code, day, last_value) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + 1)',
        [townshipCode, day],
        true,
      );
      // affectedRows 1: the row was inserted (the first case of the day); 2: it was updated.
      value = Number(result.raw.affectedRows) === 1 ? 1 : Number(result.raw.insertId);
    } else {
      const rows: Array<{ last_value: number }> = await runner.query(
        'INSERT INTO case_sequences (township_code, day, last_value) VALUES (?, ?, 1) ON CONFLICT (township_code, day) DO UPDATE SET last_value = last_value + 1 RETURNING last_value',
        [townshipCode, day],
      );
      value = Number(rows[0].last_value);
    }
    return `${townshipCode}${day.replace(/-/g, '')}${String(value).padStart(4, '0')}`;
  }
}
