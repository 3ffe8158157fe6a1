import { EntityManager } from 'typeorm';
import { callerOf } from '../access/authorization';
import { badInput } from '../access/guard';
import { maskIdNumber } from '../access/identity-number';
import { PiiCrypto } from '../access/pii-crypto';
import { effectiveRegion, whereInRegion } from '../access/region';
import { checkFirst, keysetPage } from '../common/cursor';
import { newId } from '../common/ids';
import { RequestContext } from '../common/request-context';
import { text } from '../common/text';
import { UserError } from '../common/user-error';
import { insertRows, placeholders } from '../db/rows';
import { UnitOfWork } from '../db/unit-of-work';
import { SignalKind } from './signal-kinds';
import { MonitoringSignalEntity } from './signal.entity';
import { SignalErrorCode as Code } from './signal.errors';
import { SignalInputLike, validateSignal, ValidSignal } from './signal.validation';
import { WarningFolder } from './warning-folder';

/** The most signals one call may report. */
export const MAX_SIGNALS = 1000;
const MATCH_PAGE = 500;

export enum SignalOutcome {
  ACCEPTED = 'ACCEPTED',
  DUPLICATE = 'DUPLICATE', // the department reported this source reference before: ignored
  REFUSED = 'REFUSED',
}

export interface SignalResult {
  index: number;
  sourceRef: string;
  outcome: SignalOutcome;
  /** The stored signal (accepted now, or the earlier one a duplicate repeats). */
  signalId: string | null;
  /** Whether the hub knows the person (a register household or an application). */
  matched: boolean;
  userErrors: UserError[];
}

export interface SignalFilter {
  matched?: boolean | null;
  kind?: SignalKind[] | null;
  regionCode?: string | null;
}

/**
 * Monitoring signals in (信息收集): a department's system reports up to MAX_SIGNALS a call, each
 * accepted, refused with its reasons, or ignored as a repeat of its source reference; each is
 * matched at once to the register household and the person the hub knows by the identity number's
 * blind index, or kept with its township until the person appears (matchPending, run with the scan).
 */
export class SignalService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly crypto: PiiCrypto,
    /** Turns signals about register households into warnings, in the transaction that stores or matches them. */
    private readonly warnings: WarningFolder,
  ) {}

  async report(ctx: RequestContext, inputs: SignalInputLike[]): Promise<SignalResult[]> {
    const caller = callerOf(ctx);
    const department = caller.department!;
    if (inputs.length === 0 || inputs.length > MAX_SIGNALS) {
      throw badInput(text(`每次报送1到${MAX_SIGNALS}条信号。`, `Report 1 to ${MAX_SIGNALS} signals a call.`), ['signals']);
    }
    const results: SignalResult[] = [];
    const valid: Array<{ index: number; signal: ValidSignal }> = [];
    const seen = new Set<string>();
    inputs.forEach((input, index) => {
      const { signal, errors } = validateSignal(input, ['signals', index], caller.region, ctx.today);
      if (signal && seen.has(signal.sourceRef)) {
        errors.push(new UserError(Code.DUPLICATE_IN_BATCH, text('同一批次中来源编号重复。', 'The same sourceRef appears earlier in this batch.'), ['signals', String(index), 'sourceRef']));
      }
      if (signal && errors.length === 0) {
        seen.add(signal.sourceRef);
        valid.push({ index, signal });
      }
      results.push({ index, sourceRef: input.sourceRef.trim(), outcome: errors.length ? SignalOutcome.REFUSED : SignalOutcome.ACCEPTED, signalId: null, matched: false, userErrors: errors });
    });
    if (valid.length === 0) return results;

    const at = ctx.now.toISOString();
    const rows = valid.map(({ signal }) => this.row(signal, department, caller.sub, at));
    await this.uow.transaction(async (m) => {
      const earlier = await this.existing(m, department, rows.map((r) => r.sourceRef));
      const fresh = rows.filter((r) => !earlier.has(r.sourceRef));
      await this.match(m, fresh, at);
      // A concurrent call may insert the same reference between the read and the insert: the
      // unique key keeps one, and such a row is reported as the repeat it is.
      if ((await insertRows(m, MonitoringSignalEntity, fresh, { ignore: true })) !== fresh.length) {
        const now = await this.existing(m, department, fresh.map((r) => r.sourceRef));
        for (const r of fresh) if (now.get(r.sourceRef)?.id !== r.id) earlier.set(r.sourceRef, now.get(r.sourceRef)!);
      }
      const stored = fresh.filter((r) => earlier.get(r.sourceRef) === undefined);
      await this.warnings.fold(m, stored, ctx.now);
      valid.forEach(({ index }, i) => {
        const row = rows[i];
        const before = earlier.get(row.sourceRef);
        const stored = before ?? row;
        Object.assign(results[index], { outcome: before ? SignalOutcome.DUPLICATE : SignalOutcome.ACCEPTED, signalId: stored.id, matched: stored.matchedAt !== null });
      });
    });
    return results;
  }

  /** Signals kept unmatched whose person the register or the intake now knows: matched, a page at a time. Returns how many. */
  async matchPending(now: Date): Promise<number> {
    let matched = 0;
    let after = { at: '', id: '' };
    for (;;) {
      const page = await this.uow.read((m) =>
        m
          .getRepository(MonitoringSignalEntity)
          .createQueryBuilder('s')
          // A batch's signals share their instant: the page key is (received_at, id).
          .where('s.matched_at IS NULL AND (s.received_at > :afterAt OR (s.received_at = :afterAt AND s.id > :afterId))', { afterAt: after.at, afterId: after.id })
          .andWhere('(EXISTS (SELECT 1 FROM register_members rm WHERE rm.current_key = s.id_number_index) OR EXISTS (SELECT 1 FROM persons p WHERE p.id_number_index = s.id_number_index))')
          .orderBy('s.received_at', 'ASC')
          .addOrderBy('s.id', 'ASC')
          .limit(MATCH_PAGE)
          .getMany(),
      );
      if (page.length === 0) return matched;
      after = { at: page[page.length - 1].receivedAt, id: page[page.length - 1].id };
      const at = now.toISOString();
      await this.uow.transaction(async (m) => {
        await this.match(m, page, at);
        const newlyMatched: MonitoringSignalEntity[] = [];
        for (const s of page.filter((x) => x.matchedAt !== null)) {
          const result = await m
            .createQueryBuilder()
            .update(MonitoringSignalEntity)
            .set({ householdId: s.householdId, personId: s.personId, matchedAt: s.matchedAt })
            .where('id = :id AND matched_at IS NULL', { id: s.id })
            .execute();
          // Matched by this pass alone (another process may have done it first): its rules run once.
          if (result.affected) newlyMatched.push(s);
        }
        matched += newlyMatched.length;
        await this.warnings.fold(m, newlyMatched, now);
      });
      if (page.length < MATCH_PAGE) return matched;
    }
  }

  /** Newest first; a department sees the signals it reported, everyone else those of the region. */
  list(ctx: RequestContext, filter: SignalFilter | null | undefined, first: number, after: string | null | undefined) {
    const caller = callerOf(ctx);
    checkFirst(first);
    const region = effectiveRegion(caller.region, filter?.regionCode);
    const base = () => {
      const qb = whereInRegion(this.uow.dataSource.getRepository(MonitoringSignalEntity).createQueryBuilder('s'), 's.township_code', region);
      if (caller.department) qb.andWhere('s.source_department = :department', { department: caller.department });
      if (filter?.matched != null) qb.andWhere(filter.matched ? 's.matched_at IS NOT NULL' : 's.matched_at IS NULL');
      if (filter?.kind?.length) qb.andWhere('s.kind IN (:...kinds)', { kinds: filter.kind });
      return qb;
    };
    return keysetPage(this.uow, base, { alias: 's', column: 'received_at', key: (s) => s.receivedAt, direction: 'DESC' }, first, after);
  }

  private row(s: ValidSignal, department: string, sub: string, at: string): MonitoringSignalEntity {
    return {
      id: newId(new Date(at)),
      sourceDepartment: department,
      sourceRef: s.sourceRef,
      kind: s.kind,
      idNumberSealed: this.crypto.encrypt(s.idNumber),
      idNumberIndex: this.crypto.blindIndex(s.idNumber),
      idNumberMasked: maskIdNumber(s.idNumber),
      name: s.name,
      townshipCode: s.townshipCode,
      observedOn: s.observedOn,
      facts: JSON.stringify(s.facts),
      note: s.note,
      householdId: null,
      personId: null,
      matchedAt: null,
      receivedAt: at,
      receivedBy: sub,
    };
  }

  /** The department's signals already stored under these references. */
  private async existing(m: EntityManager, department: string, refs: string[]): Promise<Map<string, MonitoringSignalEntity>> {
    const found = new Map<string, MonitoringSignalEntity>();
    for (let i = 0; i < refs.length; i += MATCH_PAGE) {
      const chunk = refs.slice(i, i + MATCH_PAGE);
      const rows = await m
        .getRepository(MonitoringSignalEntity)
        .createQueryBuilder('s')
        .where('s.source_department = :department AND s.source_ref IN (:...refs)', { department, refs: chunk })
        .getMany();
      for (const r of rows) found.set(r.sourceRef, r);
    }
    return found;
  }

  /** Fills household, person and matchedAt of the rows whose person the hub knows (two index look-ups a page). */
  private async match(m: EntityManager, rows: MonitoringSignalEntity[], at: string): Promise<void> {
    for (let i = 0; i < rows.length; i += MATCH_PAGE) {
      const chunk = rows.slice(i, i + MATCH_PAGE);
      const keys = [...new Set(chunk.map((r) => r.idNumberIndex))];
      const members: Array<{ current_key: string; household_id: string }> = await m.query(
        `SELECT current_key, household_id FROM register_members WHERE current_key IN (${placeholders(keys.length)})`,
        keys,
      );
      // The latest application's person row of each resident (one resident may have several).
      const persons: Array<{ id_number_index: string; id: string }> = await m.query(
        `SELECT id_number_index, MAX(id) AS id FROM persons WHERE id_number_index IN (${placeholders(keys.length)}) GROUP BY id_number_index`,
        keys,
      );
      const household = new Map(members.map((x) => [x.current_key, x.household_id]));
      const person = new Map(persons.map((x) => [x.id_number_index, x.id]));
      for (const r of chunk) {
        r.householdId = household.get(r.idNumberIndex) ?? null;
        r.personId = person.get(r.idNumberIndex) ?? null;
        r.matchedAt = r.householdId || r.personId ? at : null;
      }
    }
  }
}
