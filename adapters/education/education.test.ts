import { XMLValidator } from 'fast-xml-parser';
import { Department } from '../../src/access/roles';
import type { DeliveryOutcome, PartnerConnection, ReferralDelivery, SupervisionNoticeMessage } from '../../src/delivery/department-adapter';
import { startHubCallbackReceiver, HubCallbackReceiver } from '../shared/hub-callback-receiver';
import { FATHER, MOTHER, referralOf, SON } from '../shared/test-household';
import { testNotice } from '../conformance';
import { AutoAnswers, SimulatorFaults } from '../shared/simulator-kit';
import { signedHeaders, EducationAdapter, educationProtocol } from './index';
import { submitXml, superviseXml, toEducationNotice, toEducationReferral, toEducationSupervision } from './mapping';
import { EducationSimulator, startEducationSimulator } from './simulator';
import { envelope, faultOf, type Operation, parseEnvelope, securityHeader, soapAction } from './soap';

const CREDENTIALS = { username: 'hub-370783', password: 'Xszz#2026-寿光', callbackSecret: 'xszz-callback-secret-5f1c2a' };

let sim: EducationSimulator;
let hub: HubCallbackReceiver;
let adapter: EducationAdapter;
let connection: PartnerConnection;

async function start(faults: Partial<SimulatorFaults> = {}, answers: Partial<AutoAnswers> = {}, credentials: Partial<typeof CREDENTIALS> = {}): Promise<void> {
  connection = {
    department: Department.EDUCATION,
    protocol: 'soap',
    endpoint: new URL('http://127.0.0.1:9/'), // replaced below, once the simulator has a port
    credentials: { ...CREDENTIALS, ...credentials },
    timeoutMs: 5_000,
    callbackUrl: 'http://127.0.0.1:9/',
  };
  adapter = educationProtocol.create(connection) as EducationAdapter;
  hub = await startHubCallbackReceiver(adapter);
  sim = await startEducationSimulator({ ...CREDENTIALS, callbackUrl: hub.url, faults, answers });
  connection.endpoint = new URL(sim.endpoint);
  connection.callbackUrl = hub.url;
}

afterEach(async () => {
  await sim?.close();
  await hub?.close();
});

// As the dispatcher calls: each request with a deadline of the connection's timeout.
const deliver = (d: ReferralDelivery): Promise<DeliveryOutcome> => adapter.deliver(d, AbortSignal.timeout(connection.timeoutMs));

/** Posts a hand-made envelope, as a caller other than the adapter might. */
async function post(body: string, header: string, operation: Operation = 'SubmitAssistanceReferral'): Promise<{ status: number; fault: string | null }> {
  const res = await fetch(sim.endpoint, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${soapAction(operation)}"` }, body: envelope(body, header) });
  const parsed = parseEnvelope(await res.text());
  return { status: res.status, fault: parsed ? (faultOf(parsed.body)?.code ?? null) : null };
}

describe('education SOAP adapter against the simulated bureau', () => {
  it('publishes a well-formed WSDL with its three operations at <endpoint>?wsdl', async () => {
    await start();
    const res = await fetch(`${sim.endpoint}?wsdl`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(XMLValidator.validate(text)).toBe(true);
    for (const op of ['SubmitAssistanceReferral', 'CancelAssistanceReferral', 'SuperviseAssistanceReferral']) {
      expect(text).toContain(`<wsdl:operation name="${op}">`);
      expect(text).toContain(`<xsd:element name="${op}Response">`);
      expect(text).toContain(`soapAction="urn:edu:xszz:hub:1/${op}"`);
    }
    expect(text).toContain('style="document"');
    expect(text).toContain(`location="${sim.endpoint}"`);
  });

  it('delivers once even when sent twice, and discloses exactly the students', async () => {
    await start();
    const referral = referralOf(Department.EDUCATION);
    expect(await deliver(referral)).toEqual({ ok: true, externalRef: 'D-1' });
    expect(await deliver(referral)).toEqual({ ok: true, externalRef: 'D-1' });
    expect(sim.ledger.entries('DELIVER')).toHaveLength(1);
    expect(sim.ledger.repeats).toBe(1);
    expect((sim.ledger.entries('DELIVER')[0].body as { students: unknown[] }).students).toHaveLength(2);
    expect(adapter.disclosedPersons(referral)).toEqual(['P-SON', 'P-DAUGHTER']);
  });

  it('cancels with the same key', async () => {
    await start();
    const referral = referralOf(Department.EDUCATION);
    const delivered = await deliver(referral);
    const cancel = { referralId: referral.referralId, caseNo: referral.caseNo, externalRef: delivered.ok ? delivered.externalRef : null, reason: '申请人撤回申请' };
    expect(await adapter.cancel(cancel, AbortSignal.timeout(connection.timeoutMs))).toEqual({ ok: true, externalRef: 'C-2' });
    expect(await adapter.cancel(cancel, AbortSignal.timeout(connection.timeoutMs))).toEqual({ ok: true, externalRef: 'C-2' });
    expect(sim.ledger.entries('CANCEL')).toMatchObject([{ key: referral.referralId, body: { receiptNo: 'D-1', reason: '申请人撤回申请' } }]);
  });

  it('is refused on a wrong password, a tampered digest, a replayed nonce or a stale Created', async () => {
    await start({}, {}, { password: 'wrong' });
    expect(await deliver(referralOf(Department.EDUCATION))).toEqual({ ok: false, retryable: true, reason: 'SOAP_FAULT_SECURITY' });

    const body = submitXml(toEducationReferral(referralOf(Department.EDUCATION)));
    const header = securityHeader(CREDENTIALS.username, CREDENTIALS.password);
    const tampered = header.replace(/(<wsse:Password[^>]*>)([^<]+)/, (_m, open: string, digest: string) => open + (digest.startsWith('A') ? 'B' : 'A') + digest.slice(1));
    expect(await post(body, tampered)).toEqual({ status: 500, fault: 'FailedAuthentication' });
    expect(await post(body, header)).toEqual({ status: 200, fault: null });
    expect(await post(body, header)).toEqual({ status: 500, fault: 'InvalidSecurity' }); // the same nonce again
    const stale = securityHeader(CREDENTIALS.username, CREDENTIALS.password, new Date(Date.now() - 6 * 60 * 1000));
    expect(await post(body, stale)).toEqual({ status: 500, fault: 'MessageExpired' });
    expect(await post(body, '')).toEqual({ status: 500, fault: 'InvalidSecurity' });
    expect(sim.ledger.entries()).toHaveLength(1); // only the one good request
  });

  it('gets a non-retryable Client fault for content the bureau refuses', async () => {
    await start();
    const badSon = { ...SON, idNumber: SON.idNumber.slice(0, 17) + (SON.idNumber[17] === '0' ? '1' : '0') };
    expect(await deliver(referralOf(Department.EDUCATION, { household: [MOTHER, badSon] }))).toEqual({ ok: false, retryable: false, reason: 'SOAP_FAULT_CLIENT' });
    expect(await deliver(referralOf(Department.EDUCATION, { household: [MOTHER, FATHER] }))).toEqual({ ok: false, retryable: false, reason: 'SOAP_FAULT_CLIENT' });
    expect(sim.ledger.entries()).toHaveLength(0);
  });

  it('down switched on while running: the next request is UNREACHABLE too', async () => {
    await start();
    expect(await deliver(referralOf(Department.EDUCATION))).toMatchObject({ ok: true });
    await fetch(`${sim.url}/_control/faults`, { method: 'POST', body: JSON.stringify({ down: true }) });
    expect(await deliver(referralOf(Department.EDUCATION))).toEqual({ ok: false, retryable: true, reason: 'UNREACHABLE' });
  });

});

describe('education supervision notices (督办单: SuperviseAssistanceReferral)', () => {
  const noticeOf = (referralId: string, receiptNo: string | null): SupervisionNoticeMessage => testNotice(referralId, receiptNo, '01JS3N0T1CE00000000000000A');
  const signal = () => AbortSignal.timeout(connection.timeoutMs);

  async function delivered(): Promise<SupervisionNoticeMessage> {
    const referral = referralOf(Department.EDUCATION);
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
    expect(entry).toMatchObject({ key: notice.noticeId, body: { referralId: notice.referralId, receiptNo: 'D-1', clock: 'ACKNOWLEDGEMENT', level: 'COUNTY', respondBy: '2026-03-12' } });
    const wire = JSON.stringify(entry.body);
    for (const p of referralOf(Department.EDUCATION).household) {
      expect(wire).not.toContain(p.idNumber);
      expect(wire).not.toContain(p.name);
    }
    expect(Object.keys(entry.body as object).sort()).toEqual(['caseNo', 'clock', 'dueDate', 'level', 'noticeId', 'raisedOn', 'receiptNo', 'referralId', 'respondBy', 'supervisorRegion']);
    // The city's notice after an escalation is another notice: another effect.
    expect(await adapter.supervise({ ...notice, noticeId: '01JS3N0T1CE00000000000000B', level: 'CITY', supervisorRegion: '3707' }, signal())).toEqual({ ok: true, externalRef: 'N-3' });
    expect(sim.ledger.entries('NOTICE').map((e) => e.key)).toEqual([notice.noticeId, '01JS3N0T1CE00000000000000B']);
  });

  it('refuses a notice on a referral the bureau never received with a Client fault: not retried', async () => {
    await start();
    const stranger = noticeOf('01JRZ5Q8V1ZP0M3F7YB2W4K999', null);
    expect(await adapter.supervise(stranger, signal())).toEqual({ ok: false, retryable: false, reason: 'SOAP_FAULT_CLIENT' });
    const header = securityHeader(CREDENTIALS.username, CREDENTIALS.password);
    expect(await post(superviseXml(toEducationSupervision(stranger)), header, 'SuperviseAssistanceReferral')).toEqual({ status: 500, fault: 'Client.ReferralNotFound' });
    expect(sim.ledger.entries('NOTICE')).toEqual([]);
  });

  it('is refused on wrong credentials exactly as a cancellation is', async () => {
    await start();
    const notice = await delivered();
    const cancellation = { referralId: notice.referralId, caseNo: notice.caseNo, externalRef: notice.externalRef, reason: '申请人撤回申请' };
    const refused = { ok: false, retryable: true, reason: 'SOAP_FAULT_SECURITY' };
    for (const wrong of [{ password: 'wrong' }, { username: 'someone-else' }]) {
      const other = educationProtocol.create({ ...connection, credentials: { ...CREDENTIALS, ...wrong } });
      expect(await other.supervise!(notice, signal())).toEqual(refused);
      expect(await other.cancel(cancellation, signal())).toEqual(refused);
    }
    expect(sim.ledger.entries('NOTICE')).toEqual([]);
    expect(sim.ledger.entries('CANCEL')).toEqual([]);
  });
});

describe('education callbacks (JSON notices signed with HMAC-SHA256)', () => {
  const answers = { acknowledgeAfterMs: 10, decide: { afterMs: 10, decision: 'APPROVED' as const, amountFen: 250000 } };

  it('reports acknowledgement then decision, each accepted with its answer', async () => {
    await start({}, answers);
    const referral = referralOf(Department.EDUCATION);
    await deliver(referral);
    await hub.until(() => hub.readings.length >= 2);
    expect(hub.readings.every((r) => r.accepted)).toBe(true);
    expect(hub.accepted().map((r) => r.answers)).toEqual([
      [{ referralId: referral.referralId, externalRef: 'D-1', kind: 'ACKNOWLEDGED' }],
      [{ referralId: referral.referralId, externalRef: 'D-1', kind: 'RESOLVED', decision: 'APPROVED', amountFen: 250000, note: null }],
    ]);
    await hub.until(() => sim.callbacks.byStatus[200] === 2);
  });

  it('refuses a tampered, unsigned, stale or malformed callback with a reason code', async () => {
    await start();
    const now = new Date();
    const body = JSON.stringify(toEducationNotice('XSZZ-R1-ACKNOWLEDGED', { referralId: 'R1', externalRef: 'D-1', kind: 'ACKNOWLEDGED' }));
    const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
    const request = (headers: Record<string, string>, raw = body) => ({ method: 'POST', path: '/partners/education/callback', headers: lower(headers), rawBody: Buffer.from(raw) });
    const signed = signedHeaders(CREDENTIALS.callbackSecret, body, now);
    expect(adapter.readCallback(request(signed), now)).toMatchObject({ accepted: true, messageId: 'XSZZ-R1-ACKNOWLEDGED' });
    expect(adapter.readCallback(request(signed, body.replace('D-1', 'D-9')), now)).toMatchObject({ accepted: false, reason: 'BAD_SIGNATURE', reply: { status: 401 } });
    expect(adapter.readCallback(request({ 'Content-Type': 'application/json' }), now)).toMatchObject({ accepted: false, reason: 'UNSIGNED' });
    const stale = signedHeaders(CREDENTIALS.callbackSecret, body, new Date(now.getTime() - 6 * 60 * 1000));
    expect(adapter.readCallback(request(stale), now)).toMatchObject({ accepted: false, reason: 'STALE_TIMESTAMP' });
    expect(adapter.readCallback(request(signedHeaders('another-secret', body, now)), now)).toMatchObject({ accepted: false, reason: 'BAD_SIGNATURE' });
    const junk = '{"msgId":"X"}';
    expect(adapter.readCallback(request(signedHeaders(CREDENTIALS.callbackSecret, junk, now), junk), now)).toMatchObject({ accepted: false, reason: 'MALFORMED', reply: { status: 400 } });
  });
});
