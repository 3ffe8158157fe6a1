import { EntityManager, In } from 'typeorm';
import { IsoDate } from '../common/dates';
import { CaseEntity } from '../cases/case.entity';
import { HouseholdMemberEntity } from '../intake/household-member.entity';
import { PersonEntity } from '../intake/person.entity';
import { ReferralEntity } from '../referrals/referral.entity';
import { AssistanceCategory } from '../classification/categories';
import { minimumLivingLine } from '../classification/assistance-standards';
import { EXTREME_POVERTY_REASON, minimumLivingReason } from '../classification/classification.rules';
import { createHousehold, currentHouseholdsOf, HouseholdData, lockHousehold, replaceMembers, startTier, WriteAt } from './register-writer';
import { nextReviewDate } from './register-standards';
import { RegisterTier, TierSource } from './tiers';

// Filled by decisions: a civil-affairs referral resolved APPROVED for 低保 or 特困 enters the
// household in the register (or gives it its new tier) in the resolution's own transaction, and
// the case points at the household. The household is the one the applicant is a current member
// of, else the one another member of the case is in, else a new one; its members become the
// case's household as civil affairs approved it (anyone in another household moves, 迁入).

const TIER_OF_CATEGORY: Partial<Record<string, RegisterTier>> = {
  [AssistanceCategory.MINIMUM_LIVING]: RegisterTier.MINIMUM_LIVING,
  [AssistanceCategory.EXTREME_POVERTY]: RegisterTier.EXTREME_POVERTY,
};

/** The register tier an approved referral of this category enters, or null (the others do not). */
export function tierOfApproval(category: string): RegisterTier | null {
  return TIER_OF_CATEGORY[category] ?? null;
}

/** Enters an approved 低保/特困 decision into the register; returns the household's id (null for other categories). */
export async function enterDecision(
  m: EntityManager,
  referral: Pick<ReferralEntity, 'id' | 'caseId' | 'category'>,
  outcome: { amountFen: number | null; note: string | null },
  at: WriteAt & { today: IsoDate },
): Promise<string | null> {
  const tier = tierOfApproval(referral.category);
  if (tier === null) return null;
  const c = await m.getRepository(CaseEntity).findOneByOrFail({ id: referral.caseId });
  const rows = await m.getRepository(HouseholdMemberEntity).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
  const persons = new Map((await m.getRepository(PersonEntity).find({ where: { id: In(rows.map((r) => r.personId)) } })).map((p) => [p.id, p]));
  // The applicant (SELF) heads the household.
  const ordered = [...rows].sort((a, b) => Number(b.relation === 'SELF') - Number(a.relation === 'SELF') || a.position - b.position);
  const household: HouseholdData = {
    townshipCode: c.townshipCode,
    villageCode: null,
    members: ordered.map((r) => {
      const p = persons.get(r.personId)!;
      return { name: p.name, relation: r.relation, idNumberSealed: p.idNumberSealed, idNumberIndex: p.idNumberIndex, idNumberMasked: p.idNumberMasked };
    }),
  };
  const found = await currentHouseholdsOf(m, household.members.map((x) => x.idNumberIndex));
  const existing = found.get(household.members[0].idNumberIndex) ?? found.values().next().value ?? null;
  let householdId: string;
  if (existing) {
    householdId = existing;
    await lockHousehold(m, householdId);
    await replaceMembers(m, householdId, household, at, true);
  } else {
    householdId = await createHousehold(m, household, at);
  }
  const lines = minimumLivingLine(c.townshipCode);
  const reasons = [tier === RegisterTier.MINIMUM_LIVING ? minimumLivingReason(rows.length, c.perCapitaMonthlyIncomeFen, lines) : EXTREME_POVERTY_REASON];
  if (outcome.note) reasons.push(`民政部门意见：${outcome.note}`);
  // 低保 households with a labour-capable member out of steady work are reviewed twice as often.
  const irregularIncome = rows.some((r) => r.laborCapable && !r.employed);
  await startTier(
    m,
    householdId,
    {
      tier,
      effectiveFrom: at.today,
      perCapitaIncomeFen: c.perCapitaMonthlyIncomeFen,
      standardFen: lines.monthlyFen,
      standardSource: lines.source,
      reasons,
      source: TierSource.DECISION,
      caseId: c.id,
      referralId: referral.id,
      monthlyAmountFen: outcome.amountFen,
      nextReviewDate: nextReviewDate(at.today, c.townshipCode, tier, irregularIncome),
    },
    at,
  );
  await m.getRepository(CaseEntity).update({ id: c.id }, { registerHouseholdId: householdId });
  return householdId;
}
