import { EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { minimumLivingLine } from '../classification/assistance-standards';
import { cstDateOf } from '../common/dates';
import { newId } from '../common/ids';
import { insertRows, placeholders } from '../db/rows';
import { SignalFact, SignalKind } from './signal-kinds';
import { MonitoringSignalEntity } from './signal.entity';
import { WarningEntity, WarningHitEntity } from './warning.entity';
import { evaluateSignal, HouseholdSnapshot, higherLevel, RuleHit, WarningLevel, warningRulesFor } from './warning-rules';

/** A warning's step in the seven-step workflow (预警处置); only NEW is reached here so far. */
export enum WarningStatus {
  NEW = 'NEW',
}

const ATTEMPTS = 5;

/**
 * Folds signals into warnings (数据比对 → 预警): the rules in force read each signal with what the
 * register knows of its household; a household's first hit opens its warning, later ones join it
 * and may raise its level (and bring its verification day nearer). Runs in the caller's transaction:
 * the signal, its hits and the warning commit together.
 */
export class WarningFolder {
  constructor(private readonly calendars: CalendarService) {}

  async fold(m: EntityManager, signals: MonitoringSignalEntity[], now: Date): Promise<{ opened: number; joined: number }> {
    const about = signals.filter((s) => s.householdId !== null);
    if (about.length === 0) return { opened: 0, joined: 0 };
    const households = await this.snapshots(m, [...new Set(about.map((s) => s.householdId!))]);
    let opened = 0;
    let joined = 0;
    for (const s of about) {
      const h = households.get(s.householdId!);
      if (!h) continue;
      const hits = evaluateSignal({ kind: s.kind as SignalKind, facts: JSON.parse(s.facts) as Partial<Record<SignalFact, number>> }, h.snapshot, warningRulesFor(h.townshipCode, s.observedOn));
      if (hits.length === 0) continue;
      const { warningId, isNew } = await this.openOrJoin(m, s.householdId!, h.townshipCode, hits, now);
      if (isNew) opened++;
      else joined++;
      const at = now.toISOString();
      await insertRows(
        m,
        WarningHitEntity,
        hits.map((hit) => ({ warningId, signalId: s.id, rule: hit.rule, level: hit.level, action: hit.action, department: hit.department, reason: hit.reason, createdAt: at })),
        { ignore: true },
      );
    }
    return { opened, joined };
  }

  /** The household's open warning, opened now (INSERT IGNORE on its open key) or joined (its level raised under the version guard). */
  private async openOrJoin(m: EntityManager, householdId: string, townshipCode: string, hits: RuleHit[], now: Date): Promise<{ warningId: string; isNew: boolean }> {
    const level = hits.map((h) => h.level).reduce(higherLevel);
    const today = cstDateOf(now);
    const rules = warningRulesFor(townshipCode, today);
    const calendar = this.calendars.calendar;
    const verifyBy = calendar.addWorkingDays(today, rules.verifyDays[level]);
    const id = newId(now);
    const row: WarningEntity = {
      id,
      householdId,
      townshipCode,
      level,
      status: WarningStatus.NEW,
      openKey: householdId,
      raisedOn: today,
      raisedAt: now.toISOString(),
      verifyBy,
      decideBy: calendar.addWorkingDays(today, rules.decideDays),
      updatedAt: now.toISOString(),
      version: 1,
    };
    if ((await insertRows(m, WarningEntity, [row], { ignore: true })) === 1) return { warningId: id, isNew: true };
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const open = await m.getRepository(WarningEntity).findOneByOrFail({ openKey: householdId });
      const raised = higherLevel(open.level as WarningLevel, level);
      const nearer = verifyBy < open.verifyBy ? verifyBy : open.verifyBy;
      if (raised === open.level && nearer === open.verifyBy) return { warningId: open.id, isNew: false };
      const result = await m
        .createQueryBuilder()
        .update(WarningEntity)
        .set({ level: raised, verifyBy: nearer, updatedAt: now.toISOString(), version: open.version + 1 })
        .where('id = :id AND version = :version', { id: open.id, version: open.version })
        .execute();
      if (result.affected) return { warningId: open.id, isNew: false };
    }
    throw new Error('a warning kept changing while a signal joined it');
  }

  /** What the rules read of each household: its tier, size, the current tier's income and the township's 低保 line. */
  private async snapshots(m: EntityManager, ids: string[]): Promise<Map<string, { townshipCode: string; snapshot: HouseholdSnapshot }>> {
    const rows: Array<{ id: string; township_code: string; tier: string | null; member_count: number; per_capita_income_fen: number | null }> = await m.query(
      `SELECT h.id, h.township_code, h.tier, h.member_count,
              (SELECT t.per_capita_income_fen FROM register_tiers t WHERE t.household_id = h.id AND t.effective_to IS NULL ORDER BY t.effective_from DESC, t.id DESC LIMIT 1) AS per_capita_income_fen
         FROM register_households h WHERE h.id IN (${placeholders(ids.length)})`,
      ids,
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          townshipCode: r.township_code,
          snapshot: { tier: r.tier, memberCount: Number(r.member_count), perCapitaIncomeFen: r.per_capita_income_fen === null ? null : Number(r.per_capita_income_fen), lineFen: minimumLivingLine(r.township_code).monthlyFen },
        },
      ]),
    );
  }
}
