import { newId } from '../common/ids';
import { UnitOfWork } from '../db/unit-of-work';
import { AccessLogEntity, AccessPurpose } from './access-log.entity';
import { Caller } from './roles';

/** One entry: a person record read whole, or the blind index of a number searched for. */
export type AccessEntry = { purpose: AccessPurpose; personId?: string | null; idNumberIndex?: string | null };

/** Writes access-log entries (每次查看或检索身份证号码都留痕) in their own transaction. */
export async function recordAccess(uow: UnitOfWork, caller: Caller, now: Date, entries: AccessEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = now.toISOString();
  const rows = entries.map((e) => ({
    id: newId(now),
    at,
    actor: caller.sub,
    role: caller.role,
    personId: e.personId ?? null,
    idNumberIndex: e.idNumberIndex ?? null,
    purpose: e.purpose,
  }));
  await uow.transaction((m) => m.createQueryBuilder().insert().into(AccessLogEntity).values(rows).execute());
}
