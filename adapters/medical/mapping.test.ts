import { APPLICANT, CHILD, PARENT, referral, SPOUSE } from '../shared/household-fixture';
import { sha256Hex } from '../shared/signing';
import { acceptNoOf, fromMedicalCallback, insuredMembers, stringToSign, toMedicalCallback, toMedicalCancellation, toMedicalReferral } from './mapping';

describe('medical-gateway mapping (医保局)', () => {
  it('sends the seriously ill and disabled members whole, and the household figures', () => {
    const body = toMedicalReferral(referral());
    expect(body).toEqual({
      referralId: '01JB00000000000000000000R1',
      caseNo: '330106002202411040001',
      category: 'MEDICAL',
      townshipCode: '330106002',
      acceptedDate: '2024-11-04',
      dueDate: '2024-11-25',
      household: { size: 4, perCapitaMonthlyIncomeFen: 60000 },
      insuredPersons: [
        { name: '李秀英', idNumber: SPOUSE.idNumber, relation: 'SPOUSE', basis: ['SERIOUSLY_ILL'] },
        { name: '王桂兰', idNumber: PARENT.idNumber, relation: 'PARENT', basis: ['DISABLED'] },
      ],
    });
    // Nobody else's number, name or income travels.
    const wire = JSON.stringify(body);
    for (const other of [APPLICANT, CHILD]) {
      expect(wire).not.toContain(other.idNumber);
      expect(wire).not.toContain(other.name);
    }
  });

  it('names both reasons when one member is seriously ill and disabled', () => {
    const d = referral({ household: [APPLICANT, { ...SPOUSE, disabled: true }] });
    expect(toMedicalReferral(d).insuredPersons).toEqual([{ name: '李秀英', idNumber: SPOUSE.idNumber, relation: 'SPOUSE', basis: ['SERIOUSLY_ILL', 'DISABLED'] }]);
  });

  it('sends the applicant when no member is flagged (the household declared the medical expenses)', () => {
    const d = referral({ household: [APPLICANT, { ...SPOUSE, seriouslyIll: false }, CHILD], householdSize: 3 });
    expect(insuredMembers(d).map((p) => p.personId)).toEqual([APPLICANT.personId]);
    expect(toMedicalReferral(d).insuredPersons).toEqual([{ name: '张建国', idNumber: APPLICANT.idNumber, relation: 'SELF', basis: ['APPLICANT'] }]);
  });

  it('carries the acceptance number on cancellation', () => {
    expect(toMedicalCancellation({ referralId: 'R1', caseNo: 'C1', externalRef: 'YB2024110400017', reason: '申请人撤回' })).toEqual({
      referralId: 'R1',
      caseNo: 'C1',
      acceptNo: 'YB2024110400017',
      reason: '申请人撤回',
    });
  });

  it('reads the three callback types and round-trips them', () => {
    const ack = { msgId: 'M1', referralId: '01JB00000000000000000000R1', type: 'ACK', acceptNo: 'YB2024110400017' };
    expect(fromMedicalCallback(ack)).toEqual({ messageId: 'M1', answer: { referralId: ack.referralId, externalRef: 'YB2024110400017', kind: 'ACKNOWLEDGED' } });
    const supplement = { ...ack, msgId: 'M2', type: 'SUPPLEMENT', materials: ['住院病历首页', '医疗费用发票'], remark: '请补充近半年住院材料' };
    expect(fromMedicalCallback(supplement)?.answer).toEqual({
      referralId: ack.referralId,
      externalRef: 'YB2024110400017',
      kind: 'SUPPLEMENT_REQUESTED',
      materials: ['住院病历首页', '医疗费用发票'],
      note: '请补充近半年住院材料',
    });
    const result = { ...ack, msgId: 'M3', type: 'RESULT', result: { decision: 'APPROVED', reimbursedFen: 1234500 } };
    expect(fromMedicalCallback(result)?.answer).toEqual({
      referralId: ack.referralId,
      externalRef: 'YB2024110400017',
      kind: 'RESOLVED',
      decision: 'APPROVED',
      amountFen: 1234500,
      note: null,
    });
    for (const message of [ack, supplement, result]) {
      const read = fromMedicalCallback(message)!;
      expect(fromMedicalCallback(JSON.parse(JSON.stringify(toMedicalCallback(read.messageId, read.answer))))).toEqual(read);
    }
  });

  it('refuses malformed callbacks', () => {
    const ok = { msgId: 'M1', referralId: 'R1', type: 'RESULT', acceptNo: 'YB1', result: { decision: 'REJECTED' } };
    expect(fromMedicalCallback(ok)).not.toBeNull();
    for (const bad of [
      null,
      'text',
      [],
      { ...ok, msgId: '' },
      { ...ok, msgId: undefined },
      { ...ok, referralId: 42 },
      { ...ok, referralId: 'R'.repeat(27) },
      { ...ok, acceptNo: undefined },
      { ...ok, type: 'UNKNOWN' },
      { ...ok, type: 'result' },
      { ...ok, result: undefined },
      { ...ok, result: { decision: 'MAYBE' } },
      { ...ok, result: { decision: 'APPROVED', reimbursedFen: -1 } },
      { ...ok, result: { decision: 'APPROVED', reimbursedFen: 12.5 } },
      { ...ok, result: { decision: 'APPROVED', reimbursedFen: '100' } },
      { ...ok, remark: 7 },
      { ...ok, type: 'SUPPLEMENT', materials: [] },
      { ...ok, type: 'SUPPLEMENT', materials: ['发票', ''] },
      { ...ok, type: 'SUPPLEMENT' },
    ]) {
      expect(fromMedicalCallback(bad)).toBeNull();
    }
  });

  it('builds the gateway signing string with the hex SHA-256 of the body', () => {
    const body = '{"referralId":"R1"}';
    expect(stringToSign('post', '/api/referrals', '1730700000000', 'c7a1e6c2-2f7e-4a55-9d1c-3b1f0f6e9a10', body)).toBe(
      `POST\n/api/referrals\n1730700000000\nc7a1e6c2-2f7e-4a55-9d1c-3b1f0f6e9a10\n${sha256Hex(body)}`,
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('reads the acceptance number from a success answer only', () => {
    expect(acceptNoOf({ code: '0', message: '成功', data: { acceptNo: 'YB1' } })).toBe('YB1');
    for (const bad of [null, { code: 0, data: { acceptNo: 'YB1' } }, { code: '0' }, { code: '0', data: { acceptNo: '' } }, { code: '1001', data: { acceptNo: 'YB1' } }]) {
      expect(acceptNoOf(bad)).toBeNull();
    }
  });
});
