import { randomInt } from 'node:crypto';
import { checkCharacter } from '../access/identity-number';
import { PUSH_DEPARTMENTS } from '../../adapters/fleet';

/** Where the demo's six simulated partners listen, in the order of PUSH_DEPARTMENTS. */
export const DEMO_PARTNER_PORTS = PUSH_DEPARTMENTS.map((_, i) => 4101 + i);

/** The demo port of a department's simulator (for `npm run partner`), or null. */
export function demoPortOf(department: string): number | null {
  const i = (PUSH_DEPARTMENTS as readonly string[]).indexOf(department);
  return i < 0 ? null : DEMO_PARTNER_PORTS[i];
}

/** A fictional but valid identity number of 寿光市 (370783) born on `birth`. */
function idNumber(birth: string): string {
  const first17 = `370783${birth}${String(randomInt(1, 999)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** Three households of 寿光市 whose needs reach every department. */
export function demoApplications(): Array<Record<string, unknown>> {
  const stamp = Date.now().toString(36);
  return [
    {
      idempotencyKey: `demo-${stamp}-1`,
      townshipCode: '370783104',
      applicant: { name: '王秀英', idNumber: idNumber('19780312'), phone: '13800138000' },
      applicantMonthlyIncomeFen: 60000,
      household: [
        { person: { name: '李强', idNumber: idNumber('19760520') }, relation: 'SPOUSE', monthlyIncomeFen: 0, laborCapable: false, seriouslyIll: true },
        { person: { name: '李小明', idNumber: idNumber('20120901') }, relation: 'CHILD', schoolStage: 'PRIMARY' },
        { person: { name: '李大伟', idNumber: idNumber('20000315') }, relation: 'CHILD', laborCapable: true, employed: false },
      ],
      hardship: { medicalExpenseFen: 1_250_000 },
      categories: ['TEMPORARY', 'MEDICAL', 'EDUCATION', 'HOUSING', 'EMPLOYMENT', 'LEGAL_AID', 'CHARITY'],
    },
    {
      idempotencyKey: `demo-${stamp}-2`,
      townshipCode: '370783104',
      applicant: { name: '张建国', idNumber: idNumber('19650808'), phone: '13900139000' },
      applicantMonthlyIncomeFen: 80000,
      household: [{ person: { name: '张婷', idNumber: idNumber('20080101') }, relation: 'CHILD', schoolStage: 'SENIOR_SECONDARY' }],
      categories: ['EDUCATION', 'CHARITY'],
    },
    {
      idempotencyKey: `demo-${stamp}-3`,
      townshipCode: '370783001',
      applicant: { name: '买买提·艾力', idNumber: idNumber('19900101') },
      applicantMonthlyIncomeFen: 50000,
      household: [],
      categories: ['HOUSING', 'LEGAL_AID'],
    },
  ];
}
