import { es256PrivateKey, es256PublicKey } from '../shared/detached-jws';
import type { CallbackReading, PartnerConnection } from '../../src/delivery/department-adapter';
import { Department } from '../../src/access/roles';
import { ACTION, ERROR_CODES, JudicialAdapter, judicialProtocol, newCallbackHeader, newHeader, PATH, seal, sealCallback } from './index';
import { toOnReferMessage, toReferMessage } from './mapping';
import { bureauKeys, delivery, HUB_ID, Hub, hubKeys, keyPair, post, setup, waitFor } from './test-bureau';

// The real adapter against the simulated justice bureau over HTTP (test-bureau.ts): requests,
// bearer tokens, the bare ACK, callbacks in the specification's shape and the hub's answers.

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

