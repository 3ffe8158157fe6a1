import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Department } from '../../src/access/roles';
import type { DepartmentAdapter, PartnerAnswer, PartnerConnection } from '../../src/delivery/department-adapter';
import { CallbackReceiver, startCallbackReceiver } from '../shared/callback-receiver';
import { APPLICANT, referral } from '../shared/household-fixture';
import { NO_ANSWERS, NO_FAULTS } from '../shared/simulator-kit';
import { HousingAdapter, housingProtocol, signedHeaders } from './index';
import { toHousingEvent } from './mapping';
import { HousingSimulator, startHousingSimulator } from './simulator';

// The real adapter against the simulated bureau over HTTP (token endpoint included), and the
// simulator's events read by the adapter behind a stand-in hub endpoint.

const CLIENT_ID = 'hub-assistance-330106';
const CLIENT_SECRET = 'zjj-client-secret-58e2c1';
const CALLBACK_SECRET = 'zjj-callback-secret-d40a77';
const CALLBACK_PATH = '/partners/housing/callback';

let sim: HousingSimulator;
let receiver: CallbackReceiver;
let adapter: DepartmentAdapter;
let seq = 0;
/** A fresh referral id per delivery (the simulator's ledger lives for the whole file). */
const nextId = () => `01JBHSG${String(++seq).padStart(19, '0')}`;
const housingReferral = () => referral({ referralId: nextId(), department: Department.HOUSING, category: 'HOUSING' });

function connection(endpoint = sim.url, credentials: Partial<Record<string, string>> = {}): PartnerConnection {
  return {
    department: Department.HOUSING,
    protocol: 'oauth2-json',
    endpoint: new URL(endpoint),
    credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, callbackSecret: CALLBACK_SECRET, ...credentials } as Record<string, string>,
    timeoutMs: 2000,
    callbackUrl: `${receiver.url}${CALLBACK_PATH}`,
  };
}

/** As the dispatcher does: a deadline per call (200 ms where the fault is meant to outlast it). */
const signal = (timeoutMs = 2000) => AbortSignal.timeout(timeoutMs);
const deliveries = (key: string) => sim.ledger.entries('DELIVER').filter((e) => e.key === key);

beforeAll(async () => {
  receiver = await startCallbackReceiver((request) => adapter.readCallback(request, new Date()));
  sim = await startHousingSimulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    callbackSecret: CALLBACK_SECRET,
    callbackUrl: `${receiver.url}${CALLBACK_PATH}`,
  });
  adapter = housingProtocol.create(connection());
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

describe('oauth2-json delivery', () => {
  it('applies a referral once even when sent twice, on one token, and names the applicant as disclosed', async () => {
    const d = housingReferral();
    const fresh = housingProtocol.create(connection());
    const tokens = sim.tokens.requests;
    const repeats = sim.ledger.repeats;
    const first = await fresh.deliver(d, signal());
    const second = await fresh.deliver(d, signal());
    expect(first).toEqual({ ok: true, externalRef: expect.stringMatching(/^D-\d+$/) });
    expect(second).toEqual(first);
    expect(deliveries(d.referralId)).toHaveLength(1);
    expect(sim.ledger.repeats - repeats).toBe(1);
    expect(sim.tokens.requests - tokens).toBe(1);
    expect(deliveries(d.referralId)[0].body).toMatchObject({ applicant: { name: '张建国', idNumber: APPLICANT.idNumber } });
    expect(fresh.disclosedPersons(d)).toEqual([APPLICANT.personId]);
  });

  it('cancels a delivered referral once; a referral the bureau never had is refused for good', async () => {
    const d = housingReferral();
    const delivered = await adapter.deliver(d, signal());
    const externalRef = delivered.ok ? delivered.externalRef : null;
    const cancellation = { referralId: d.referralId, caseNo: d.caseNo, externalRef, reason: '申请人撤回申请' };
    expect(await adapter.cancel(cancellation, signal())).toEqual({ ok: true, externalRef });
    expect(await adapter.cancel(cancellation, signal())).toEqual({ ok: true, externalRef });
    expect(sim.ledger.entries('CANCEL').filter((e) => e.key === d.referralId)).toHaveLength(1);
    expect(await adapter.cancel({ ...cancellation, referralId: nextId() }, signal())).toEqual({ ok: false, retryable: false, reason: 'HTTP_404' });
  });

  it('refuses content the bureau cannot take, for good', async () => {
    const d = housingReferral();
    const broken = { ...d, household: [{ ...d.household[0], idNumber: '330106196803124510' }] }; // wrong check character
    expect(await adapter.deliver(broken, signal())).toEqual({ ok: false, retryable: false, reason: 'HTTP_422' });
    expect(await adapter.deliver({ ...d, household: [] }, signal())).toEqual({ ok: false, retryable: false, reason: 'NO_APPLICANT' });
    expect(sim.ledger.has(d.referralId)).toBe(false);
  });
});

describe('oauth2-json tokens', () => {
  it('keeps the token until shortly before it expires, then takes a new one', async () => {
    let now = Date.now();
    const clocked = new HousingAdapter(connection(), () => now);
    const tokens = sim.tokens.requests;
    await clocked.deliver(housingReferral(), signal());
    await clocked.deliver(housingReferral(), signal());
    expect(sim.tokens.requests - tokens).toBe(1);
    now += 7200 * 1000 - 59_000; // inside the last minute of the 7200 s lifetime
    expect(await clocked.deliver(housingReferral(), signal())).toMatchObject({ ok: true });
    expect(sim.tokens.requests - tokens).toBe(2);
  });

  it('an expired token: one 401, exactly one refresh, the request once more', async () => {
    const fresh = housingProtocol.create(connection());
    await fresh.deliver(housingReferral(), signal());
    const tokens = sim.tokens.requests;
    const rejected = sim.tokens.rejected;
    sim.tokens.expireAll();
    const d = housingReferral();
    expect(await fresh.deliver(d, signal())).toMatchObject({ ok: true });
    expect(sim.tokens.requests - tokens).toBe(1);
    expect(sim.tokens.rejected - rejected).toBe(1);
    expect(deliveries(d.referralId)).toHaveLength(1);
  });

  it('a token that really expired on the bureau’s clock is refreshed once (short lifetime)', async () => {
    let bureauNow = Date.now();
    const shortLived = await startHousingSimulator({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      callbackSecret: CALLBACK_SECRET,
      callbackUrl: `${receiver.url}${CALLBACK_PATH}`,
      tokenTtlSeconds: 1,
      clock: () => bureauNow,
    });
    try {
      const start = Date.now();
      const stopped = new HousingAdapter(connection(shortLived.url), () => start); // a clock that lags: the cached token looks valid
      await stopped.deliver(housingReferral(), signal());
      bureauNow += 1100; // the bureau's clock passes the token's second of life
      expect(await stopped.deliver(housingReferral(), signal())).toMatchObject({ ok: true });
      expect(shortLived.tokens).toMatchObject({ requests: 2, rejected: 1 });
    } finally {
      await shortLived.close();
    }
  });

  it('refreshes only once when the new token is refused too', async () => {
    const counts = { token: 0, api: 0 };
    const bureau = http.createServer((req, res) => {
      req.resume().on('end', () => {
        if (req.url === '/oauth/token') {
          counts.token++;
          return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: `t${counts.token}`, token_type: 'Bearer', expires_in: 3600 }));
        }
        counts.api++;
        res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"invalid_token"}');
      });
    });
    await new Promise<void>((resolve) => bureau.listen(0, '127.0.0.1', resolve));
    try {
      const stubborn = housingProtocol.create(connection(`http://127.0.0.1:${(bureau.address() as AddressInfo).port}`));
      expect(await stubborn.deliver(housingReferral(), signal())).toEqual({ ok: false, retryable: true, reason: 'TOKEN_REJECTED' });
      expect(counts).toEqual({ token: 2, api: 2 });
    } finally {
      bureau.closeAllConnections();
      await new Promise<void>((resolve) => bureau.close(() => resolve()));
    }
  });

  it('the wrong client secret: the token is refused, nothing is applied', async () => {
    const d = housingReferral();
    expect(await housingProtocol.create(connection(sim.url, { clientSecret: 'not-the-secret' })).deliver(d, signal())).toEqual({
      ok: false,
      retryable: true,
      reason: 'TOKEN_REFUSED',
    });
    expect(sim.ledger.has(d.referralId)).toBe(false);
  });

  it('the API refuses a forged token', async () => {
    const id = nextId();
    const res = await fetch(`${sim.url}/api/v1/assistance-referrals`, {
      method: 'POST',
      headers: { Authorization: 'Bearer forged-token-123', 'Content-Type': 'application/json', 'Idempotency-Key': id },
      body: JSON.stringify({ referralId: id }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await res.json()).toMatchObject({ error: 'invalid_token' });
  });
});

describe('oauth2-json faults', () => {
  // The adapter lives long: it holds a token before each fault, as it would in service.
  beforeEach(async () => {
    await adapter.deliver(housingReferral(), signal());
  });

  it('a token endpoint in trouble is retryable too', async () => {
    const fresh = housingProtocol.create(connection());
    sim.faults.serverError = true;
    expect(await fresh.deliver(housingReferral(), signal())).toEqual({ ok: false, retryable: true, reason: 'TOKEN_HTTP_503' });
    sim.faults.serverError = false;
    sim.faults.malformed = true;
    expect(await fresh.deliver(housingReferral(), signal())).toEqual({ ok: false, retryable: true, reason: 'MALFORMED_REPLY' });
  });
});

describe('oauth2-json callbacks', () => {
  const kinds = () => receiver.received.map((r) => (r.reading.accepted ? r.reading.answers[0].kind : r.reading.reason));

  it('received, then decided: each read and accepted', async () => {
    Object.assign(sim.answers, { acknowledgeAfterMs: 10, decide: { afterMs: 10, decision: 'APPROVED', amountFen: 80000 } });
    const d = housingReferral();
    const delivered = await adapter.deliver(d, signal());
    await receiver.waitFor(2);
    expect(kinds()).toEqual(['ACKNOWLEDGED', 'RESOLVED']);
    const answers = receiver.received.flatMap((r) => (r.reading.accepted ? r.reading.answers : []));
    expect(answers[1]).toEqual<PartnerAnswer>({
      referralId: d.referralId,
      externalRef: delivered.ok ? delivered.externalRef : null,
      kind: 'RESOLVED',
      decision: 'APPROVED',
      amountFen: 80000,
      note: null,
    });
    expect(receiver.received.map((r) => [r.result, r.status])).toEqual([
      ['APPLIED', 200],
      ['APPLIED', 200],
    ]);
  });

  it('asks for documents', async () => {
    Object.assign(sim.answers, { acknowledgeAfterMs: 10, supplement: { afterMs: 10, materials: ['房屋安全鉴定报告'] } });
    await adapter.deliver(housingReferral(), signal());
    await receiver.waitFor(2);
    const last = receiver.received[1].reading;
    expect(last.accepted && last.answers[0]).toMatchObject({ kind: 'SUPPLEMENT_REQUESTED', materials: ['房屋安全鉴定报告'] });
  });

  it('refuses tampered, unsigned, stale and malformed events', async () => {
    const body = JSON.stringify(toHousingEvent('evt-x', { referralId: nextId(), externalRef: 'D-1', kind: 'ACKNOWLEDGED' }));
    const post = async (headers: Record<string, string>, sent = body) => {
      await fetch(`${receiver.url}${CALLBACK_PATH}`, { method: 'POST', headers, body: sent });
      const last = receiver.received[receiver.received.length - 1];
      return last.reading.accepted ? 'ACCEPTED' : `${last.reading.reason} ${last.status}`;
    };
    expect(await post(signedHeaders(CALLBACK_SECRET, body), body.replace('referral.received', 'referral.decided'))).toBe('BAD_SIGNATURE 401');
    expect(await post({ 'Content-Type': 'application/json' })).toBe('UNSIGNED 401');
    expect(await post(signedHeaders(CALLBACK_SECRET, body, new Date(Date.now() - 6 * 60 * 1000)))).toBe('STALE_TIMESTAMP 401');
    expect(await post(signedHeaders(CLIENT_SECRET, body))).toBe('BAD_SIGNATURE 401');
    const junk = '{"eventId":"evt-y","eventType":"referral.received"}';
    expect(await post(signedHeaders(CALLBACK_SECRET, junk), junk)).toBe('MALFORMED 400');
    expect(await post(signedHeaders(CALLBACK_SECRET, body))).toBe('ACCEPTED');
  });
});
