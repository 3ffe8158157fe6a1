import { generateKeyPairSync } from 'node:crypto';
import { Department } from '../../src/access/roles';
import type { PartnerAnswer, ReferralDelivery } from '../../src/delivery/department-adapter';
import { canonicalJson } from '../shared/signing';
import { signDetached } from '../shared/detached-jws';
import { freshIsoTimestamp, newHeader, openEnvelope, seal, sealAck } from './index';
import {
  fromAck,
  fromOnReferMessage,
  fromReferMessage,
  fromStatusRequest,
  fromStatusResponse,
  fromSuperviseMessage,
  fromWithdrawMessage,
  toOnReferMessage,
  toReferMessage,
  toStatusRecords,
  toStatusRequest,
  toSuperviseMessage,
  toWithdrawMessage,
} from './mapping';

const TODAY = '2026-03-02';
const delivery: ReferralDelivery = {
  referralId: '01JNQ7Y2D5R8K3M6T9V1W4X7Z0',
  caseNo: '370783104202603020001',
  department: Department.JUDICIAL,
  category: 'LEGAL_AID',
  townshipCode: '370783104',
  acceptedDate: '2026-03-02',
  dueDate: '2026-03-23',
  householdSize: 3,
  perCapitaMonthlyIncomeFen: 41000,
  household: [
    { personId: 'p-applicant', name: '王秀兰', idNumber: '370783198503127716', relation: 'SELF', monthlyIncomeFen: 90000, schoolStage: null, laborCapable: true, employed: false, disabled: false, seriouslyIll: false },
    { personId: 'p-child', name: '王小明', idNumber: '370783201209010028', relation: 'CHILD', monthlyIncomeFen: 0, schoolStage: 'PRIMARY', laborCapable: false, employed: false, disabled: false, seriouslyIll: false },
    { personId: 'p-mother', name: '李桂芝', idNumber: '370783196004051236', relation: 'PARENT', monthlyIncomeFen: 33000, schoolStage: null, laborCapable: false, employed: false, disabled: true, seriouslyIll: true },
  ],
};
const ref = { referralId: delivery.referralId, externalRef: 'D-1' };

describe('judicial mapping: the refer message', () => {
  it('carries the applicant only, with the whole identity number, and nothing about the household', () => {
    const message = toReferMessage(delivery);
    expect(message).toEqual({
      transaction_id: '01JNQ7Y2D5R8K3M6T9V1W4X7Z0',
      referral: {
        case_no: '370783104202603020001',
        category: 'LEGAL_AID',
        township_code: '370783104',
        due_date: '2026-03-23',
        applicant: { name: '王秀兰', identity_number: '370783198503127716' },
      },
    });
    const wire = JSON.stringify(message);
    for (const absent of ['王小明', '370783201209010028', '李桂芝', '370783196004051236', '41000', '90000']) expect(wire).not.toContain(absent);
  });

  it('is what the bureau accepts, and it refuses anything else', () => {
    const message = toReferMessage(delivery);
    expect(fromReferMessage(message, TODAY)).toEqual(message);
    const broken = (change: (m: any) => void) => {
      const copy = JSON.parse(JSON.stringify(message));
      change(copy);
      return fromReferMessage(copy, TODAY);
    };
    expect(broken((m) => (m.referral.applicant.identity_number = '370783198503127717'))).toBeNull(); // check digit
    expect(broken((m) => (m.referral.applicant.identity_number = '370783208503127716'))).toBeNull(); // born after today
    expect(broken((m) => (m.referral.applicant.name = ' '))).toBeNull();
    expect(broken((m) => (m.referral.household = []))).toBeNull(); // more than agreed
    expect(broken((m) => (m.referral.due_date = '2026-02-30'))).toBeNull();
    expect(broken((m) => (m.referral.township_code = '37078310A'))).toBeNull();
    expect(broken((m) => (m.transaction_id = 'has space'))).toBeNull();
    expect(broken((m) => delete m.referral.case_no)).toBeNull();
    expect(fromReferMessage(null, TODAY)).toBeNull();
    expect(fromReferMessage('{}', TODAY)).toBeNull();
  });
});

describe('judicial mapping: withdraw and status requests', () => {
  it('withdraws with the bureau reference and the reason', () => {
    const message = toWithdrawMessage({ referralId: delivery.referralId, caseNo: delivery.caseNo, externalRef: 'D-1', reason: '申请人撤回申请' });
    expect(message).toEqual({ transaction_id: delivery.referralId, correlation_id: 'D-1', case_no: delivery.caseNo, reason: '申请人撤回申请' });
    expect(fromWithdrawMessage(message)).toEqual(message);
    expect(fromWithdrawMessage({ ...message, correlation_id: null })).not.toBeNull();
    expect(fromWithdrawMessage({ ...message, reason: '' })).toBeNull();
    expect(fromWithdrawMessage({ ...message, extra: 1 })).toBeNull();
  });

  it('asks for a transaction by its id', () => {
    const query = toStatusRequest('q-1', delivery.referralId);
    // TxnStatusRequest.yaml requires reference_id, txn_type, attribute_type and attribute_value.
    expect(query).toEqual({ transaction_id: 'q-1', txnstatus_request: { reference_id: 'q-1', txn_type: 'refer', attribute_type: 'transaction_id', attribute_value: delivery.referralId } });
    expect(fromStatusRequest(query)).toEqual(query);
    expect(fromStatusRequest({ ...query, txnstatus_request: { ...query.txnstatus_request, txn_type: 'search' } })).toBeNull();
  });
});

describe('judicial mapping: on-refer answers', () => {
  const answers: PartnerAnswer[] = [
    { ...ref, kind: 'ACKNOWLEDGED' },
    { ...ref, kind: 'SUPPLEMENT_REQUESTED', materials: ['经济困难状况说明表', '居民身份证复印件'], note: '请于五个工作日内补齐' },
    { ...ref, kind: 'RESOLVED', decision: 'APPROVED', amountFen: null, note: '指派律师提供法律援助' },
    { ...ref, kind: 'RESOLVED', decision: 'REJECTED', amountFen: null, note: null },
  ];

  it('round-trips every answer through the status the bureau sends', () => {
    expect(answers.map((a) => toOnReferMessage(a).status)).toEqual(['rcvd', 'pdng', 'succ', 'succ']);
    for (const answer of answers) expect(fromOnReferMessage(JSON.parse(JSON.stringify(toOnReferMessage(answer))))).toEqual(answer);
  });

  it('reads rjct (the bureau refused the referral as such) as a refusal with the code as the note', () => {
    const rjct = { transaction_id: ref.referralId, correlation_id: 'D-1', status: 'rjct', status_reason_code: 'rjct.jurisdiction.invalid' };
    expect(fromOnReferMessage(rjct)).toEqual({ ...ref, kind: 'RESOLVED', decision: 'REJECTED', amountFen: null, note: 'rjct.jurisdiction.invalid' });
    expect(fromOnReferMessage({ ...rjct, status_reason_code: '不予受理' })).toBeNull();
    expect(fromOnReferMessage({ ...rjct, status_reason_code: undefined })).toBeNull();
  });

  it('refuses messages whose status and result disagree or that carry anything unexpected', () => {
    const ok = toOnReferMessage(answers[2]) as any;
    const cases: unknown[] = [
      { ...ok, status: 'rcvd' },
      { ...ok, status: 'done' },
      { ...ok, result: { ...ok.result, decision: 'MAYBE' } },
      { ...ok, result: { ...ok.result, amount_fen: -1 } },
      { ...ok, result: { ...ok.result, amount_fen: 1.5 } },
      { ...ok, result: { ...ok.result, extra: true } },
      { ...ok, status_reason_code: 'rjct.x' },
      { ...ok, transaction_id: '' },
      { ...ok, correlation_id: undefined },
      { ...toOnReferMessage(answers[1]), result: { type: 'supplement_request', materials: [] } },
      { ...toOnReferMessage(answers[1]), result: { type: 'supplement_request', materials: [''] } },
      { ...toOnReferMessage(answers[0]), result: null },
      [],
      'succ',
    ];
    for (const c of cases) expect(fromOnReferMessage(c)).toBeNull();
  });

  it('reads a txn-on-status answer (TxnStatusResponse) in the order acknowledged, supplement, decision, all about one transaction', () => {
    const records = toStatusRecords([answers[2], answers[0], answers[1]]);
    const response = { transaction_id: 'q-1', correlation_id: 'D-1', txnstatus_response: { txn_type: 'refer', txn_status: { transaction_id: ref.referralId, records } } };
    expect(fromStatusResponse(response)).toMatchObject({ referralId: ref.referralId });
    expect(fromStatusResponse(response)?.answers.map((a) => a.kind)).toEqual(['ACKNOWLEDGED', 'SUPPLEMENT_REQUESTED', 'RESOLVED']);
    expect(fromStatusResponse({ ...response, extra: 1 })?.answers).toHaveLength(3); // what the specification adds, ignored
    const about = (txn_status: unknown) => fromStatusResponse({ ...response, txnstatus_response: { txn_type: 'refer', txn_status } });
    expect(about({ transaction_id: ref.referralId, records: [] })?.answers).toEqual([]);
    expect(about({ transaction_id: '01JNQ7Y2D5R8K3M6T9V1W4X7Z9', records })).toBeNull(); // records about another transaction
    expect(about({ transaction_id: ref.referralId, records: [{ ...records[0], status: 'x' }] })).toBeNull();
    expect(fromStatusResponse({ ...response, txnstatus_response: { txn_type: 'search', txn_status: { transaction_id: ref.referralId, records } } })).toBeNull();
  });

  it('reads ACK, NACK and ERR answers', () => {
    expect(fromAck({ ack_status: 'ACK', timestamp: '2026-03-02T09:00:00.000Z', correlation_id: 'D-1' })).toEqual({ ack_status: 'ACK', timestamp: '2026-03-02T09:00:00.000Z', correlation_id: 'D-1' });
    expect(fromAck({ ack_status: 'NACK', timestamp: '2026-03-02T09:00:00+08:00', error: { code: 'rjct.message.invalid', message: '申请人身份证号码有误' } })?.error?.code).toBe('rjct.message.invalid');
    expect(fromAck({ ack_status: 'OK', timestamp: '2026-03-02T09:00:00Z' })).toBeNull();
    expect(fromAck({ ack_status: 'ACK' })).toBeNull();
    expect(fromAck({ ack_status: 'ERR', timestamp: '2026-03-02T09:00:00Z', error: 'boom' })).toBeNull();
  });
});

describe('judicial envelope', () => {
  const hub = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = new Date('2026-03-02T09:00:00.000Z');
  const header = () => newHeader({ action: 'on-refer', senderId: 'sfj.example.gov.cn', receiverId: 'hub.example.gov.cn' }, now);

  it('opens what it sealed, with a fresh nonce per header', () => {
    const h = header();
    expect(h).toMatchObject({ version: '1.0.0', message_ts: '2026-03-02T09:00:00.000Z', action: 'on-refer', total_count: 1, is_msg_encrypted: false });
    expect(h.meta.nonce).not.toBe(header().meta.nonce);
    const opened = openEnvelope(seal(h, toOnReferMessage({ ...ref, kind: 'ACKNOWLEDGED' }), hub.privateKey), hub.publicKey, now);
    expect('envelope' in opened && opened.envelope.header.message_id).toBe(h.message_id);
  });

  it('names what is wrong: malformed, unsigned, tampered, stale, no nonce', () => {
    const body = JSON.parse(seal(header(), { transaction_id: 'x' }, hub.privateKey));
    const problem = (raw: string, at = now) => {
      const opened = openEnvelope(raw, hub.publicKey, at);
      return 'problem' in opened ? opened.problem : null;
    };
    expect(problem(JSON.stringify(body))).toBeNull();
    expect(problem('<xml/>')).toBe('MALFORMED');
    expect(problem(JSON.stringify({ ...body, signature: undefined }))).toBe('UNSIGNED');
    expect(problem(JSON.stringify({ ...body, message: { transaction_id: 'y' } }))).toBe('BAD_SIGNATURE');
    expect(problem(JSON.stringify(body), new Date(now.getTime() + 301_000))).toBe('STALE_TIMESTAMP');
    expect(problem(JSON.stringify(body), new Date(now.getTime() - 299_000))).toBeNull();
    const noNonce = { ...body.header, meta: {} };
    expect(problem(JSON.stringify({ signature: signDetached(canonicalJson({ header: noNonce, message: body.message }), hub.privateKey), header: noNonce, message: body.message }))).toBe('BAD_NONCE');
    const encrypted = { ...body.header, is_msg_encrypted: true };
    expect(problem(JSON.stringify({ signature: signDetached(canonicalJson({ header: encrypted, message: body.message }), hub.privateKey), header: encrypted, message: body.message }))).toBe('MALFORMED');
  });

  it('seals acknowledgements as envelopes too', () => {
    const raw = sealAck(hub.privateKey, { action: 'refer', senderId: 'sfj.example.gov.cn', receiverId: 'hub' }, { status: 'NACK', correlationId: null, error: { code: 'rjct.message.invalid', message: 'x' } }, now);
    const opened = openEnvelope(raw, hub.publicKey, now);
    expect('envelope' in opened && fromAck(opened.envelope.message)?.ack_status).toBe('NACK');
  });

  it('checks ISO timestamps with a zone only', () => {
    expect(freshIsoTimestamp('2026-03-02T17:04:00+08:00', now)).toBe(true);
    expect(freshIsoTimestamp('2026-03-02 09:00:00', now)).toBe(false);
    expect(freshIsoTimestamp('1772442000', now)).toBe(false);
  });
});

describe('the supervise message (督办单, this profile\'s verb)', () => {
  const notice = {
    noticeId: '01JNQ7Y2D5R8K3M6T9V1W4X7Z9',
    referralId: '01JNQ7Y2D5R8K3M6T9V1W4X7Z0',
    caseNo: '370783104202603020001',
    externalRef: 'SFJ-2026-000123',
    clock: 'ACKNOWLEDGEMENT',
    level: 'COUNTY',
    supervisorRegion: '370783',
    dueDate: '2026-03-04',
    raisedOn: '2026-03-05',
    respondBy: '2026-03-10',
  };

  it('keys the notice by its own id, names the referral, and reads back what it wrote', () => {
    const message = toSuperviseMessage(notice);
    expect(message).toMatchObject({ transaction_id: notice.noticeId, referral_transaction_id: notice.referralId, correlation_id: 'SFJ-2026-000123', respond_by: '2026-03-10' });
    expect(fromSuperviseMessage(JSON.parse(JSON.stringify(message)))).toEqual(message);
  });

  it('refuses an unknown key, an unknown level or clock, and a date that is not one', () => {
    const message = toSuperviseMessage(notice);
    expect(fromSuperviseMessage({ ...message, applicant: { name: 'x' } })).toBeNull();
    expect(fromSuperviseMessage({ ...message, level: 'PROVINCE' })).toBeNull();
    expect(fromSuperviseMessage({ ...message, clock: 'OTHER' })).toBeNull();
    expect(fromSuperviseMessage({ ...message, respond_by: '2026-02-30' })).toBeNull();
  });
});
