import { checkCharacter } from '../../src/access/identity-number';
import { Department } from '../../src/access/roles';
import type { DeliveredPerson, ReferralDelivery } from '../../src/delivery/department-adapter';

// A real-looking referral for adapter tests: a four-person household in 杭州市西湖区, identity
// numbers with valid check characters (ISO 7064 MOD 11-2). Invented people.

/** An identity number from its first 17 digits, with the right check character. */
export function idNumber(first17: string): string {
  return first17 + checkCharacter(first17);
}

const person = (p: Partial<DeliveredPerson> & Pick<DeliveredPerson, 'personId' | 'name' | 'idNumber' | 'relation'>): DeliveredPerson => ({
  monthlyIncomeFen: 0,
  schoolStage: null,
  laborCapable: false,
  employed: false,
  disabled: false,
  seriouslyIll: false,
  ...p,
});

export const APPLICANT = person({
  personId: '01JB0000000000000000000P01',
  name: '张建国',
  idNumber: idNumber('33010619680312451'),
  relation: 'SELF',
  monthlyIncomeFen: 180000,
  laborCapable: true,
  employed: true,
});
export const SPOUSE = person({ personId: '01JB0000000000000000000P02', name: '李秀英', idNumber: idNumber('33010619700521302'), relation: 'SPOUSE', seriouslyIll: true });
export const CHILD = person({ personId: '01JB0000000000000000000P03', name: '张小明', idNumber: idNumber('33010620120905001'), relation: 'CHILD', schoolStage: 'PRIMARY' });
export const PARENT = person({ personId: '01JB0000000000000000000P04', name: '王桂兰', idNumber: idNumber('33010619450117002'), relation: 'PARENT', disabled: true, monthlyIncomeFen: 60000 });

export function referral(overrides: Partial<ReferralDelivery> = {}): ReferralDelivery {
  return {
    referralId: '01JB00000000000000000000R1',
    caseNo: '330106002202411040001',
    department: Department.MEDICAL,
    category: 'MEDICAL',
    townshipCode: '330106002',
    acceptedDate: '2024-11-04',
    dueDate: '2024-11-25',
    householdSize: 4,
    perCapitaMonthlyIncomeFen: 60000,
    household: [APPLICANT, SPOUSE, CHILD, PARENT],
    ...overrides,
  };
}
