import { APPLICANT, CHILD, PARENT, referral, SPOUSE } from '../shared/household-fixture';
import {
  basicAuthorization,
  caseReferenceOf,
  DEFAULT_TOKEN_SECONDS,
  fromHousingEvent,
  fromTokenResponse,
  readBasicAuthorization,
  signingInput,
  toHousingCancellation,
  toHousingEvent,
  toHousingReferral,
} from './mapping';
import { refreshMarginMs } from '../shared/client-credentials';

describe('oauth2-json mapping (住建局)', () => {
  it('sends the applicant whole and the household figures, nobody else', () => {
    const body = toHousingReferral(referral({ category: 'HOUSING' }));
    expect(body).toEqual({
      referralId: '01JB00000000000000000000R1',
      caseNo: '330106002202411040001',
      category: 'HOUSING',
      townshipCode: '330106002',
      acceptedDate: '2024-11-04',
      dueDate: '2024-11-25',
      applicant: { name: '张建国', idNumber: APPLICANT.idNumber },
      household: { size: 4, perCapitaMonthlyIncomeFen: 60000 },
    });
    const wire = JSON.stringify(body);
    for (const other of [SPOUSE, CHILD, PARENT]) {
      expect(wire).not.toContain(other.idNumber);
      expect(wire).not.toContain(other.name);
    }
    expect(toHousingReferral(referral({ household: [] }))).toBeNull();
  });

  it('carries the case reference on cancellation', () => {
    expect(toHousingCancellation({ referralId: 'R1', caseNo: 'C1', externalRef: 'ZJ-2024-0088', reason: '申请人撤回' })).toEqual({
      referralId: 'R1',
      caseNo: 'C1',
      caseReference: 'ZJ-2024-0088',
      reason: '申请人撤回',
    });
  });

  it('reads the three event types and round-trips them', () => {
    const received = { eventId: 'evt-1', referralId: '01JB00000000000000000000R1', eventType: 'referral.received', caseReference: 'ZJ-2024-0088', occurredAt: '2024-11-05T02:00:00.000Z' };
    expect(fromHousingEvent(received)).toEqual({ messageId: 'evt-1', answer: { referralId: received.referralId, externalRef: 'ZJ-2024-0088', kind: 'ACKNOWLEDGED' } });
    const docs = { ...received, eventId: 'evt-2', eventType: 'referral.documents_requested', documents: ['房屋安全鉴定报告', '租赁合同'], comment: '请补充C级危房鉴定' };
    expect(fromHousingEvent(docs)?.answer).toEqual({
      referralId: received.referralId,
      externalRef: 'ZJ-2024-0088',
      kind: 'SUPPLEMENT_REQUESTED',
      materials: ['房屋安全鉴定报告', '租赁合同'],
      note: '请补充C级危房鉴定',
    });
    const decided = { ...received, eventId: 'evt-3', eventType: 'referral.decided', decision: 'approved', subsidyFen: 80000 };
    expect(fromHousingEvent(decided)?.answer).toEqual({
      referralId: received.referralId,
      externalRef: 'ZJ-2024-0088',
      kind: 'RESOLVED',
      decision: 'APPROVED',
      amountFen: 80000,
      note: null,
    });
    expect(fromHousingEvent({ ...decided, decision: 'rejected', subsidyFen: null })?.answer).toMatchObject({ decision: 'REJECTED', amountFen: null });
    for (const event of [received, docs, decided]) {
      const read = fromHousingEvent(event)!;
      expect(fromHousingEvent(JSON.parse(JSON.stringify(toHousingEvent(read.messageId, read.answer))))).toEqual(read);
    }
  });

  it('refuses malformed events', () => {
    const ok = { eventId: 'evt-1', referralId: 'R1', eventType: 'referral.decided', caseReference: 'ZJ-1', decision: 'approved' };
    expect(fromHousingEvent(ok)).not.toBeNull();
    for (const bad of [
      null,
      42,
      [ok],
      { ...ok, eventId: '' },
      { ...ok, referralId: undefined },
      { ...ok, caseReference: undefined },
      { ...ok, caseReference: 7 },
      { ...ok, eventType: 'referral.closed' },
      { ...ok, eventType: 'DECIDED' },
      { ...ok, decision: 'APPROVED' },
      { ...ok, decision: undefined },
      { ...ok, subsidyFen: -100 },
      { ...ok, subsidyFen: 1.5 },
      { ...ok, comment: { text: '通过' } },
      { ...ok, occurredAt: 20241105 },
      { ...ok, eventType: 'referral.documents_requested', documents: '租赁合同' },
      { ...ok, eventType: 'referral.documents_requested', documents: [] },
      { ...ok, eventType: 'referral.documents_requested', documents: [3] },
    ]) {
      expect(fromHousingEvent(bad)).toBeNull();
    }
  });

  it('reads the case reference of an answer', () => {
    expect(caseReferenceOf({ caseReference: 'ZJ-1', status: 'RECEIVED' })).toBe('ZJ-1');
    for (const bad of [null, 'ZJ-1', {}, { caseReference: '' }, { caseReference: 1 }]) expect(caseReferenceOf(bad)).toBeNull();
  });

  it('signs "<timestamp>.<nonce>.<raw body>"', () => {
    expect(signingInput('1730772000', 'n-0001-abcd', '{"a":1}').toString()).toBe('1730772000.n-0001-abcd.{"a":1}');
  });

  it('encodes HTTP Basic client authentication as RFC 6749 says, and reads it back', () => {
    // RFC 6749 §2.3.1: form-encode each part before base64.
    expect(basicAuthorization('zjj-hub', 'a:b c')).toBe(`Basic ${Buffer.from('zjj-hub:a%3Ab+c').toString('base64')}`);
    expect(readBasicAuthorization(basicAuthorization('zjj-hub', 'a:b c'))).toEqual({ clientId: 'zjj-hub', clientSecret: 'a:b c' });
    for (const bad of [undefined, '', 'Bearer abc', 'Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`]) expect(readBasicAuthorization(bad)).toBeNull();
  });

  it('reads token answers strictly', () => {
    expect(fromTokenResponse({ access_token: 'eyJ.abc-_~+/=', token_type: 'Bearer', expires_in: 7200 })).toEqual({ accessToken: 'eyJ.abc-_~+/=', expiresInSeconds: 7200 });
    expect(fromTokenResponse({ access_token: 'abc', token_type: 'bearer' })).toEqual({ accessToken: 'abc', expiresInSeconds: DEFAULT_TOKEN_SECONDS });
    for (const bad of [
      null,
      { token_type: 'Bearer', expires_in: 60 },
      { access_token: '', token_type: 'Bearer' },
      { access_token: 'abc', token_type: 'mac' },
      { access_token: 'abc' },
      { access_token: 'ab c', token_type: 'Bearer' },
      { access_token: 'abc\r\nX: 1', token_type: 'Bearer' },
      { access_token: 'abc', token_type: 'Bearer', expires_in: 0 },
      { access_token: 'abc', token_type: 'Bearer', expires_in: '3600' },
    ]) {
      expect(fromTokenResponse(bad)).toBeNull();
    }
  });

  it('refreshes 10 % before expiry, at most a minute early', () => {
    expect(refreshMarginMs(7200)).toBe(60_000);
    expect(refreshMarginMs(300)).toBe(30_000);
    expect(refreshMarginMs(2)).toBe(200);
  });
});
