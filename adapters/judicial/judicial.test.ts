import { eventually } from '../../test/support/eventually';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { Department } from '../../src/access/roles';
import type { CallbackReading, PartnerConnection, ReferralDelivery } from '../../src/delivery/department-adapter';
import { es256PrivateKey, es256PublicKey } from '../shared/detached-jws';
import type { AutoAnswers } from '../shared/simulator-kit';
import { ACTION, ERROR_CODES, JudicialAdapter, judicialProtocol, newCallbackHeader, newHeader, PATH, seal, sealCallback, StatusQueryError } from './index';
import { fromAck, toOnReferMessage, toReferMessage } from './mapping';
import { JudicialSimulator, startJudicialSimulator } from './simulator';

// The real adapter against the simulated justice bureau over HTTP, and a tiny "hub" receiving its callbacks.

const CLIENT_SECRET = 'bureau-issued-client-secret';
const STATIC_TOKEN = 'bureau-issued-static-token';
const keyPair = () => {
  const k = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privatePem: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: k.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};
const hubKeys = keyPair();
const bureauKeys = keyPair();
const HUB_ID = 'hub.mz.example.gov.cn';

const delivery = (referralId: string, idNumber = '370783198503127716'): ReferralDelivery => ({
  referralId,
  caseNo: '370783104202603020001',
  department: Department.JUDICIAL,
  category: 'LEGAL_AID',
  townshipCode: '370783104',
  acceptedDate: '2026-03-02',
  dueDate: '2026-03-23',
  householdSize: 2,
  perCapitaMonthlyIncomeFen: 45000,
  household: [
    { personId: 'p-applicant', name: '王秀兰', idNumber, relation: 'SELF', monthlyIncomeFen: 90000, schoolStage: null, laborCapable: true, employed: false, disabled: false, seriouslyIll: false },
    { personId: 'p-child', name: '王小明', idNumber: '370783201209010028', relation: 'CHILD', monthlyIncomeFen: 0, schoolStage: 'PRIMARY', laborCapable: false, employed: false, disabled: false, seriouslyIll: false },
  ],
});

interface Hub {
  url: string;
  readings: CallbackReading[];
  replies: Array<{ status: number; body: string }>;
  /** Accepted readings whose nonce had been seen before (replays): must stay 0. */
  nonceReuses: number;
  close(): Promise<void>;
}

/** "The hub": feeds each callback to adapter.readCallback, applies each message id once, answers the reply. */
async function startHub(adapter: () => JudicialAdapter): Promise<Hub> {
  const readings: CallbackReading[] = [];
  const replies: Hub['replies'] = [];
  const applied = new Set<string>();
  const nonces = new Set<string>();
  const hub: Hub = { url: '', readings, replies, nonceReuses: 0, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      const reading = adapter().readCallback({ method: req.method ?? 'POST', path: req.url ?? '/', headers, rawBody: Buffer.concat(chunks) }, new Date());
      readings.push(reading);
      let reply = reading.accepted ? null : reading.reply;
      if (reading.accepted) {
        if (reading.nonce !== null && nonces.has(reading.nonce)) hub.nonceReuses++;
        if (reading.nonce !== null) nonces.add(reading.nonce);
        reply = reading.reply(applied.has(reading.messageId) ? 'DUPLICATE' : 'APPLIED');
        applied.add(reading.messageId);
      }
      replies.push({ status: reply!.status, body: reply!.body });
      res.writeHead(reply!.status, { 'Content-Type': reply!.contentType }).end(reply!.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/partners/JUDICIAL/callback`;
  hub.url = url;
  return hub;
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function setup(options: { answers?: Partial<AutoAnswers>; callbacks?: boolean; timeoutMs?: number; credentials?: Partial<Record<string, string>>; syncStatus?: boolean } = {}) {
  let adapter: JudicialAdapter | null = null;
  const hub = await startHub(() => adapter!);
  open.push(hub);
  const sim = await startJudicialSimulator({
    hubPublicKey: hubKeys.publicPem,
    bureauPrivateKey: bureauKeys.privatePem,
    hubSenderId: HUB_ID,
    callbackUrl: hub.url,
    answers: options.answers,
    callbacks: options.callbacks,
    clientId: 'hub-client',
    clientSecret: CLIENT_SECRET,
    bearerToken: STATIC_TOKEN,
    syncStatus: options.syncStatus,
  });
  open.push(sim);
  const connection: PartnerConnection = {
    department: Department.JUDICIAL,
    protocol: 'g2p-connect',
    endpoint: new URL(sim.url),
    credentials: { hubPrivateKey: hubKeys.privatePem, partnerPublicKey: bureauKeys.publicPem, senderId: HUB_ID, clientId: 'hub-client', clientSecret: CLIENT_SECRET, ...options.credentials } as Record<string, string>,
    timeoutMs: options.timeoutMs ?? 2000,
    callbackUrl: hub.url,
  };
  adapter = judicialProtocol.create(connection) as JudicialAdapter;
  const signal = () => AbortSignal.timeout(connection.timeoutMs);
  return { sim, hub, adapter, signal };
}

const waitFor = (what: () => boolean) => eventually(what, { timeout: 5000, interval: 10, what: 'the bureau' });

/** A request as a client of the specification sends it (bearer token); the answer is its bare ACK. */
const post = async (sim: JudicialSimulator, path: string, body: string) => {
  const res = await fetch(`${sim.url}/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${STATIC_TOKEN}` }, body });
  const answer = (await res.json()) as { header?: unknown; signature?: unknown; message?: unknown };
  return { status: res.status, bare: answer.header === undefined && answer.signature === undefined, ack: fromAck(answer.message) };
};

describe('judicial adapter against the simulated legal-aid system', () => {
  it('delivers the applicant only, once, even when sent twice', async () => {
    const { sim, adapter, signal } = await setup();
    const d = delivery('01JNQ7Y2D5R8K3M6T9V1W4X7Z0');
    expect(await adapter.deliver(d, signal())).toEqual({ ok: true, externalRef: 'D-1' });
    expect(await adapter.deliver(d, signal())).toEqual({ ok: true, externalRef: 'D-1' });
    expect(sim.ledger.entries('DELIVER')).toHaveLength(1);
    expect(sim.ledger.repeats).toBe(1);
    expect(sim.ledger.entries()[0].body).toEqual(toReferMessage(d));
    expect(adapter.disclosedPersons(d)).toEqual(['p-applicant']);
  });

  it('withdraws a referral, once', async () => {
    const { sim, adapter, signal } = await setup();
    await adapter.deliver(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7Z1'), signal());
    const cancellation = { referralId: '01JNQ7Y2D5R8K3M6T9V1W4X7Z1', caseNo: '370783104202603020001', externalRef: 'D-1', reason: '申请人撤回申请' };
    expect(await adapter.cancel(cancellation, signal())).toEqual({ ok: true, externalRef: 'C-2' });
    expect(await adapter.cancel(cancellation, signal())).toEqual({ ok: true, externalRef: 'C-2' });
    expect(sim.ledger.entries('CANCEL')).toHaveLength(1);
    expect(sim.ledger.has('01JNQ7Y2D5R8K3M6T9V1W4X7Z1', 'CANCEL')).toBe(true);
  });

  it('is refused when the signature does not hold: tampered, unsigned, or by another key', async () => {
    const { sim, hub } = await setup();
    const header = () => newHeader({ action: ACTION.refer, senderId: HUB_ID, receiverId: '127.0.0.1', senderUri: hub.url });
    const signed = JSON.parse(seal(header(), toReferMessage(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7Z2')), es256PrivateKey(hubKeys.privatePem)));
    signed.message.referral.applicant.name = '张伟';
    expect(await post(sim, PATH.refer, JSON.stringify(signed))).toMatchObject({ status: 200, ack: { ack_status: 'ERR', error: { code: 'err.signature.invalid' } } });
    expect(await post(sim, PATH.refer, JSON.stringify({ ...signed, signature: '' }))).toMatchObject({ status: 200, ack: { error: { code: 'err.signature.missing' } } });
    const intruder = seal(header(), toReferMessage(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7Z2')), es256PrivateKey(keyPair().privatePem));
    expect(await post(sim, PATH.refer, intruder)).toMatchObject({ status: 200, ack: { error: { code: 'err.signature.invalid' } } });
    expect(sim.ledger.entries()).toHaveLength(0);

    // The adapter with a key the bureau does not know: ERR, retried (a key rotation not yet done on one side).
    const wrongKey = await setup({ credentials: { hubPrivateKey: keyPair().privatePem } });
    expect(await wrongKey.adapter.deliver(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7Z2'), wrongKey.signal())).toEqual({ ok: false, retryable: true, reason: 'ERR:err.signature.invalid' });
  });

  it('takes the specification’s bare ACK: HTTP 202, no header, no signature (Response.yaml), even with a bureau key it cannot use', async () => {
    const { sim, adapter, signal } = await setup({ credentials: { partnerPublicKey: keyPair().publicPem } });
    expect(await adapter.deliver(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7Z3'), signal())).toEqual({ ok: true, externalRef: 'D-1' });
    expect(sim.ledger.has('01JNQ7Y2D5R8K3M6T9V1W4X7Z3')).toBe(true);
  });

  it('sends every request with a bearer token from the bureau’s token API (SPDCI-CL-AUTH-01); without one the bureau refuses it, 401', async () => {
    const { sim, hub } = await setup();
    const body = seal(newHeader({ action: ACTION.refer, senderId: HUB_ID, receiverId: '127.0.0.1', senderUri: hub.url }), toReferMessage(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7ZA')), es256PrivateKey(hubKeys.privatePem));
    const res = await fetch(`${sim.url}/${PATH.refer}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect([res.status, await res.json()]).toEqual([401, { errors: [{ code: 'err.request.unauthorized', message: expect.any(String) }] }]);
    expect(sim.ledger.entries()).toHaveLength(0);
    // A wrong client secret: the token API refuses it; retried (fixed credentials let the row through).
    const wrong = await setup({ credentials: { clientSecret: 'not-the-secret' } });
    expect(await wrong.adapter.deliver(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7ZA'), wrong.signal())).toEqual({ ok: false, retryable: true, reason: 'TOKEN_REFUSED' });
  });

  it('reads a content refusal (NACK) as not retryable', async () => {
    const { sim, adapter, signal } = await setup();
    const badCheckDigit = delivery('01JNQ7Y2D5R8K3M6T9V1W4X7Z4', '370783198503127717');
    expect(await adapter.deliver(badCheckDigit, signal())).toEqual({ ok: false, retryable: false, reason: 'NACK:rjct.message.invalid' });
    expect(sim.ledger.entries()).toHaveLength(0);
  });

  it('refuses a message_id used again with other content, and takes a re-sent identical message as a repeat', async () => {
    const { sim, hub } = await setup();
    const key = es256PrivateKey(hubKeys.privatePem);
    const header = newHeader({ action: ACTION.refer, senderId: HUB_ID, receiverId: '127.0.0.1', senderUri: hub.url });
    const first = seal(header, toReferMessage(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7Z5')), key);
    expect(await post(sim, PATH.refer, first)).toMatchObject({ status: 202, bare: true, ack: { ack_status: 'ACK', correlation_id: 'D-1' } });
    expect(await post(sim, PATH.refer, first)).toMatchObject({ status: 202, bare: true, ack: { ack_status: 'ACK', correlation_id: 'D-1' } });
    const other = seal(header, toReferMessage(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7Z6')), key);
    expect(await post(sim, PATH.refer, other)).toMatchObject({ status: 200, ack: { ack_status: 'NACK', error: { code: 'rjct.message_id.duplicate' } } });
    expect(sim.ledger.entries()).toHaveLength(1);
    expect(sim.ledger.repeats).toBe(1);
  });

  it('checks the header as a registered receiver: sender, receiver, action, callback URL, clock', async () => {
    const { sim, hub } = await setup();
    const key = es256PrivateKey(hubKeys.privatePem);
    const message = toReferMessage(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7ZF'));
    const send = (over: { senderId?: string; receiverId?: string; action?: string; senderUri?: string; at?: Date }) =>
      post(sim, PATH.refer, seal(newHeader({ action: over.action ?? ACTION.refer, senderId: over.senderId ?? HUB_ID, receiverId: over.receiverId ?? '127.0.0.1', senderUri: over.senderUri ?? hub.url }, over.at), message, key));
    expect(await send({ senderId: 'other-hub' })).toMatchObject({ status: 200, ack: { ack_status: 'ERR', error: { code: 'err.sender_id.invalid' } } });
    expect(await send({ receiverId: 'sfj.other.gov.cn' })).toMatchObject({ status: 200, ack: { error: { code: 'err.receiver_id.invalid' } } });
    expect(await send({ action: ACTION.withdraw })).toMatchObject({ status: 200, ack: { error: { code: 'err.request.bad' } } });
    expect(await send({ senderUri: 'https://attacker.example.com/cb' })).toMatchObject({ status: 200, ack: { error: { code: 'err.sender_uri.invalid' } } });
    expect(await send({ at: new Date(Date.now() - 6 * 60_000) })).toMatchObject({ status: 200, ack: { ack_status: 'ERR', error: { code: 'err.request.bad' } } });
    expect(sim.ledger.entries()).toHaveLength(0);
    expect(await send({})).toMatchObject({ status: 202, ack: { ack_status: 'ACK', correlation_id: 'D-1' } });
  });
});

describe('judicial callbacks (on-refer) read by the hub', () => {
  const bureauKey = es256PrivateKey(bureauKeys.privatePem);
  const accepted = (hub: Hub) => hub.readings.filter((r): r is Extract<CallbackReading, { accepted: true }> => r.accepted);

  /** The hub's answer to a callback: the specification's bare Response (`{ message }` only). */
  const answerOf = (body: string) => {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['message']);
    return parsed.message as { ack_status: string; timestamp: string; correlation_id: unknown; error?: { code: string } };
  };

  it('acknowledges, then decides; each answer arrives signed with a callback header (status, completed_count) and is answered 200 with a bare ACK', async () => {
    const { sim, hub, adapter, signal } = await setup({ answers: { acknowledgeAfterMs: 10, decide: { afterMs: 10, decision: 'APPROVED' } } });
    await adapter.deliver(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7Z8'), signal());
    await waitFor(() => hub.readings.length === 2);
    const readings = accepted(hub);
    expect(readings.map((r) => r.answers)).toEqual([
      [{ referralId: '01JNQ7Y2D5R8K3M6T9V1W4X7Z8', externalRef: 'D-1', kind: 'ACKNOWLEDGED' }],
      [{ referralId: '01JNQ7Y2D5R8K3M6T9V1W4X7Z8', externalRef: 'D-1', kind: 'RESOLVED', decision: 'APPROVED', amountFen: null, note: null }],
    ]);
    expect(readings.map((r) => r.messageId)).toEqual(['on-refer:01JNQ7Y2D5R8K3M6T9V1W4X7Z8:ACKNOWLEDGED', 'on-refer:01JNQ7Y2D5R8K3M6T9V1W4X7Z8:RESOLVED']);
    await waitFor(() => sim.callbacks.byStatus[200] === 2);
    for (const reply of hub.replies) {
      expect(reply.status).toBe(200);
      expect(answerOf(reply.body)).toMatchObject({ ack_status: 'ACK', correlation_id: 'D-1', timestamp: expect.stringMatching(/Z$/) });
    }
  });

  it('takes callbacks in the specification’s shape: only message_id, message_ts, action and status required; what it adds ignored; a header-only callback taken with nothing to apply', async () => {
    const { hub } = await setup();
    const referralId = '01JNQ7Y2D5R8K3M6T9V1W4X7ZG';
    const message = { ...toOnReferMessage({ referralId, externalRef: 'D-9', kind: 'ACKNOWLEDGED' }), status_reason_message: '已受理' };
    const minimal = { message_id: 'on-refer-min-1', message_ts: new Date().toISOString(), action: ACTION.onRefer, status: 'rcvd', completed_count: 1, status_reason_message: 'ok', x_vendor: 1 };
    const post = (body: string) => fetch(hub.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    await post(sealCallback(minimal as never, message, bureauKey));
    await post(sealCallback({ ...minimal, message_id: 'on-refer-min-2' } as never, undefined, bureauKey));
    expect(hub.readings.map((r) => (r.accepted ? r.answers.map((a) => a.kind) : r.reason))).toEqual([['ACKNOWLEDGED'], []]);
    expect(hub.replies.map((r) => [r.status, answerOf(r.body).ack_status])).toEqual([
      [200, 'ACK'],
      [200, 'ACK'],
    ]);
    expect(answerOf(hub.replies[0].body).correlation_id).toBe('D-9');
    expect(typeof answerOf(hub.replies[1].body).correlation_id).toBe('string');
  });

  it('refuses tampered, unsigned, stale, misaddressed, wrong-version and unknown callbacks with an ERR carrying a string correlation_id and a code of the specification’s Error enum', async () => {
    const { hub } = await setup();
    const answer = toOnReferMessage({ referralId: '01JNQ7Y2D5R8K3M6T9V1W4X7ZB', externalRef: 'D-1', kind: 'RESOLVED', decision: 'APPROVED' });
    const header = (over: { at?: Date; action?: string; senderId?: string; receiverId?: string; version?: string } = {}) => ({
      ...newCallbackHeader({ action: over.action ?? ACTION.onRefer, status: 'succ', senderId: over.senderId ?? '127.0.0.1', receiverId: over.receiverId ?? HUB_ID, messageId: 'on-refer:x:RESOLVED' }, over.at),
      ...(over.version ? { version: over.version } : {}),
    });
    const tampered = JSON.parse(sealCallback(header(), answer, bureauKey));
    tampered.message.result.decision = 'REJECTED';
    const bodies: Array<[string, string, number, string]> = [
      ['BAD_SIGNATURE', JSON.stringify(tampered), 401, 'err.signature.invalid'],
      ['UNSIGNED', JSON.stringify({ header: header(), message: answer }), 401, 'err.signature.missing'],
      ['STALE_TIMESTAMP', sealCallback(header({ at: new Date(Date.now() - 6 * 60_000) }), answer, bureauKey), 400, 'err.request.bad'],
      ['BAD_SIGNATURE', sealCallback(header(), answer, es256PrivateKey(keyPair().privatePem)), 401, 'err.signature.invalid'],
      ['WRONG_SENDER', sealCallback(header({ senderId: 'someone.else' }), answer, bureauKey), 401, 'err.sender_id.invalid'],
      ['WRONG_RECEIVER', sealCallback(header({ receiverId: 'other-hub' }), answer, bureauKey), 400, 'err.receiver_id.invalid'],
      ['WRONG_VERSION', sealCallback(header({ version: '2.0.0' }), answer, bureauKey), 400, 'err.version.not_supported'],
      ['UNKNOWN_ACTION', sealCallback(header({ action: 'on-search' }), answer, bureauKey), 404, 'err.request.not_found'],
      ['MALFORMED_MESSAGE', sealCallback(header(), { ...answer, status: 'done' }, bureauKey), 400, 'err.request.bad'],
      ['MALFORMED', 'not json', 400, 'err.request.bad'],
    ];
    for (const [, body] of bodies) await fetch(hub.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(hub.readings.map((r) => (r.accepted ? 'ACCEPTED' : r.reason))).toEqual(bodies.map(([reason]) => reason));
    expect(hub.replies.map((r) => r.status)).toEqual(bodies.map(([, , status]) => status));
    hub.replies.forEach((reply, i) => {
      const m = answerOf(reply.body);
      expect(m).toMatchObject({ ack_status: 'ERR', error: { code: bodies[i][3] } });
      expect(ERROR_CODES).toContain(m.error!.code);
      expect(typeof m.correlation_id).toBe('string');
    });
    expect(answerOf(hub.replies[0].body).correlation_id).toBe('D-1'); // echoed when the callback names one
  });
});

describe('the bureau’s key read from its JWKS URL', () => {
  it('verifies callbacks by kid against the bureau’s JWKS, and follows a rotated key without a restart', async () => {
    let adapter: JudicialAdapter | null = null;
    const hub = await startHub(() => adapter!);
    open.push(hub);
    const sim = await startJudicialSimulator({
      hubPublicKey: hubKeys.publicPem,
      bureauPrivateKey: bureauKeys.privatePem,
      hubSenderId: HUB_ID,
      callbackUrl: hub.url,
      bearerToken: STATIC_TOKEN,
      answers: { acknowledgeAfterMs: 10 },
    });
    open.push(sim);
    adapter = new JudicialAdapter(
      {
        department: Department.JUDICIAL,
        protocol: 'g2p-connect',
        endpoint: new URL(sim.url),
        credentials: { hubPrivateKey: hubKeys.privatePem, partnerJwksUrl: `${sim.url}/.well-known/jwks.json`, senderId: HUB_ID, bearerToken: STATIC_TOKEN },
        timeoutMs: 5000,
        callbackUrl: hub.url,
      },
      { jwksRefreshMs: 0 },
    );
    const signal = () => AbortSignal.timeout(5000);
    const taken = () => hub.readings.filter((r): r is Extract<CallbackReading, { accepted: true }> => r.accepted);
    await waitFor(() => sim.jwksReads() === 1); // read at start
    expect(await adapter.deliver(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7ZH'), signal())).toMatchObject({ ok: true });
    await waitFor(() => hub.readings.length === 1);
    expect(taken().map((r) => r.answers[0].kind)).toEqual(['ACKNOWLEDGED']);

    // The bureau rotates its key: the first callback with the new kid is refused, and makes the
    // hub read the JWKS again; what the bureau sends next with the new key is taken.
    sim.rotateKey();
    expect(await adapter.deliver(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7ZJ'), signal())).toMatchObject({ ok: true });
    await waitFor(() => hub.readings.length === 2);
    expect(hub.readings[1]).toMatchObject({ accepted: false, reason: 'BAD_SIGNATURE' });
    await waitFor(() => sim.jwksReads() === 2);
    expect(await adapter.queryStatus('01JNQ7Y2D5R8K3M6T9V1W4X7ZJ', signal())).toEqual([]);
    await waitFor(() => hub.readings.length === 3);
    expect(taken()[1]).toMatchObject({ history: true, answers: [{ referralId: '01JNQ7Y2D5R8K3M6T9V1W4X7ZJ', kind: 'ACKNOWLEDGED' }] });
  });
});

describe('judicial status queries (txn/status)', () => {
  /** The status answers (txn-on-status) the hub's endpoint took, as histories. */
  const statusAnswers = (hub: Hub) =>
    hub.readings.filter((r): r is Extract<CallbackReading, { accepted: true }> => r.accepted && r.history === true).map((r) => r.answers);

  it('asks on the specification’s path (registry/txn/status, a TxnStatusRequest); the bureau ACKs and answers by a txn-on-status callback, the only way to learn the outcome with on-refer callbacks lost', async () => {
    const { sim, hub, adapter, signal } = await setup({
      callbacks: false,
      answers: { acknowledgeAfterMs: 10, supplement: { afterMs: 10, materials: ['经济困难状况说明表'] }, decide: { afterMs: 10, decision: 'APPROVED' } },
    });
    const referralId = '01JNQ7Y2D5R8K3M6T9V1W4X7ZC';
    expect(await adapter.queryStatus(referralId, signal())).toEqual([]); // ACKed: the answer follows
    await waitFor(() => statusAnswers(hub).length === 1);
    expect(statusAnswers(hub)[0]).toEqual([]); // nothing decided about an unknown transaction
    await adapter.deliver(delivery(referralId), signal());
    await waitFor(() => sim.decided(referralId).length === 3);
    expect(await adapter.queryStatus(referralId, signal())).toEqual([]);
    await waitFor(() => statusAnswers(hub).length === 2);
    expect(statusAnswers(hub)[1]).toEqual([
      { referralId, externalRef: 'D-1', kind: 'ACKNOWLEDGED' },
      { referralId, externalRef: 'D-1', kind: 'SUPPLEMENT_REQUESTED', materials: ['经济困难状况说明表'], note: null },
      { referralId, externalRef: 'D-1', kind: 'RESOLVED', decision: 'APPROVED', amountFen: null, note: null },
    ]);
    expect(hub.replies.every((r) => r.status === 200)).toBe(true);
    expect(hub.readings.filter((r) => r.accepted && !r.history)).toHaveLength(0);
    expect(sim.callbacks.byStatus[0]).toBe(3); // on-refer: decided, never sent
  });

  it('asks the synchronous way (registry/sync/txn/status) where the bureau offers it: the answer at once, no callback; elsewhere it falls back to the asynchronous way once and for all', async () => {
    const answers = { acknowledgeAfterMs: 10, decide: { afterMs: 10, decision: 'APPROVED' as const } };
    const offering = await setup({ callbacks: false, answers, syncStatus: true });
    const referralId = '01JNQ7Y2D5R8K3M6T9V1W4X7ZK';
    await offering.adapter.deliver(delivery(referralId), offering.signal());
    await waitFor(() => offering.sim.decided(referralId).length === 2);
    expect((await offering.adapter.queryStatus(referralId, offering.signal())).map((a) => a.kind)).toEqual(['ACKNOWLEDGED', 'RESOLVED']);
    expect(offering.hub.readings).toHaveLength(0); // nothing came by callback

    const notOffering = await setup({ callbacks: false, answers });
    await notOffering.adapter.deliver(delivery(referralId), notOffering.signal());
    await waitFor(() => notOffering.sim.decided(referralId).length === 2);
    expect(await notOffering.adapter.queryStatus(referralId, notOffering.signal())).toEqual([]); // 404 there: asked the asynchronous way
    await waitFor(() => statusAnswers(notOffering.hub).length === 1);
    expect(await notOffering.adapter.queryStatus(referralId, notOffering.signal())).toEqual([]);
    const statusPaths = notOffering.sim.posted.filter((p) => p.includes('txn/status'));
    expect(statusPaths).toEqual(['/registry/sync/txn/status', '/registry/txn/status', '/registry/txn/status']); // the synchronous path tried once
  });

  it('the status answer is in order even when the bureau decided out of order', async () => {
    const { sim, hub, adapter, signal } = await setup({ callbacks: false, answers: { acknowledgeAfterMs: 10, decide: { afterMs: 10, decision: 'REJECTED' } } });
    sim.faults.outOfOrderCallbacks = true;
    const referralId = '01JNQ7Y2D5R8K3M6T9V1W4X7ZD';
    await adapter.deliver(delivery(referralId), signal());
    await waitFor(() => sim.decided(referralId).length === 2);
    expect(sim.decided(referralId).map((a) => a.kind)).toEqual(['RESOLVED', 'ACKNOWLEDGED']);
    await adapter.queryStatus(referralId, signal());
    await waitFor(() => statusAnswers(hub).length === 1);
    expect(statusAnswers(hub)[0].map((a) => a.kind)).toEqual(['ACKNOWLEDGED', 'RESOLVED']);
  });

  it('throws a StatusQueryError with a short reason when the bureau cannot answer', async () => {
    const { sim, adapter, signal } = await setup();
    await adapter.deliver(delivery('01JNQ7Y2D5R8K3M6T9V1W4X7ZE'), signal()); // holds a token now
    sim.faults.serverError = true;
    await expect(adapter.queryStatus('01JNQ7Y2D5R8K3M6T9V1W4X7ZE', signal())).rejects.toMatchObject({ name: 'StatusQueryError', reason: 'HTTP_503', retryable: true });
    sim.faults.serverError = false;
    sim.faults.malformed = true;
    await expect(adapter.queryStatus('01JNQ7Y2D5R8K3M6T9V1W4X7ZE', signal())).rejects.toBeInstanceOf(StatusQueryError);
  });
});

describe('judicialProtocol', () => {
  it('names its credentials and takes keys as PEM or JWK; a bad key fails at start-up without quoting it', () => {
    expect(judicialProtocol).toMatchObject({ name: 'g2p-connect', department: Department.JUDICIAL, credentialKeys: ['hubPrivateKey', 'senderId'] });
    const jwk = (pem: string, pub: boolean) => JSON.stringify((pub ? es256PublicKey(pem) : es256PrivateKey(pem)).export({ format: 'jwk' }));
    const connection = (credentials: Record<string, string>): PartnerConnection => ({
      department: Department.JUDICIAL,
      protocol: 'g2p-connect',
      endpoint: new URL('https://sfj.example.gov.cn/g2p'),
      credentials,
      timeoutMs: 10_000,
      callbackUrl: 'https://hub.example.gov.cn/partners/JUDICIAL/callback',
    });
    const adapter = judicialProtocol.create(connection({ hubPrivateKey: jwk(hubKeys.privatePem, false), partnerPublicKey: jwk(bureauKeys.publicPem, true), senderId: HUB_ID, bearerToken: 't' })) as JudicialAdapter;
    expect(adapter.bureauId).toBe('sfj.example.gov.cn');
    expect(() => judicialProtocol.create(connection({ hubPrivateKey: 'secret-material', partnerPublicKey: bureauKeys.publicPem, senderId: HUB_ID, bearerToken: 't' }))).toThrow(
      'JUDICIAL credentials.hubPrivateKey is neither a PEM nor a JWK private key',
    );
    // The specification's security scheme: every request carries a bearer token, so one source of it is required.
    expect(() => judicialProtocol.create(connection({ hubPrivateKey: hubKeys.privatePem, partnerPublicKey: bureauKeys.publicPem, senderId: HUB_ID }))).toThrow(
      'JUDICIAL credentials: give bearerToken, or clientId and clientSecret',
    );
    // The bureau's key: given, or its JWKS URL.
    expect(() => judicialProtocol.create(connection({ hubPrivateKey: hubKeys.privatePem, senderId: HUB_ID, bearerToken: 't' }))).toThrow(
      'JUDICIAL credentials: give partnerPublicKey, or partnerJwksUrl',
    );
  });
});
