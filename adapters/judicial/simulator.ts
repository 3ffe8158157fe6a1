import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import type { PartnerAnswer } from '../../src/delivery/department-adapter';
import { canonicalJson, sha256Hex } from '../shared/signing';
import { es256PrivateKey, es256PublicKey, signingJwk } from '../shared/detached-jws';
import { scheduleAnswers, Simulator, SimulatorOptions, SimulatorReply, startSimulatorServer } from '../shared/simulator-kit';
import { ACTION, G2pHeader, newCallbackHeader, openEnvelope, PATH, sealCallback } from './index';
import { AckMessage, fromReferMessage, fromStatusRequest, fromSuperviseMessage, fromWithdrawMessage, toOnReferMessage, toStatusRecords } from './mapping';

// The justice bureau's legal-aid system, simulated: checks the hub's signature, header and
// message as the real receiver would, applies each transaction_id once, answers at once with a
// signed ACK envelope (correlation_id = its reference), later POSTs signed on-refer messages to the
// hub's sender_uri, and answers txn/status from what it has decided so far — also when callbacks are
// switched off (`callbacks: false`), which leaves txn/status the only way to learn the outcome.

export interface JudicialSimulatorOptions extends SimulatorOptions {
  /** Verifies the hub's requests (PEM or JWK). */
  hubPublicKey: string;
  /** Signs the bureau's ACKs, callbacks and status answers (PEM or JWK). */
  bureauPrivateKey: string;
  /** The hub's sender_id, as registered with the bureau. */
  hubSenderId: string;
  /** The hub's registered callback URL: requests must name it as sender_uri; callbacks go there. */
  callbackUrl: string;
  /** The bureau's own id (receiver_id of the hub's requests); default the host it listens on. */
  bureauId?: string;
  /** false: decide answers but send no callback (default true). */
  callbacks?: boolean;
  /** The token API's client (POST /oauth2/client/token, form client_id and client_secret). */
  clientId?: string;
  clientSecret?: string;
  /** A fixed bearer token it also accepts (a bureau that hands out long-lived tokens). */
  bearerToken?: string;
  /** Offers the synchronous status query (/registry/sync/txn/status); default false (404 there). */
  syncStatus?: boolean;
}

export interface JudicialSimulator extends Simulator {
  /** What the bureau decided so far about a transaction, in the order decided. */
  decided(referralId: string): PartnerAnswer[];
  /** The `kid` of each verified request's JWS header (a bureau finds the hub's key by it in the hub's JWKS). */
  requestKids: string[];
  /** A new signing key for the bureau (its JWKS at /.well-known/jwks.json serves the new one); the old one stops. */
  rotateKey(): void;
  /** How often its JWKS was read. */
  jwksReads(): number;
  /** The path of every POST it received, in order. */
  posted: string[];
}

const TODAY = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China Standard Time

export async function startJudicialSimulator(options: JudicialSimulatorOptions): Promise<JudicialSimulator> {
  let sim: Simulator;
  const hubKey: KeyObject = es256PublicKey(options.hubPublicKey, 'hubPublicKey');
  let bureauKey: KeyObject = es256PrivateKey(options.bureauPrivateKey, 'bureauPrivateKey');
  const bureauId = options.bureauId ?? options.host ?? '127.0.0.1';
  const decisions = new Map<string, PartnerAnswer[]>();
  const requestKids: string[] = [];
  let jwksReads = 0;
  const posted: string[] = [];
  /** message_id → hash of what it carried: the same id with other content is refused. */
  const messages = new Map<string, string>();

  // The specification's answer (Response.yaml): a bare { message } — no header, no signature.
  // ACK with 202 (accepted, the result follows by callback); ERR and NACK with their status.
  const ack = (status: number, _action: string, answer: { status: AckMessage['ack_status']; correlationId?: string | null; code?: string }): SimulatorReply => ({
    status: answer.status === 'ACK' && status === 200 ? 202 : status,
    body: JSON.stringify({
      message: {
        ack_status: answer.status,
        timestamp: new Date().toISOString(),
        correlation_id: answer.correlationId ?? `corr-${randomUUID()}`,
        ...(answer.code ? { error: { code: answer.code, message: answer.code } } : {}),
      },
    }),
  });
  /** The token API (G2P Connect authz): client credentials in the form; tokens live an hour. */
  const tokens = new Map<string, number>();
  const unauthorized = (): SimulatorReply => ({ status: 401, body: JSON.stringify({ errors: [{ code: 'err.request.unauthorized', message: 'bearer token missing, unknown or expired' }] }) });
  function issueToken(rawBody: Buffer): SimulatorReply {
    const form = new URLSearchParams(rawBody.toString('utf8'));
    if (form.get('grant_type') !== 'client_credentials' || !options.clientId || form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) {
      return { status: 401, body: JSON.stringify({ error: 'invalid_client' }) };
    }
    const token = randomUUID().replace(/-/g, '');
    tokens.set(token, Date.now() + 3600_000);
    return { status: 200, body: JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: '3600' }) };
  }
  function authorized(header: string | string[] | undefined): boolean {
    const token = /^Bearer\s+(\S+)$/i.exec(Array.isArray(header) ? header[0] : (header ?? ''))?.[1];
    if (!token) return false;
    if (options.bearerToken && token === options.bearerToken) return true;
    const until = tokens.get(token);
    return until !== undefined && Date.now() < until;
  }

  const sendCallback = async (answer: PartnerAnswer): Promise<number> => {
    const known = decisions.get(answer.referralId) ?? [];
    if (!known.some((a) => a.kind === answer.kind)) decisions.set(answer.referralId, [...known, answer]);
    if (options.callbacks === false) return 0; // decided, not sent
    // One message id per answer: a re-sent callback is the same message, with a fresh nonce and timestamp.
    const message = toOnReferMessage(answer);
    const header = newCallbackHeader({ action: ACTION.onRefer, status: message.status, senderId: bureauId, receiverId: options.hubSenderId, messageId: `on-refer:${answer.referralId}:${answer.kind}` });
    const body = sealCallback(header, message, bureauKey, signingJwk(bureauKey).kid);
    const res = await fetch(options.callbackUrl, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body, signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  };

  const routes: Record<string, string> = {
    [`/${PATH.refer}`]: ACTION.refer,
    [`/${PATH.withdraw}`]: ACTION.withdraw,
    [`/${PATH.supervise}`]: ACTION.supervise,
    [`/${PATH.status}`]: ACTION.status,
    ...(options.syncStatus ? { [`/${PATH.syncStatus}`]: ACTION.status } : {}),
  };

  sim = await startSimulatorServer((request) => {
    const path = request.url.split('?')[0];
    if (request.method === 'POST') posted.push(path);
    if (request.method === 'POST' && path === '/oauth2/client/token') return issueToken(request.rawBody);
    // The bureau's own keys (the SPDCI JWKS API), for the hub to verify its callbacks by kid.
    if (request.method === 'GET' && path === '/.well-known/jwks.json') {
      jwksReads++;
      return { status: 200, body: JSON.stringify({ keys: [signingJwk(bureauKey)] }) };
    }
    const action = request.method === 'POST' ? routes[path] : undefined;
    if (!action) return ack(404, 'unknown', { status: 'ERR', code: 'err.request.not_found' });
    // Every operation of the registry API carries `security: Authorization` (a bearer JWT; SPDCI-CL-AUTH-01)
    // and a JSON body (SPDCI-CL-CONTENTTYPE-01).
    if (!authorized(request.headers.authorization)) return unauthorized();
    if (!String(request.headers['content-type'] ?? '').toLowerCase().includes('application/json')) return ack(415, action, { status: 'ERR', code: 'err.request.bad' });
    const opened = openEnvelope(request.rawBody.toString('utf8'), hubKey, new Date());
    if ('problem' in opened) {
      // An invalid message is an ERR in the answer (HTTP 200), as the specification's registries
      // answer; 401 is kept for a missing or expired bearer token (authz API).
      const refusal: Record<typeof opened.problem, string> = {
        MALFORMED: 'err.request.bad',
        UNSIGNED: 'err.signature.missing',
        BAD_SIGNATURE: 'err.signature.invalid',
        STALE_TIMESTAMP: 'err.request.bad',
        BAD_NONCE: 'err.request.bad',
      };
      return ack(200, action, { status: 'ERR', code: refusal[opened.problem] });
    }
    const { header, message } = opened.envelope;
    const kid = (JSON.parse(Buffer.from(opened.envelope.signature.split('.')[0], 'base64url').toString('utf8')) as { kid?: unknown }).kid;
    if (typeof kid === 'string') requestKids.push(kid);
    const problem = headerProblem(header, action);
    if (problem) return ack(200, action, { status: 'ERR', code: problem });
    const digest = sha256Hex(canonicalJson(message));
    const seen = messages.get(header.message_id);
    if (seen !== undefined && seen !== digest) return ack(200, action, { status: 'NACK', code: 'rjct.message_id.duplicate' });
    messages.set(header.message_id, digest);

    if (action === ACTION.status) {
      // The specification's way: ACK now, the answer by a txn-on-status callback to sender_uri.
      const query = fromStatusRequest(message);
      if (!query) return ack(200, action, { status: 'ERR', code: 'err.request.bad' });
      const referralId = query.txnstatus_request.attribute_value;
      const delivered = sim.ledger.entries('DELIVER').find((e) => e.key === referralId);
      const records = toStatusRecords(decisions.get(referralId) ?? []);
      const response = { transaction_id: query.transaction_id, correlation_id: delivered?.ref ?? null, txnstatus_response: { txn_type: 'refer', txn_status: { transaction_id: referralId, records } } };
      if (path === `/${PATH.syncStatus}`) {
        const syncHeader = newCallbackHeader({ action: ACTION.onStatus, status: 'succ', senderId: bureauId, receiverId: options.hubSenderId, totalCount: records.length, completedCount: records.length });
        return { status: 200, body: sealCallback(syncHeader, response, bureauKey, signingJwk(bureauKey).kid) };
      }
      const timer = setTimeout(() => {
        const callbackHeader = newCallbackHeader({ action: ACTION.onStatus, status: 'succ', senderId: bureauId, receiverId: options.hubSenderId, totalCount: records.length, completedCount: records.length });
        void fetch(header.sender_uri ?? options.callbackUrl, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: sealCallback(callbackHeader, response, bureauKey, signingJwk(bureauKey).kid), signal: AbortSignal.timeout(5000) })
          .then((res) => res.arrayBuffer())
          .catch(() => undefined);
      }, 5);
      timer.unref();
      return ack(200, action, { status: 'ACK', correlationId: `TXN-${query.transaction_id}` });
    }

    if (action === ACTION.supervise) {
      const notice = fromSuperviseMessage(message);
      if (!notice) return ack(200, action, { status: 'NACK', code: 'rjct.message.invalid' });
      // A notice is about a referral the bureau holds.
      if (!sim.ledger.has(notice.referral_transaction_id, 'DELIVER')) return ack(200, action, { status: 'NACK', code: 'rjct.reference_id.invalid' });
      const { entry } = sim.ledger.apply(notice.transaction_id, 'NOTICE', notice);
      return ack(200, action, { status: 'ACK', correlationId: entry.ref });
    }
    const referral = action === ACTION.refer ? fromReferMessage(message, TODAY()) : null;
    const withdrawal = action === ACTION.withdraw ? fromWithdrawMessage(message) : null;
    const content = referral ?? withdrawal;
    if (!content) return ack(200, action, { status: 'NACK', code: 'rjct.message.invalid' });
    // transaction_id is the idempotency key: a repeat is ACKed again with the same reference.
    const { entry, fresh } = sim.ledger.apply(content.transaction_id, referral ? 'DELIVER' : 'CANCEL', content);
    if (fresh && referral) scheduleAnswers(content.transaction_id, entry.ref, sim, sendCallback);
    return ack(200, action, { status: 'ACK', correlationId: entry.ref });
  }, options);

  /** The header checks a registered receiver makes: who sent it, to whom, for which action, and where to call back. */
  function headerProblem(header: G2pHeader, action: string): string | null {
    if (header.sender_id !== options.hubSenderId) return 'err.sender_id.invalid';
    if (header.receiver_id !== bureauId) return 'err.receiver_id.invalid';
    if (header.action !== action) return 'err.request.bad';
    if (header.sender_uri !== undefined && header.sender_uri !== options.callbackUrl) return 'err.sender_uri.invalid';
    if (action === ACTION.refer && header.sender_uri === undefined) return 'err.sender_uri.invalid';
    return null;
  }

  const rotateKey = () => {
    bureauKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  };
  return Object.assign(sim, { decided: (referralId: string) => [...(decisions.get(referralId) ?? [])], requestKids, rotateKey, jwksReads: () => jwksReads, posted });
}
