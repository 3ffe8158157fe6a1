import { EntityManager, In } from 'typeorm';
import { PiiCrypto } from '../access/pii-crypto';
import { CaseEntity } from '../cases/case.entity';
import { HouseholdMemberEntity } from '../intake/household-member.entity';
import { PersonEntity } from '../intake/person.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { Department } from '../access/roles';
import { ReferralDelivery } from './department-adapter';

/**
 * What the hub holds about each referral, for its adapter to pick from (identity numbers unsealed
 * here, in memory only for the call). Three reads for a whole batch: the cases, their members,
 * their people.
 */
export async function deliveriesOf(m: EntityManager, crypto: PiiCrypto, referrals: ReferralEntity[]): Promise<Map<string, ReferralDelivery>> {
  const out = new Map<string, ReferralDelivery>();
  if (referrals.length === 0) return out;
  const caseIds = [...new Set(referrals.map((r) => r.caseId))];
  const cases = new Map((await m.getRepository(CaseEntity).find({ where: { id: In(caseIds) } })).map((c) => [c.id, c]));
  const members = await m.getRepository(HouseholdMemberEntity).find({ where: { caseId: In(caseIds) }, order: { caseId: 'ASC', position: 'ASC' } });
  const people = new Map((await m.getRepository(PersonEntity).find({ where: { id: In(members.map((x) => x.personId)) } })).map((p) => [p.id, p]));
  for (const r of referrals) {
    const c = cases.get(r.caseId)!;
    out.set(r.id, {
      referralId: r.id,
      caseNo: c.caseNo,
      department: r.department as Department,
      category: r.category,
      townshipCode: r.townshipCode,
      acceptedDate: r.acceptedDate,
      dueDate: r.dueDate,
      householdSize: c.householdSize,
      perCapitaMonthlyIncomeFen: c.perCapitaMonthlyIncomeFen,
      household: members
        .filter((x) => x.caseId === r.caseId)
        .map((x) => {
          const p = people.get(x.personId)!;
          return {
            personId: p.id,
            name: p.name,
            idNumber: crypto.decrypt(p.idNumberSealed),
            relation: x.relation,
            monthlyIncomeFen: x.monthlyIncomeFen,
            schoolStage: x.schoolStage,
            laborCapable: x.laborCapable,
            employed: x.employed,
            disabled: x.disabled,
            seriouslyIll: x.seriouslyIll,
          };
        }),
    });
  }
  return out;
}
