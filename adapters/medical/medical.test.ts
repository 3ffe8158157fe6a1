import { randomUUID } from 'node:crypto';
import { Department } from '../../src/access/roles';
import type { DepartmentAdapter, PartnerAnswer, PartnerConnection } from '../../src/delivery/department-adapter';
import { CallbackReceiver, startCallbackReceiver } from '../shared/callback-receiver';
import { PARENT, referral, SPOUSE } from '../shared/household-fixture';
import { NO_ANSWERS, NO_FAULTS, Simulator } from '../shared/simulator-kit';
import { medicalProtocol, signedHeaders } from './index';
import { toMedicalCallback } from './mapping';
import { startMedicalSimulator } from './simulator';

// The real adapter against the simulated gateway over HTTP, and the simulator's callbacks read by
// the adapter behind a stand-in hub endpoint.

const APP_KEY = '203948571';
const APP_SECRET = 'ybj-app-secret-9c1f2e';
const CALLBACK_SECRET = 'ybj-callback-secret-47ad0b';
const CALLBACK_PATH = '/partners/medical/callback';

let sim: Simulator;
let receiver: CallbackReceiver;
let adapter: DepartmentAdapter;
let seq = 0;
/** A fresh referral id per delivery (the simulator's ledger lives for the whole file). */
const nextId = () => `01JBMED${String(++seq).padStart(19, '0')}`;

function connection(credentials: Partial<Record<string, string>> = {}): PartnerConnection {
  return {
    department: Department.MEDICAL,
    protocol: 'medical-gateway',
    endpoint: new URL(sim.url),
    credentials: { appKey: APP_KEY, appSecret: APP_SECRET, callbackSecret: CALLBACK_SECRET, ...credentials } as Record<string, string>,
    timeoutMs: 2000,
    callbackUrl: `${receiver.url}${CALLBACK_PATH}`,
  };
}

/** As the dispatcher does: a deadline per call (200 ms where the fault is meant to outlast it). */
const signal = (timeoutMs = 2000) => AbortSignal.timeout(timeoutMs);
const deliveries = (key: string) => sim.ledger.entries('DELIVER').filter((e) => e.key === key);

beforeAll(async () => {
  receiver = await startCallbackReceiver((request) => adapter.readCallback(request, new Date()));
  sim = await startMedicalSimulator({ appKey: APP_KEY, appSecret: APP_SECRET, callbackSecret: CALLBACK_SECRET, callbackUrl: `${receiver.url}${CALLBACK_PATH}` });
  adapter = medicalProtocol.create(connection());
});

afterEach(() => {
  Object.assign(sim.faults, NO_FAULTS);
  Object.assign(sim.answers, NO_ANSWERS);
  receiver.received.length = 0;
});

afterAll(async () => {
  await sim.close();
  await receiver.close();
});

describe('medical-gateway delivery', () => {
  it('applies a referral once even when sent twice, and names whose numbers it sent', async () => {
    const d = referral({ referralId: nextId() });
    const repeats = sim.ledger.repeats;
    const first = await adapter.deliver(d, signal());
    const second = await adapter.deliver(d, signal());
    expect(first).toEqual({ ok: true, externalRef: expect.stringMatching(/^D-\d+$/) });
    expect(second).toEqual(first);
    expect(deliveries(d.referralId)).toHaveLength(1);
    expect(sim.ledger.repeats - repeats).toBe(1);
    const sent = deliveries(d.referralId)[0].body as { insuredPersons: Array<{ idNumber: string }> };
    expect(sent.insuredPersons.map((p) => p.idNumber)).toEqual([SPOUSE.idNumber, PARENT.idNumber]);
    expect(adapter.disclosedPersons(d)).toEqual([SPOUSE.personId, PARENT.personId]);
  });

  it('cancels a delivered referral once, and a referral the bureau never had is refused for good', async () => {
    const d = referral({ referralId: nextId() });
    const delivered = await adapter.deliver(d, signal());
    const externalRef = delivered.ok ? delivered.externalRef : null;
    const cancellation = { referralId: d.referralId, caseNo: d.caseNo, externalRef, reason: '申请人撤回申请' };
    expect(await adapter.cancel(cancellation, signal())).toEqual({ ok: true, externalRef: expect.stringMatching(/^C-\d+$/) });
    expect(await adapter.cancel(cancellation, signal())).toMatchObject({ ok: true });
    expect(sim.ledger.entries('CANCEL').filter((e) => e.key === d.referralId)).toHaveLength(1);
    expect(sim.ledger.entries('CANCEL').find((e) => e.key === d.referralId)?.body).toMatchObject({ acceptNo: externalRef });
    expect(await adapter.cancel({ ...cancellation, referralId: nextId() }, signal())).toEqual({ ok: false, retryable: false, reason: 'HTTP_404' });
  });

  it('is refused at the gate with the wrong secret or app key, and nothing is applied', async () => {
    const d = referral({ referralId: nextId() });
    expect(await medicalProtocol.create(connection({ appSecret: 'not-the-secret' })).deliver(d, signal())).toEqual({
      ok: false,
      retryable: true,
      reason: 'GATEWAY_INVALID_SIGNATURE',
    });
    expect(await medicalProtocol.create(connection({ appKey: '999999' })).deliver(d, signal())).toEqual({ ok: false, retryable: true, reason: 'GATEWAY_INVALID_APP_KEY' });
    expect(sim.ledger.has(d.referralId)).toBe(false);
  });

  it('refuses a tampered body, a replayed nonce and a stale timestamp (the gateway itself)', async () => {
    const id = nextId();
    const body = JSON.stringify({ referralId: id, caseNo: '330106002202411040002', insuredPersons: [{ name: '李秀英', idNumber: SPOUSE.idNumber }] });
    const post = async (headers: Record<string, string>, sent = body) => {
      const res = await fetch(`${sim.url}/referrals`, { method: 'POST', headers: { ...headers, 'X-Idempotency-Key': id }, body: sent });
      return { status: res.status, body: (await res.json()) as { code: string } };
    };
    const headers = signedHeaders(APP_KEY, APP_SECRET, 'POST', '/referrals', body);
    expect(await post(headers, body.replace('李秀英', '李秀云'))).toMatchObject({ status: 401, body: { code: 'INVALID_SIGNATURE' } });
    expect(await post({ ...headers, 'X-Ca-Nonce': randomUUID() })).toMatchObject({ status: 401, body: { code: 'INVALID_SIGNATURE' } });
    const wrongPath = signedHeaders(APP_KEY, APP_SECRET, 'POST', '/referrals/x/cancel', body);
    expect(await post(wrongPath)).toMatchObject({ status: 401, body: { code: 'INVALID_SIGNATURE' } });
    const stale = signedHeaders(APP_KEY, APP_SECRET, 'POST', '/referrals', body, new Date(Date.now() - 6 * 60 * 1000));
    expect(await post(stale)).toMatchObject({ status: 401, body: { code: 'TIMESTAMP_EXPIRED' } });
    const { 'X-Ca-Signature': _dropped, ...unsigned } = headers;
    expect(await post(unsigned)).toMatchObject({ status: 401, body: { code: 'MISSING_SIGNATURE' } });
    expect(sim.ledger.has(id)).toBe(false);
    const fresh = signedHeaders(APP_KEY, APP_SECRET, 'POST', '/referrals', body);
    expect(await post(fresh)).toMatchObject({ status: 200, body: { code: '0' } });
    expect(await post(fresh)).toMatchObject({ status: 403, body: { code: 'NONCE_USED' } });
    expect(deliveries(id)).toHaveLength(1);
  });

  it('refuses content the bureau cannot take, for good', async () => {
    const d = referral({ referralId: nextId() });
    const broken = { ...d, household: [{ ...d.household[0], idNumber: '330106196803124510' }] }; // wrong check character
    expect(await adapter.deliver(broken, signal())).toEqual({ ok: false, retryable: false, reason: 'HTTP_400' });
    expect(await adapter.deliver({ ...d, household: [] }, signal())).toEqual({ ok: false, retryable: false, reason: 'NO_APPLICANT' });
    expect(sim.ledger.has(d.referralId)).toBe(false);
  });
});

describe('medical-gateway callbacks', () => {
  const kinds = () => receiver.received.map((r) => (r.reading.accepted ? r.reading.answers[0].kind : r.reading.reason));

  it('acknowledges, then decides: each read and accepted', async () => {
    Object.assign(sim.answers, { acknowledgeAfterMs: 10, decide: { afterMs: 10, decision: 'APPROVED', amountFen: 356000 } });
    const d = referral({ referralId: nextId() });
    const delivered = await adapter.deliver(d, signal());
    await receiver.waitFor(2);
    expect(kinds()).toEqual(['ACKNOWLEDGED', 'RESOLVED']);
    const answers = receiver.received.flatMap((r) => (r.reading.accepted ? r.reading.answers : []));
    expect(answers[1]).toEqual<PartnerAnswer>({
      referralId: d.referralId,
      externalRef: delivered.ok ? delivered.externalRef : null,
      kind: 'RESOLVED',
      decision: 'APPROVED',
      amountFen: 356000,
      note: null,
    });
    expect(receiver.received.map((r) => [r.result, r.status])).toEqual([
      ['APPLIED', 200],
      ['APPLIED', 200],
    ]);
  });

  it('asks for materials', async () => {
    Object.assign(sim.answers, { acknowledgeAfterMs: 10, supplement: { afterMs: 10, materials: ['住院病历首页', '医疗费用票据'] } });
    await adapter.deliver(referral({ referralId: nextId() }), signal());
    await receiver.waitFor(2);
    const last = receiver.received[1].reading;
    expect(last.accepted && last.answers[0]).toMatchObject({ kind: 'SUPPLEMENT_REQUESTED', materials: ['住院病历首页', '医疗费用票据'] });
  });

  it('refuses tampered, unsigned, stale, foreign and malformed callbacks', async () => {
    const body = JSON.stringify(toMedicalCallback('M-1', { referralId: nextId(), externalRef: 'D-1', kind: 'ACKNOWLEDGED' }));
    const post = async (headers: Record<string, string>, sent = body, path = CALLBACK_PATH) => {
      await fetch(`${receiver.url}${path}`, { method: 'POST', headers, body: sent });
      const last = receiver.received[receiver.received.length - 1];
      return last.reading.accepted ? 'ACCEPTED' : `${last.reading.reason} ${last.status}`;
    };
    const sign = (secret = CALLBACK_SECRET, at = new Date(), sent = body, key = APP_KEY, path = CALLBACK_PATH) => signedHeaders(key, secret, 'POST', path, sent, at);
    expect(await post(sign(), body.replace('ACK', 'RESULT'))).toBe('BAD_SIGNATURE 401');
    expect(await post({ 'Content-Type': 'application/json' })).toBe('UNSIGNED 401');
    expect(await post(sign(CALLBACK_SECRET, new Date(Date.now() - 6 * 60 * 1000)))).toBe('STALE_TIMESTAMP 401');
    expect(await post(sign(APP_SECRET))).toBe('BAD_SIGNATURE 401'); // the hub's own secret is not the bureau's
    expect(await post(sign(CALLBACK_SECRET, new Date(), body, '111111'))).toBe('UNKNOWN_APP_KEY 403');
    const junk = '{"msgId":"M-2","type":"ACK"}';
    expect(await post(sign(CALLBACK_SECRET, new Date(), junk), junk)).toBe('MALFORMED 400');
    // A proxy in front of the hub may rewrite the path: the callback URL's path, which the bureau signed, still counts.
    expect(await post(sign(), body, '/internal/medical-callback')).toBe('ACCEPTED');
  });
});
