import { EntityManager, In } from 'typeorm';
import { PiiCrypto } from '../access/pii-crypto';
import { CaseEntity } from '../intake/case.entity';
import { HouseholdMemberEntity } from '../intake/household-member.entity';
import { PersonEntity } from '../intake/person.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { Department } from '../access/roles';
import { ReferralDelivery } from './department-adapter';

/**
 * What the hub holds about a referral, for its adapter to pick from (identity numbers unsealed
 * here, in memory only for the call). Three reads: the case, its members, their people.
 */
export async function deliveryOf(m: EntityManager, crypto: PiiCrypto, r: ReferralEntity): Promise<ReferralDelivery> {
  const c = await m.getRepository(CaseEntity).findOneByOrFail({ id: r.caseId });
  const members = await m.getRepository(HouseholdMemberEntity).find({ where: { caseId: r.caseId }, order: { position: 'ASC' } });
  const people = await m.getRepository(PersonEntity).find({ where: { id: In(members.map((x) => x.personId)) } });
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    referralId: r.id,
    caseNo: c.caseNo,
    department: r.department as Department,
    category: r.category,
    townshipCode: r.townshipCode,
    acceptedDate: r.acceptedDate,
    dueDate: r.dueDate,
    householdSize: c.householdSize,
    perCapitaMonthlyIncomeFen: c.perCapitaMonthlyIncomeFen,
    household: members.map((x) => {
      const p = byId.get(x.personId)!;
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
  };
}
