import { generateKeyPairSync, randomInt } from 'node:crypto';
import { sm2 } from 'sm-crypto';
import { checkCharacter } from '../src/access/identity-number';
import { newId } from '../src/common/ids';
import { Department } from '../src/access/roles';
import type { DeliveryOutcome, DepartmentAdapter, PartnerConnection, PartnerProtocol, ReferralDelivery, SupervisionNoticeMessage } from '../src/delivery/department-adapter';

// The conformance kit (对接验收): before a county switches a department to PUSH, it runs the
// protocol's checks against the department's real system through the hub's own adapter — a signed
// delivery is taken, a repeat is the same delivery, a wrongly signed one is refused in the
// protocol's error shape, and a cancellation (and its repeat) is taken. The test referral is
// clearly fictional (case number starting TEST, an identity number of a person who does not exist).

export interface CheckResult {
  name: string;
  passed: boolean;
  detail: string;
}

const say = (o: DeliveryOutcome) => (o.ok ? `taken (reference ${o.externalRef ?? 'none'})` : `${o.retryable ? 'retryable' : 'final'} failure ${o.reason}`);
const NO_ANSWER = ['UNREACHABLE', 'TIMEOUT', 'MALFORMED_REPLY'];

/** A fictional referral for the department (test data, flagged in the case number). */
export function testReferral(department: Department): ReferralDelivery {
  const person = (birth: string) => {
    const first17 = `370783${birth}${String(randomInt(900, 999))}`; // 900–999: never issued to a resident here
    return first17 + checkCharacter(first17);
  };
  const category: Record<string, string> = { MEDICAL: 'MEDICAL', EDUCATION: 'EDUCATION', HOUSING: 'HOUSING', EMPLOYMENT: 'EMPLOYMENT', JUDICIAL: 'LEGAL_AID', CHARITY: 'CHARITY' };
  const base = { monthlyIncomeFen: 0, schoolStage: null, laborCapable: false, employed: false, disabled: false, seriouslyIll: false };
  return {
    referralId: newId(),
    caseNo: `TEST${Date.now()}`,
    department,
    category: category[department] ?? 'TEMPORARY',
    townshipCode: '370783104',
    acceptedDate: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
    dueDate: new Date(Date.now() + 8 * 3600_000 + 21 * 86_400_000).toISOString().slice(0, 10),
    householdSize: 4,
    perCapitaMonthlyIncomeFen: 45_000,
    household: [
      { ...base, personId: 'test-applicant', name: '测试申请人', idNumber: person('19800101'), relation: 'SELF', laborCapable: true, monthlyIncomeFen: 90_000 },
      { ...base, personId: 'test-spouse', name: '测试配偶', idNumber: person('19820202'), relation: 'SPOUSE', seriouslyIll: true },
      { ...base, personId: 'test-child', name: '测试子女', idNumber: person('20120303'), relation: 'CHILD', schoolStage: 'PRIMARY' },
      { ...base, personId: 'test-son', name: '测试长子', idNumber: person('20000404'), relation: 'CHILD', laborCapable: true },
    ],
  };
}

/** A county's supervision notice (督办单) on `referralId`, which the partner knows as `externalRef` (test data). */
export function testNotice(referralId: string, externalRef: string | null, noticeId = newId()): SupervisionNoticeMessage {
  return {
    noticeId,
    referralId,
    caseNo: `TEST${Date.now()}`,
    externalRef,
    clock: 'ACKNOWLEDGEMENT',
    level: 'COUNTY',
    supervisorRegion: '370783',
    dueDate: '2026-03-05',
    raisedOn: '2026-03-09',
    respondBy: '2026-03-12',
  };
}

/** The same credentials made wrong: secrets changed, keys replaced by fresh keys of the same kind. */
export function wrongCredentials(credentials: Record<string, string>): Record<string, string> {
  const wrong: Record<string, string> = {};
  for (const [key, value] of Object.entries(credentials)) {
    if (/PrivateKey$/.test(key) && value.includes('BEGIN')) {
      wrong[key] = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    } else if (/PrivateKey$/.test(key) && /^[0-9a-f]{64}$/i.test(value)) {
      wrong[key] = sm2.generateKeyPairHex().privateKey;
    } else if (/secret|password/i.test(key)) {
      wrong[key] = `${value}-wrong`;
    } else {
      wrong[key] = value; // identifiers stay: only the proof is wrong
    }
  }
  return wrong;
}

/** Runs the checks against `connection.endpoint`; never throws for a partner's answer. */
export async function runConformance(protocol: PartnerProtocol, connection: PartnerConnection): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const check = (name: string, passed: boolean, detail: string) => results.push({ name, passed, detail });
  const signal = () => AbortSignal.timeout(connection.timeoutMs);
  const adapter: DepartmentAdapter = protocol.create(connection);
  const referral = testReferral(connection.department);

  const first = await adapter.deliver(referral, signal());
  check('a signed delivery is taken', first.ok, say(first));
  const repeat = await adapter.deliver(referral, signal());
  check(
    'a repeated delivery (same idempotency key) is the same delivery',
    repeat.ok && (!first.ok || first.externalRef === null || repeat.externalRef === first.externalRef),
    `${say(repeat)}${first.ok && repeat.ok && first.externalRef !== repeat.externalRef ? `; first reference ${first.externalRef}` : ''}`,
  );

  const forged = protocol.create({ ...connection, credentials: wrongCredentials(connection.credentials) });
  const other = testReferral(connection.department);
  const refused = await forged.deliver(other, signal());
  check('a wrongly signed delivery is refused', !refused.ok, say(refused));
  check('the refusal comes in the protocol’s error shape', !refused.ok && !NO_ANSWER.includes(refused.reason), say(refused));

  const cancellation = { referralId: referral.referralId, caseNo: referral.caseNo, externalRef: first.ok ? first.externalRef : null, reason: 'CONFORMANCE_TEST' };
  const cancelled = await adapter.cancel(cancellation, signal());
  check('a signed cancellation is taken', cancelled.ok, say(cancelled));
  const cancelledAgain = await adapter.cancel(cancellation, signal());
  check('a repeated cancellation is taken again', cancelledAgain.ok, say(cancelledAgain));
  return results;
}
