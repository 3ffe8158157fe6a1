import { sm2 } from 'sm-crypto';
import { Department } from '../../src/access/roles';
import type { PartnerConnection, SupervisionNoticeMessage } from '../../src/delivery/department-adapter';
import { DAUGHTER, FATHER, GRANDMOTHER, MOTHER, referralOf, SON } from '../shared/test-household';
import { CODE, employmentProtocol, readAnswer, signedAnswer } from './index';
import {
  fromAcceptResult,
  fromEmploymentCancellation,
  fromEmploymentNotice,
  fromEmploymentReferral,
  fromEmploymentSupervision,
  toEmploymentCancellation,
  toEmploymentNotice,
  toEmploymentReferral,
  toEmploymentSupervision,
} from './mapping';
import { openSealed, seal, signerOf, signingString, sm2Sign, sm2Verify, validPublicKey } from './signing';

const hubKeys = sm2.generateKeyPairHex();
const bureauKeys = sm2.generateKeyPairHex();
const bureau = signerOf(bureauKeys.privateKey);

describe('employment mapping: referral → bizContent', () => {
  it('sends the members able to work and out of work, with whole numbers, and the 零就业家庭 flag', () => {
    const r = toEmploymentReferral(referralOf(Department.EMPLOYMENT));
    expect(r.jobSeekers).toEqual([{ name: '王秀英', idNumber: MOTHER.idNumber, relation: 'SELF' }]);
    expect(r.zeroEmploymentHousehold).toBe(false); // the father works
    const text = JSON.stringify(r);
    for (const other of [FATHER, SON, DAUGHTER, GRANDMOTHER]) expect(text).not.toContain(other.idNumber);
    expect(text).not.toMatch(/income|Income|180000|schoolStage|seriouslyIll/);

    const idle = toEmploymentReferral(referralOf(Department.EMPLOYMENT, { household: [MOTHER, { ...FATHER, employed: false, monthlyIncomeFen: 0 }, SON] }));
    expect(idle.jobSeekers.map((s) => s.name)).toEqual(['王秀英', '李建国']);
    expect(idle.zeroEmploymentHousehold).toBe(true);
  });

  it('reads back what it wrote; refuses bad numbers, relations, extra keys and missing fields', () => {
    const r = toEmploymentReferral(referralOf(Department.EMPLOYMENT));
    const wire = JSON.parse(JSON.stringify(r));
    expect(fromEmploymentReferral(wire)).toEqual(r);
    const seeker = r.jobSeekers[0];
    const wrongDigit = seeker.idNumber.slice(0, 17) + (seeker.idNumber[17] === '1' ? '2' : '1');
    for (const bad of [
      { ...r, jobSeekers: [{ ...seeker, idNumber: wrongDigit }] },
      { ...r, jobSeekers: [{ ...seeker, relation: '母亲' }] },
      { ...r, jobSeekers: [] },
      { ...r, jobSeekers: [{ ...seeker, name: ' ' }] },
      { ...r, perCapitaMonthlyIncomeFen: 1 },
      { ...r, zeroEmploymentHousehold: 'false' },
      { ...r, dueDate: '2026-02-30x' },
      { ...r, referralId: undefined },
      null,
      [r],
    ]) {
      expect(fromEmploymentReferral(bad)).toBeNull();
    }
    const c = toEmploymentCancellation({ referralId: 'R1', caseNo: '370783104202603020001', externalRef: 'D-1', reason: '申请人撤回' });
    expect(fromEmploymentCancellation(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(fromEmploymentCancellation({ ...c, acceptNo: 7 })).toBeNull();
    expect(fromAcceptResult({ referralId: 'R1', acceptNo: 'D-1' })).toEqual({ referralId: 'R1', acceptNo: 'D-1' });
    expect(fromAcceptResult({ referralId: 'R1' })).toBeNull();
  });
});

describe('employment mapping: supervision notice → bizContent', () => {
  const notice: SupervisionNoticeMessage = {
    noticeId: '01JS3N0T1CE00000000000000A',
    referralId: '01JRZ5Q8V1ZP0M3F7YB2W4K001',
    caseNo: '370783104202603020001',
    externalRef: 'D-1',
    clock: 'RESOLUTION',
    level: 'CITY',
    supervisorRegion: '3707',
    dueDate: '2026-04-09',
    raisedOn: '2026-04-17',
    respondBy: '2026-04-22',
  };

  it('carries the ask and the 受理编号, keyed by the notice, no personal data; reads back what it wrote', () => {
    const n = toEmploymentSupervision(notice);
    const { externalRef: _ref, ...ask } = notice;
    expect(n).toEqual({ ...ask, acceptNo: 'D-1' });
    const text = JSON.stringify(n);
    for (const p of [MOTHER, FATHER, SON, DAUGHTER, GRANDMOTHER]) {
      expect(text).not.toContain(p.idNumber);
      expect(text).not.toContain(p.name);
    }
    expect(fromEmploymentSupervision(JSON.parse(text))).toEqual(n);
    const county = toEmploymentSupervision({ ...notice, externalRef: null, level: 'COUNTY', supervisorRegion: '370783' });
    expect(fromEmploymentSupervision(JSON.parse(JSON.stringify(county)))).toEqual(county);
  });

  it('refuses a notice with an unknown clock or level, a bad date or region, a missing key or a key it does not know', () => {
    const n = toEmploymentSupervision(notice);
    const { noticeId: _id, ...keyless } = n;
    for (const bad of [
      { ...n, clock: 'OTHER' },
      { ...n, level: 'PROVINCE' },
      { ...n, respondBy: '2026-04-31x' },
      { ...n, supervisorRegion: '37078' },
      { ...n, acceptNo: 7 },
      keyless,
      { ...n, idNumber: MOTHER.idNumber },
      null,
    ]) {
      expect(fromEmploymentSupervision(bad)).toBeNull();
    }
  });
});

describe('employment signing (SM2 over SM3, DER, user id 1234567812345678)', () => {
  it('builds the signing string from sorted key=value pairs, without sign and empty values', () => {
    expect(signingString({ timestamp: '1772438400', nonce: 'ab', bizContent: '{"a":1}', sign: 'x', appId: '', extra: undefined })).toBe('bizContent={"a":1}&nonce=ab&timestamp=1772438400');
  });

  it('signs in DER and verifies with the public key only', () => {
    const data = 'bizContent={"姓名":"王秀英"}&nonce=00&timestamp=1';
    const signature = sm2Sign(data, hubKeys.privateKey, hubKeys.publicKey);
    expect(signature).toMatch(/^30[0-9a-f]+$/); // ASN.1 SEQUENCE
    expect(sm2Verify(data, signature, hubKeys.publicKey)).toBe(true);
    expect(sm2.doVerifySignature(data, signature, hubKeys.publicKey, { hash: true, der: true })).toBe(true); // the library's defaults agree
    expect(sm2Verify(data + ' ', signature, hubKeys.publicKey)).toBe(false);
    expect(sm2Verify(data, signature, bureauKeys.publicKey)).toBe(false);
    expect(sm2Verify(data, 'zz', hubKeys.publicKey)).toBe(false);
    expect(validPublicKey(hubKeys.publicKey)).toBe(true);
    expect(validPublicKey('04' + '1'.repeat(128))).toBe(false); // not on the curve
  });

  it('opens a sealed object, and names what is wrong with a bad one', () => {
    const now = new Date();
    const shape = { required: ['bizContent'] };
    const sealed = seal({ bizContent: '{"referralId":"R1"}' }, bureau, now);
    expect(openSealed(sealed, bureauKeys.publicKey, now, shape)).toEqual({ fields: sealed });
    expect(openSealed({ ...sealed, bizContent: '{"referralId":"R2"}' }, bureauKeys.publicKey, now, shape)).toEqual({ problem: 'BAD_SIGNATURE' });
    const { sign: _sign, ...unsigned } = sealed;
    expect(openSealed(unsigned, bureauKeys.publicKey, now, shape)).toEqual({ problem: 'UNSIGNED' });
    expect(openSealed(sealed, bureauKeys.publicKey, new Date(now.getTime() + 6 * 60 * 1000), shape)).toEqual({ problem: 'STALE_TIMESTAMP' });
    expect(openSealed({ ...sealed, extra: 'x' }, bureauKeys.publicKey, now, shape)).toEqual({ problem: 'MALFORMED' });
    expect(openSealed({ ...sealed, timestamp: Number(sealed.timestamp) }, bureauKeys.publicKey, now, shape)).toEqual({ problem: 'MALFORMED' });
    expect(openSealed('x', bureauKeys.publicKey, now, shape)).toEqual({ problem: 'MALFORMED' });
  });

  it('refuses malformed keys at start-up without echoing them', () => {
    const connection = (credentials: Record<string, string>): PartnerConnection => ({
      department: Department.EMPLOYMENT,
      protocol: 'sm2-json',
      endpoint: new URL('http://127.0.0.1:9/'),
      credentials,
      timeoutMs: 1000,
      callbackUrl: 'http://127.0.0.1:9/',
    });
    expect(() => employmentProtocol.create(connection({ hubPrivateKey: hubKeys.privateKey, partnerPublicKey: bureauKeys.publicKey }))).not.toThrow();
    expect(() => employmentProtocol.create(connection({ hubPrivateKey: 'secret-xyz', partnerPublicKey: bureauKeys.publicKey }))).toThrow(/hubPrivateKey/);
    expect(() => employmentProtocol.create(connection({ hubPrivateKey: hubKeys.privateKey, partnerPublicKey: hubKeys.privateKey }))).toThrow(/partnerPublicKey: expected/);
    try {
      employmentProtocol.create(connection({ hubPrivateKey: 'secret-xyz', partnerPublicKey: bureauKeys.publicKey }));
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-xyz');
    }
  });
});

describe('employment answers', () => {
  const ok = (biz: unknown, status = 200, code: string = CODE.OK) => signedAnswer(bureau, status, code, '成功', biz).body;

  it('accepts a signed 0000 naming the referral', () => {
    expect(readAnswer(200, ok({ referralId: 'R1', acceptNo: 'D-1' }), 'R1', bureauKeys.publicKey)).toEqual({ ok: true, externalRef: 'D-1' });
  });

  it('takes a notice’s answer only when it names that notice', () => {
    const subject = { referralId: 'R1', noticeId: 'N1' };
    const malformed = { ok: false, retryable: true, reason: 'MALFORMED_REPLY' };
    expect(fromAcceptResult({ referralId: 'R1', noticeId: 'N1', acceptNo: 'N-2' })).toEqual({ referralId: 'R1', noticeId: 'N1', acceptNo: 'N-2' });
    expect(readAnswer(200, ok({ referralId: 'R1', noticeId: 'N1', acceptNo: 'N-2' }), subject, bureauKeys.publicKey)).toEqual({ ok: true, externalRef: 'N-2' });
    expect(readAnswer(200, ok({ referralId: 'R1', noticeId: 'N9', acceptNo: 'N-2' }), subject, bureauKeys.publicKey)).toEqual(malformed);
    expect(readAnswer(200, ok({ referralId: 'R1', acceptNo: 'D-1' }), subject, bureauKeys.publicKey)).toEqual(malformed);
    expect(readAnswer(200, ok({ referralId: 'R1', noticeId: 'N1', acceptNo: 'N-2' }), 'R1', bureauKeys.publicKey)).toEqual(malformed);
  });

  it('treats an unsigned, wrongly signed or mismatched 2xx as MALFORMED_REPLY', () => {
    const body = JSON.parse(ok({ referralId: 'R1', acceptNo: 'D-1' }));
    const malformed = { ok: false, retryable: true, reason: 'MALFORMED_REPLY' };
    const { sign: _sign, ...unsigned } = body;
    expect(readAnswer(200, JSON.stringify(unsigned), 'R1', bureauKeys.publicKey)).toEqual(malformed);
    expect(readAnswer(200, ok({ referralId: 'R1', acceptNo: 'D-1' }), 'R1', hubKeys.publicKey)).toEqual(malformed);
    expect(readAnswer(200, JSON.stringify({ ...body, msg: '篡改' }), 'R1', bureauKeys.publicKey)).toEqual(malformed);
    expect(readAnswer(200, ok({ referralId: 'R2', acceptNo: 'D-1' }), 'R1', bureauKeys.publicKey)).toEqual(malformed);
    expect(readAnswer(200, ok(undefined), 'R1', bureauKeys.publicKey)).toEqual(malformed);
    expect(readAnswer(200, '{"oops": <not json', 'R1', bureauKeys.publicKey)).toEqual(malformed);
  });

  it('reads signed refusals by their code, unsigned ones by their status', () => {
    const refused = (status: number, code: string) => readAnswer(status, signedAnswer(bureau, status, code, 'x').body, 'R1', bureauKeys.publicKey);
    expect(refused(401, CODE.BAD_SIGNATURE)).toEqual({ ok: false, retryable: true, reason: 'SIGNATURE_REFUSED' });
    expect(refused(401, CODE.STALE_TIMESTAMP)).toEqual({ ok: false, retryable: true, reason: 'TIMESTAMP_REFUSED' });
    expect(refused(401, CODE.NONCE_REPLAYED)).toEqual({ ok: false, retryable: true, reason: 'NONCE_REFUSED' });
    expect(refused(400, CODE.BAD_CONTENT)).toEqual({ ok: false, retryable: false, reason: 'CONTENT_REFUSED' });
    expect(refused(200, CODE.BUSY)).toEqual({ ok: false, retryable: true, reason: 'PARTNER_BUSY' });
    expect(refused(404, '4040')).toEqual({ ok: false, retryable: false, reason: 'CODE_4040' });
    expect(refused(429, '4290')).toEqual({ ok: false, retryable: true, reason: 'CODE_4290' });
    expect(readAnswer(503, 'service unavailable', 'R1', bureauKeys.publicKey)).toEqual({ ok: false, retryable: true, reason: 'HTTP_503' });
    expect(readAnswer(400, '{"code":"2001","msg":"unsigned"}', 'R1', bureauKeys.publicKey)).toEqual({ ok: false, retryable: false, reason: 'HTTP_400' });
  });
});

describe('employment mapping: notices', () => {
  const answers = [
    { referralId: 'R1', externalRef: 'D-1', kind: 'ACKNOWLEDGED' as const },
    { referralId: 'R1', externalRef: 'D-1', kind: 'SUPPLEMENT_REQUESTED' as const, materials: ['求职登记表', '失业登记证明'], note: null },
    { referralId: 'R1', externalRef: 'D-1', kind: 'RESOLVED' as const, decision: 'APPROVED' as const, amountFen: 100000, note: '推荐公益性岗位' },
    { referralId: 'R1', externalRef: null, kind: 'RESOLVED' as const, decision: 'REJECTED' as const, amountFen: null, note: null },
  ];

  it('round-trips every answer', () => {
    for (const answer of answers) expect(fromEmploymentNotice(JSON.parse(JSON.stringify(toEmploymentNotice('M1', answer))))).toEqual({ messageId: 'M1', answer });
  });

  it('refuses malformed notices', () => {
    const ok = toEmploymentNotice('M1', answers[2]);
    for (const bad of [null, [], { ...ok, msgId: 3 }, { ...ok, status: 'DONE' }, { ...ok, subsidyFen: -1 }, { ...ok, subsidyFen: 1.5 }, { ...ok, subsidyFen: '100' }, { ...ok, other: 1 }, { ...toEmploymentNotice('M2', answers[1]), materials: [''] }]) {
      expect(fromEmploymentNotice(bad)).toBeNull();
    }
  });
});
