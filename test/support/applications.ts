import { freshIdNumber } from './people';
import { TOWNSHIP } from './environment';

let counter = 0;

/** A valid application for a household of three that needs 低保, medical and education help. */
export function application(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    idempotencyKey: `key-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    townshipCode: TOWNSHIP,
    applicant: { name: '王秀英', idNumber: freshIdNumber('19780312'), phone: '13800138000' },
    applicantMonthlyIncomeFen: 60000,
    household: [
      { person: { name: '李强', idNumber: freshIdNumber('19760520') }, relation: 'SPOUSE', monthlyIncomeFen: 0, laborCapable: false, seriouslyIll: true },
      { person: { name: '李小明', idNumber: freshIdNumber('20120901') }, relation: 'CHILD', schoolStage: 'PRIMARY' },
    ],
    hardship: { medicalExpenseFen: 1_250_000 },
    ...overrides,
  };
}
