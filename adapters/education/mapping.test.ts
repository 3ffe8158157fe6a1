import { Department } from '../../src/access/roles';
import type { SupervisionNoticeMessage } from '../../src/delivery/department-adapter';
import { DAUGHTER, FATHER, idNumber, MOTHER, referralOf, SON } from '../shared/test-household';
import {
  cancelXml,
  fenOf,
  fromCancelBody,
  fromEducationNotice,
  fromSubmitBody,
  fromSuperviseBody,
  receiptOf,
  responseXml,
  submitXml,
  superviseXml,
  toEducationCancellation,
  toEducationNotice,
  toEducationReferral,
  toEducationSupervision,
  yuanOf,
} from './mapping';
import { envelope, escapeXml, faultEnvelope, faultOf, parseEnvelope, passwordDigest, securityHeader, usernameToken } from './soap';
import { faultOutcome, readOperationReply } from './index';

const bodyOf = (xml: string) => parseEnvelope(envelope(xml))!.body;

describe('education mapping: referral → SubmitAssistanceReferral', () => {
  it('sends the students only, each with the whole number and the bureau’s stage code, and the applicant’s name', () => {
    const r = toEducationReferral(referralOf(Department.EDUCATION));
    expect(r.applicantName).toBe('王秀英');
    expect(r.students).toEqual([
      { name: '李子轩', idNumber: SON.idNumber, schoolStage: 'CZ' },
      { name: '李欣怡', idNumber: DAUGHTER.idNumber, schoolStage: 'XX' },
    ]);
    const xml = submitXml(r);
    expect(xml).not.toContain(MOTHER.idNumber);
    expect(xml).not.toContain(FATHER.idNumber);
    expect(xml).not.toMatch(/Income|180000/);
  });

  it('reads back what it wrote, numbers staying strings', () => {
    const r = toEducationReferral(referralOf(Department.EDUCATION, { caseNo: '037078310420260302' }));
    expect(fromSubmitBody(bodyOf(submitXml(r)))).toEqual(r);
  });

  it('escapes XML in names and reasons', () => {
    const r = toEducationReferral(referralOf(Department.EDUCATION, { household: [{ ...MOTHER, name: '王<秀>英&"\'' }, SON] }));
    const xml = submitXml(r);
    expect(xml).toContain('王&lt;秀&gt;英&amp;&quot;&apos;');
    expect(fromSubmitBody(bodyOf(xml))!.applicantName).toBe('王<秀>英&"\'');
    expect(escapeXml('a\u0001b\u0008c')).toBe('abc');
    const c = toEducationCancellation({ referralId: 'R1', caseNo: '370783104202603020001', externalRef: null, reason: '申请人撤回 <自愿>' });
    expect(cancelXml(c)).not.toContain('ReceiptNo');
    expect(fromCancelBody(bodyOf(cancelXml(c)))).toEqual({ referralId: 'R1', caseNo: '370783104202603020001', receiptNo: null, reason: '申请人撤回 <自愿>' });
  });

  it('refuses a referral body with a wrong check digit, an unknown stage, no students or a missing field', () => {
    const good = toEducationReferral(referralOf(Department.EDUCATION));
    const badDigit = { ...good, students: [{ ...good.students[0], idNumber: good.students[0].idNumber.slice(0, 17) + (good.students[0].idNumber[17] === '1' ? '2' : '1') }] };
    expect(fromSubmitBody(bodyOf(submitXml(badDigit)))).toBeNull();
    expect(fromSubmitBody(bodyOf(submitXml({ ...good, students: [{ ...good.students[0], schoolStage: 'JUNIOR_SECONDARY' }] })))).toBeNull();
    expect(fromSubmitBody(bodyOf(submitXml({ ...good, students: [] })))).toBeNull();
    expect(fromSubmitBody(bodyOf(submitXml(good).replace(/<x:DueDate>.*<\/x:DueDate>/, '')))).toBeNull();
    expect(fromSubmitBody(bodyOf(submitXml({ ...good, acceptedDate: '2026-13-02' })))).toBeNull();
    expect(fromSubmitBody(bodyOf('<x:Other/>'))).toBeNull();
  });
});

describe('education mapping: supervision notice → SuperviseAssistanceReferral', () => {
  const notice: SupervisionNoticeMessage = {
    noticeId: '01JS3N0T1CE00000000000000A',
    referralId: '01JRZ5Q8V1ZP0M3F7YB2W4K001',
    caseNo: '370783104202603020001',
    externalRef: 'D-1',
    clock: 'ACKNOWLEDGEMENT',
    level: 'COUNTY',
    supervisorRegion: '370783',
    dueDate: '2026-04-09',
    raisedOn: '2026-04-13',
    respondBy: '2026-04-16',
  };

  it('carries the ask and the receipt, keyed by the notice, and reads back what it wrote', () => {
    const s = toEducationSupervision(notice);
    const { externalRef: _ref, ...ask } = notice;
    expect(s).toEqual({ ...ask, receiptNo: 'D-1' });
    const xml = superviseXml(s);
    expect(xml).toMatch(/^<x:SuperviseAssistanceReferral><x:NoticeId>01JS3N0T1CE00000000000000A<\/x:NoticeId><x:ReferralId>/);
    expect(fromSuperviseBody(bodyOf(xml))).toEqual(s);
    const city = toEducationSupervision({ ...notice, externalRef: null, level: 'CITY', supervisorRegion: '3707', clock: 'RESOLUTION' });
    expect(superviseXml(city)).not.toContain('ReceiptNo');
    expect(fromSuperviseBody(bodyOf(superviseXml(city)))).toEqual(city);
  });

  it('carries no personal data', () => {
    const xml = superviseXml(toEducationSupervision(notice));
    for (const p of [MOTHER, FATHER, SON, DAUGHTER]) {
      expect(xml).not.toContain(p.idNumber);
      expect(xml).not.toContain(p.name);
    }
    expect(xml).not.toMatch(/Name|IdNumber|Student/);
  });

  it('refuses a notice with an unknown clock or level, a bad date or region, a missing key or an element it does not know', () => {
    const good = toEducationSupervision(notice);
    for (const bad of [
      superviseXml({ ...good, clock: 'OTHER' as 'RESOLUTION' }),
      superviseXml({ ...good, level: 'PROVINCE' as 'CITY' }),
      superviseXml({ ...good, respondBy: '2026-04-31x' }),
      superviseXml({ ...good, supervisorRegion: '37078' }),
      superviseXml(good).replace(/<x:NoticeId>.*<\/x:NoticeId>/, ''),
      superviseXml(good).replace('</x:SuperviseAssistanceReferral>', `<x:IdNumber>${SON.idNumber}</x:IdNumber></x:SuperviseAssistanceReferral>`),
    ]) {
      expect(fromSuperviseBody(bodyOf(bad))).toBeNull();
    }
  });

  it('reads the response’s receipt for that operation only', () => {
    const reply = envelope(responseXml('SuperviseAssistanceReferral', 'N-3'));
    expect(readOperationReply('SuperviseAssistanceReferral', 200, reply)).toEqual({ ok: true, externalRef: 'N-3' });
    expect(readOperationReply('CancelAssistanceReferral', 200, reply)).toMatchObject({ reason: 'MALFORMED_REPLY' });
    expect(readOperationReply('SuperviseAssistanceReferral', 500, faultEnvelope('soap:Client.ReferralNotFound', 'x'))).toEqual({ ok: false, retryable: false, reason: 'SOAP_FAULT_CLIENT' });
  });
});

describe('education SOAP', () => {
  it('computes the UsernameToken PasswordDigest as the profile defines it', () => {
    // Base64(SHA-1(nonce bytes + Created + password)), checked against a digest computed by hand.
    expect(passwordDigest('AAAAAAAAAAAAAAAAAAAAAA==', '2026-03-02T08:00:00Z', 'xszz-口令')).toBe(
      require('node:crypto')
        .createHash('sha1')
        .update(Buffer.concat([Buffer.alloc(16), Buffer.from('2026-03-02T08:00:00Zxszz-口令')]))
        .digest('base64'),
    );
    const header = securityHeader('hub-jyj', 'secret', new Date('2026-03-02T08:00:00.123Z'), 'AAAAAAAAAAAAAAAAAAAAAA==');
    const token = usernameToken(parseEnvelope(envelope('<x:A/>', header))!.header);
    expect(token).toMatchObject({ username: 'hub-jyj', nonce: 'AAAAAAAAAAAAAAAAAAAAAA==', created: '2026-03-02T08:00:00Z' });
    expect(token!.password).toBe(passwordDigest('AAAAAAAAAAAAAAAAAAAAAA==', '2026-03-02T08:00:00Z', 'secret'));
  });

  it('reads receipts and faults, whatever the prefixes', () => {
    const other = '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><e:SubmitAssistanceReferralResponse xmlns:e="urn:edu:xszz:hub:1"><e:ReceiptNo>013800000000</e:ReceiptNo></e:SubmitAssistanceReferralResponse></S:Body></S:Envelope>';
    expect(readOperationReply('SubmitAssistanceReferral', 200, other)).toEqual({ ok: true, externalRef: '013800000000' });
    expect(receiptOf(parseEnvelope(envelope(responseXml('CancelAssistanceReferral', 'C-1')))!.body, 'SubmitAssistanceReferral')).toBeNull();
    expect(faultOf(parseEnvelope(faultEnvelope('soap:Client', '学生身份证号码有误'))!.body)).toEqual({ code: 'Client' });
    expect(readOperationReply('SubmitAssistanceReferral', 500, faultEnvelope('soap:Client', 'x'))).toEqual({ ok: false, retryable: false, reason: 'SOAP_FAULT_CLIENT' });
    expect(readOperationReply('SubmitAssistanceReferral', 500, faultEnvelope('soap:Server.Busy', 'x'))).toEqual({ ok: false, retryable: true, reason: 'SOAP_FAULT_SERVER' });
    expect(readOperationReply('SubmitAssistanceReferral', 500, faultEnvelope('wsse:FailedAuthentication', 'x'))).toEqual({ ok: false, retryable: true, reason: 'SOAP_FAULT_SECURITY' });
    expect(faultOutcome('MessageExpired')).toEqual({ ok: false, retryable: true, reason: 'SOAP_FAULT_EXPIRED' });
    expect(faultOutcome('MustUnderstand')).toEqual({ ok: false, retryable: false, reason: 'SOAP_FAULT_OTHER' });
  });

  it('treats unreadable answers as malformed (2xx) or by their status', () => {
    expect(readOperationReply('SubmitAssistanceReferral', 200, '{"oops": <not json')).toMatchObject({ retryable: true, reason: 'MALFORMED_REPLY' });
    expect(readOperationReply('SubmitAssistanceReferral', 200, faultEnvelope('soap:Client', 'x'))).toMatchObject({ reason: 'MALFORMED_REPLY' });
    expect(readOperationReply('SubmitAssistanceReferral', 200, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')).toMatchObject({ reason: 'MALFORMED_REPLY' });
    expect(readOperationReply('SubmitAssistanceReferral', 500, 'Internal Server Error')).toEqual({ ok: false, retryable: true, reason: 'HTTP_500' });
    expect(readOperationReply('SubmitAssistanceReferral', 415, '')).toEqual({ ok: false, retryable: false, reason: 'HTTP_415' });
  });
});

describe('education mapping: notices', () => {
  const answers = [
    { referralId: 'R1', externalRef: 'D-1', kind: 'ACKNOWLEDGED' as const },
    { referralId: 'R1', externalRef: 'D-1', kind: 'SUPPLEMENT_REQUESTED' as const, materials: ['学籍证明', '家庭经济困难学生认定申请表'], note: '请于5个工作日内补交' },
    { referralId: 'R1', externalRef: 'D-1', kind: 'RESOLVED' as const, decision: 'APPROVED' as const, amountFen: 250005, note: null },
    { referralId: 'R1', externalRef: null, kind: 'RESOLVED' as const, decision: 'REJECTED' as const, amountFen: null, note: '不符合资助条件' },
  ];

  it('round-trips every answer, amounts in yuan on the wire', () => {
    for (const answer of answers) {
      const wire = JSON.parse(JSON.stringify(toEducationNotice('M1', answer)));
      expect(fromEducationNotice(wire)).toEqual({ messageId: 'M1', answer });
    }
    expect(toEducationNotice('M1', answers[2]).amount).toBe('2500.05');
    expect(yuanOf(7)).toBe('0.07');
    expect(fenOf('2500.5')).toBe(250050);
    expect(fenOf('12')).toBe(1200);
    for (const bad of ['-1.00', '1.005', '01.00', '1e3', '']) expect(fenOf(bad)).toBeNull();
  });

  it('refuses malformed notices', () => {
    const ok = toEducationNotice('M1', answers[2]);
    for (const bad of [
      null,
      [],
      'x',
      { ...ok, msgId: '' },
      { ...ok, referralId: 'R 1' },
      { ...ok, status: 'DONE' },
      { ...ok, amount: 2500 },
      { ...ok, amount: '2,500.00' },
      { ...ok, extra: idNumber('37078320120905001') },
      { ...toEducationNotice('M2', answers[1]), materials: [] },
      { ...toEducationNotice('M2', answers[1]), materials: [3] },
    ]) {
      expect(fromEducationNotice(bad)).toBeNull();
    }
  });
});
