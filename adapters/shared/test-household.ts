import { Department } from '../../src/access/roles';
import { checkCharacter } from '../../src/access/identity-number';
import type { DeliveredPerson, ReferralDelivery } from '../../src/delivery/department-adapter';

// A made-up household for adapter tests, with identity numbers whose check character is right
// (ISO 7064 MOD 11-2): a mother applying, a father in work, two children at school and a seriously
// ill grandmother, in 寿光市 (370783).

/** A whole identity number from its first 17 digits. */
export const idNumber = (first17: string): string => first17 + checkCharacter(first17);

const person = (p: Partial<DeliveredPerson> & Pick<DeliveredPerson, 'personId' | 'name' | 'idNumber' | 'relation'>): DeliveredPerson => ({
  monthlyIncomeFen: 0,
  schoolStage: null,
  laborCapable: false,
  employed: false,
  disabled: false,
  seriouslyIll: false,
  ...p,
});

export const MOTHER = person({ personId: 'P-MOTHER', name: '王秀英', idNumber: idNumber('37078319860312024'), relation: 'SELF', laborCapable: true });
export const FATHER = person({ personId: 'P-FATHER', name: '李建国', idNumber: idNumber('37078319830721003'), relation: 'SPOUSE', laborCapable: true, employed: true, monthlyIncomeFen: 180000 });
export const SON = person({ personId: 'P-SON', name: '李子轩', idNumber: idNumber('37078320120905001'), relation: 'CHILD', schoolStage: 'JUNIOR_SECONDARY' });
export const DAUGHTER = person({ personId: 'P-DAUGHTER', name: '李欣怡', idNumber: idNumber('37078320170218004'), relation: 'CHILD', schoolStage: 'PRIMARY' });
export const GRANDMOTHER = person({ personId: 'P-GRANDMA', name: '王桂兰', idNumber: idNumber('37078319521130002'), relation: 'PARENT', seriouslyIll: true });

let sequence = 0;

/** A referral of the household to `department`, with a fresh referral id unless one is given. */
export function referralOf(department: Department, overrides: Partial<ReferralDelivery> = {}): ReferralDelivery {
  sequence++;
  const household = overrides.household ?? [MOTHER, FATHER, SON, DAUGHTER, GRANDMOTHER];
  return {
    referralId: `01JRZ5Q8V1ZP0M3F7YB2W4K${String(sequence).padStart(3, '0')}`,
    caseNo: '370783104202603020001',
    department,
    category: department,
    townshipCode: '370783104',
    acceptedDate: '2026-03-02',
    dueDate: '2026-03-23',
    householdSize: household.length,
    perCapitaMonthlyIncomeFen: Math.floor(household.reduce((sum, p) => sum + p.monthlyIncomeFen, 0) / household.length),
    household,
    ...overrides,
  };
}
