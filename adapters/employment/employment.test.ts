import { sm2 } from 'sm-crypto';
import { Department } from '../../src/access/roles';
import type { DeliveryOutcome, PartnerConnection, ReferralDelivery, SupervisionNoticeMessage } from '../../src/delivery/department-adapter';
import { startHubCallbackReceiver, HubCallbackReceiver } from '../shared/hub-callback-receiver';
import { FATHER, MOTHER, referralOf, SON } from '../shared/test-household';
import { testNotice } from '../conformance';
import { AutoAnswers, Simulator, SimulatorFaults } from '../shared/simulator-kit';
import { EmploymentAdapter, employmentProtocol } from './index';
import { toEmploymentNotice, toEmploymentReferral, toEmploymentSupervision } from './mapping';
import { EmploymentSimulatorOptions, startEmploymentSimulator } from './simulator';
import { seal, signerOf } from './signing';

// Test key pairs, made fresh for this run.
const hubKeys = sm2.generateKeyPairHex();
const bureauKeys = sm2.generateKeyPairHex();
const strangerKeys = sm2.generateKeyPairHex();

let sim: Simulator;
let hub: HubCallbackReceiver;
let adapter: EmploymentAdapter;
let connection: PartnerConnection;

async function start(
  faults: Partial<SimulatorFaults> = {},
  answers: Partial<AutoAnswers> = {},
  credentials: { hubPrivateKey?: string; partnerPublicKey?: string } = {},
  simulator: Partial<EmploymentSimulatorOptions> = {},
): Promise<void> {
  connection = {
    department: Department.EMPLOYMENT,
    protocol: 'sm2-json',
    endpoint: new URL('http://127.0.0.1:9/'), // replaced below, once the simulator has a port
    credentials: { hubPrivateKey: hubKeys.privateKey, partnerPublicKey: bureauKeys.publicKey, ...credentials },
    timeoutMs: 10_000,
    callbackUrl: 'http://127.0.0.1:9/',
  };
  adapter = employmentProtocol.create(connection) as EmploymentAdapter;
  hub = await startHubCallbackReceiver(adapter);
  sim = await startEmploymentSimulator({ hubPublicKey: hubKeys.publicKey, bureauPrivateKey: bureauKeys.privateKey, callbackUrl: hub.url, faults, answers, ...simulator });
  connection.endpoint = new URL(sim.url);
  connection.callbackUrl = hub.url;
}

afterEach(async () => {
  await sim?.close();
  await hub?.close();
});

// As the dispatcher calls: each request with a deadline of the connection's timeout. SM2 in
// JavaScript takes tens of milliseconds per signature (hub and simulator share this process) and the
// worker thread starts cold, so on a loaded machine the deadline is generous: no test here is about it.
const deliver = (d: ReferralDelivery, timeoutMs = connection.timeoutMs): Promise<DeliveryOutcome> => adapter.deliver(d, AbortSignal.timeout(timeoutMs));

async function post(path: string, body: unknown): Promise<{ status: number; code: string }> {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, code: ((await res.json()) as { code: string }).code };
}

describe('employment SM2-JSON adapter against the simulated bureau', () => {
  it('delivers once even when sent twice, and discloses exactly the job seekers', async () => {
    await start();
    const referral = referralOf(Department.EMPLOYMENT);
    expect(await deliver(referral)).toEqual({ ok: true, externalRef: 'D-1' });
    expect(await deliver(referral)).toEqual({ ok: true, externalRef: 'D-1' });
    expect(sim.ledger.entries('DELIVER')).toHaveLength(1);
    expect(sim.ledger.repeats).toBe(1);
    expect(sim.ledger.entries('DELIVER')[0].body).toMatchObject({ referralId: referral.referralId, jobSeekers: [{ name: '王秀英', relation: 'SELF' }] });
    expect(adapter.disclosedPersons(referral)).toEqual(['P-MOTHER']);
  });

  it('cancels with the same key', async () => {
    await start();
    const referral = referralOf(Department.EMPLOYMENT);
    await deliver(referral);
    const cancel = { referralId: referral.referralId, caseNo: referral.caseNo, externalRef: 'D-1', reason: '申请人已自行就业' };
    expect(await adapter.cancel(cancel, AbortSignal.timeout(1000))).toEqual({ ok: true, externalRef: 'C-2' });
    expect(await adapter.cancel(cancel, AbortSignal.timeout(1000))).toEqual({ ok: true, externalRef: 'C-2' });
    expect(sim.ledger.entries('CANCEL')).toMatchObject([{ key: referral.referralId, body: { acceptNo: 'D-1', reason: '申请人已自行就业' } }]);
  });

  it('the bureau refuses a stranger’s signature, a tampered body, a replayed nonce and a stale timestamp', async () => {
    await start({}, {}, { hubPrivateKey: strangerKeys.privateKey });
    expect(await deliver(referralOf(Department.EMPLOYMENT))).toEqual({ ok: false, retryable: true, reason: 'SIGNATURE_REFUSED' });

    const hubSigner = signerOf(hubKeys.privateKey);
    const biz = JSON.stringify(toEmploymentReferral(referralOf(Department.EMPLOYMENT)));
    const sealed = seal({ bizContent: biz }, hubSigner);
    expect(await post('/jyfw/referrals', { ...sealed, bizContent: biz.replace('王秀英', '王秀美') })).toEqual({ status: 401, code: '1001' });
    const { sign: _sign, ...unsigned } = sealed;
    expect(await post('/jyfw/referrals', unsigned)).toEqual({ status: 401, code: '1001' });
    expect(await post('/jyfw/referrals', sealed)).toEqual({ status: 200, code: '0000' });
    expect(await post('/jyfw/referrals', sealed)).toEqual({ status: 401, code: '1003' }); // the same nonce again
    const stale = seal({ bizContent: biz }, hubSigner, new Date(Date.now() - 6 * 60 * 1000));
    expect(await post('/jyfw/referrals', stale)).toEqual({ status: 401, code: '1002' });
    expect(sim.ledger.entries()).toHaveLength(1); // only the one good request
  });

  it('an answer the bureau did not sign with the key the hub knows is MALFORMED_REPLY (retryable)', async () => {
    await start({}, {}, { partnerPublicKey: strangerKeys.publicKey });
    const referral = referralOf(Department.EMPLOYMENT);
    expect(await deliver(referral)).toEqual({ ok: false, retryable: true, reason: 'MALFORMED_REPLY' });
    expect(sim.ledger.has(referral.referralId)).toBe(true); // applied all the same: the retry will be a repeat
  });

  it('content the bureau refuses is not retried', async () => {
    await start();
    const badMother = { ...MOTHER, idNumber: MOTHER.idNumber.slice(0, 17) + (MOTHER.idNumber[17] === '0' ? '1' : '0') };
    expect(await deliver(referralOf(Department.EMPLOYMENT, { household: [badMother, FATHER] }))).toEqual({ ok: false, retryable: false, reason: 'CONTENT_REFUSED' });
    expect(await deliver(referralOf(Department.EMPLOYMENT, { household: [{ ...MOTHER, employed: true }, SON] }))).toEqual({ ok: false, retryable: false, reason: 'CONTENT_REFUSED' });
    expect(sim.ledger.entries()).toHaveLength(0);
  });

  it('an endpoint with a path prefix the bureau does not serve: CODE_4040, not retried', async () => {
    await start();
    connection.endpoint = new URL(`${sim.url}/gateway`);
    expect(await deliver(referralOf(Department.EMPLOYMENT))).toEqual({ ok: false, retryable: false, reason: 'CODE_4040' });
  });

});

describe('employment supervision notices (督办单: POST /jyfw/referrals/<id>/supervision)', () => {
  const noticeOf = (referralId: string, acceptNo: string | null): SupervisionNoticeMessage => testNotice(referralId, acceptNo, '01JS3N0T1CE00000000000000A');
  const signal = () => AbortSignal.timeout(connection.timeoutMs);

  async function delivered(): Promise<SupervisionNoticeMessage> {
    const referral = referralOf(Department.EMPLOYMENT);
    const outcome = await deliver(referral);
    expect(outcome).toMatchObject({ ok: true });
    return noticeOf(referral.referralId, outcome.ok ? outcome.externalRef : null);
  }

  it('takes a notice on a referral the bureau holds, once however often it is sent, with no personal data', async () => {
    await start();
    const notice = await delivered();
    expect(await adapter.supervise(notice, signal())).toEqual({ ok: true, externalRef: 'N-2' });
    expect(await adapter.supervise(notice, signal())).toEqual({ ok: true, externalRef: 'N-2' });
    const [entry, ...more] = sim.ledger.entries('NOTICE');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ key: notice.noticeId, body: { referralId: notice.referralId, acceptNo: 'D-1', clock: 'ACKNOWLEDGEMENT', level: 'COUNTY', respondBy: '2026-03-12' } });
    const wire = JSON.stringify(entry.body);
    for (const p of referralOf(Department.EMPLOYMENT).household) {
      expect(wire).not.toContain(p.idNumber);
      expect(wire).not.toContain(p.name);
    }
    expect(Object.keys(entry.body as object).sort()).toEqual(['acceptNo', 'caseNo', 'clock', 'dueDate', 'level', 'noticeId', 'raisedOn', 'referralId', 'respondBy', 'supervisorRegion']);
  });

  it('refuses a notice on a referral the bureau never received (2002), not retried', async () => {
    await start();
    const stranger = noticeOf('01JRZ5Q8V1ZP0M3F7YB2W4K999', null);
    expect(await adapter.supervise(stranger, signal())).toEqual({ ok: false, retryable: false, reason: 'CODE_2002' });
    const sealed = seal({ bizContent: JSON.stringify(toEmploymentSupervision(stranger)) }, signerOf(hubKeys.privateKey));
    expect(await post(`/jyfw/referrals/${stranger.referralId}/supervision`, sealed)).toEqual({ status: 404, code: '2002' });
    // The path names the referral the notice is about.
    const notice = await delivered();
    const elsewhere = seal({ bizContent: JSON.stringify(toEmploymentSupervision(notice)) }, signerOf(hubKeys.privateKey));
    expect(await post(`/jyfw/referrals/${stranger.referralId}/supervision`, elsewhere)).toEqual({ status: 400, code: '2001' });
    expect(sim.ledger.entries('NOTICE')).toEqual([]);
  });

  it('is refused on a stranger’s signature exactly as a cancellation is', async () => {
    await start();
    const notice = await delivered();
    const cancellation = { referralId: notice.referralId, caseNo: notice.caseNo, externalRef: notice.externalRef, reason: '申请人已自行就业' };
    const other = employmentProtocol.create({ ...connection, credentials: { ...connection.credentials, hubPrivateKey: strangerKeys.privateKey } });
    const refused = { ok: false, retryable: true, reason: 'SIGNATURE_REFUSED' };
    expect(await other.supervise!(notice, signal())).toEqual(refused);
    expect(await other.cancel(cancellation, signal())).toEqual(refused);
    expect(sim.ledger.entries('NOTICE')).toEqual([]);
    expect(sim.ledger.entries('CANCEL')).toEqual([]);
  });
});

describe('employment callbacks (SM2-signed JSON)', () => {
  const answers = { acknowledgeAfterMs: 10, decide: { afterMs: 10, decision: 'APPROVED' as const } };

  async function deliverOne(): Promise<ReferralDelivery> {
    const referral = referralOf(Department.EMPLOYMENT);
    expect(await deliver(referral)).toMatchObject({ ok: true });
    return referral;
  }

  it('reports acknowledgement then decision, each accepted with its answer', async () => {
    await start({}, answers);
    const referral = await deliverOne();
    await hub.until(() => hub.readings.length >= 2);
    expect(hub.readings.every((r) => r.accepted)).toBe(true);
    expect(hub.accepted().map((r) => r.answers)).toEqual([
      [{ referralId: referral.referralId, externalRef: 'D-1', kind: 'ACKNOWLEDGED' }],
      [{ referralId: referral.referralId, externalRef: 'D-1', kind: 'RESOLVED', decision: 'APPROVED', amountFen: null, note: null }],
    ]);
    await hub.until(() => sim.callbacks.byStatus[200] === 2);
  });

  it('refuses a tampered, unsigned, stale, stranger-signed or malformed callback with a reason code, in a signed reply', async () => {
    await start();
    const now = new Date();
    const bureau = signerOf(bureauKeys.privateKey);
    const bizContent = JSON.stringify(toEmploymentNotice('JYFW-R1-ACKNOWLEDGED', { referralId: 'R1', externalRef: 'D-1', kind: 'ACKNOWLEDGED' }));
    const request = (body: unknown) => ({ method: 'POST', path: '/partners/employment/callback', headers: { 'content-type': 'application/json' }, rawBody: Buffer.from(JSON.stringify(body)) });
    const sealed = seal({ bizContent }, bureau, now);
    const good = await adapter.readCallback(request(sealed), now);
    expect(good).toMatchObject({ accepted: true, messageId: 'JYFW-R1-ACKNOWLEDGED', nonce: sealed.nonce });
    if (good.accepted) expect(JSON.parse(good.reply('APPLIED').body)).toMatchObject({ code: '0000', sign: expect.stringMatching(/^30/) });
    const { sign: _sign, ...unsigned } = sealed;
    const cases: Array<[unknown, string, number]> = [
      [{ ...sealed, bizContent: bizContent.replace('D-1', 'D-9') }, 'BAD_SIGNATURE', 401],
      [unsigned, 'UNSIGNED', 401],
      [seal({ bizContent }, bureau, new Date(now.getTime() - 6 * 60 * 1000)), 'STALE_TIMESTAMP', 401],
      [seal({ bizContent }, signerOf(strangerKeys.privateKey), now), 'BAD_SIGNATURE', 401],
      [seal({ bizContent: '{"msgId":"X"}' }, bureau, now), 'MALFORMED', 400],
      ['not an object', 'MALFORMED', 400],
    ];
    for (const [body, reason, status] of cases) expect(await adapter.readCallback(request(body), now)).toMatchObject({ accepted: false, reason, reply: { status } });
  });
});
