import { randomUUID, KeyObject } from 'node:crypto';
import { Department } from '../../src/access/roles';
import type {
  CallbackReading,
  CallbackRequest,
  CallbackResult,
  DeliveryOutcome,
  DepartmentAdapter,
  PartnerAnswer,
  PartnerConnection,
  PartnerProtocol,
  ReferralCancellation,
  ReferralDelivery,
  SupervisionNoticeMessage,
} from '../../src/delivery/department-adapter';
import { es256PrivateKey, es256PublicKey, KeySource, SigningJwk, signingJwk } from '../shared/detached-jws';
import { RemoteJwks } from '../shared/remote-jwks';
import { failedCall, failedStatus, jsonOrNull, MALFORMED_REPLY, send, WireReply } from '../shared/http';
import { ClientCredentials, TokenFailure, TokenGrant } from '../shared/client-credentials';
import { AckMessage, fromAck, fromOnReferMessage, fromStatusResponse, REASON_CODE, toReferMessage, toStatusRequest, toSuperviseMessage, toWithdrawMessage } from './mapping';
import { ACTION, bareAck, bareAnswer, ErrorCode, G2pEnvelope, G2pHeader, ID, newHeader, openCallback, openEnvelope, PATH, seal } from './envelope';

export * from './envelope';

// JUDICIAL — G2P Connect / SPDCI, asynchronous (司法局 · 法律援助). Requests are signed envelopes
// `{ signature, header, message }` (envelope.ts) with a bearer token; answers are the bare ACK:
//   POST <endpoint>/registry/refer       action refer       → ACK { correlation_id }  (transaction_id = referral id)
//   POST <endpoint>/registry/withdraw    action withdraw    → ACK
//   POST <endpoint>/registry/supervise   action supervise   → ACK   (a supervision notice, 督办单)
//   POST <endpoint>/registry/txn/status  action txn-status  → ACK, then a txn-on-status callback (what was decided so far)
//   later: the bureau POSTs on-refer (and txn-on-status) to header.sender_uri; the hub answers a bare Response.
// ACK → ok; NACK (content refused) → not retryable; ERR (transport, signature, err.*) → retryable.
// The hub's key is published at /.well-known/jwks.json; the bureau's is given, or read from its JWKS URL.

export const PROTOCOL = 'g2p-connect';

// What the hub answers when it refuses a callback: reading reason → HTTP status and the
// specification's error code, in an ERR (Response.yaml; the compliance suite takes a 4xx with it).
const REFUSALS: Record<string, [number, ErrorCode]> = {
  MALFORMED: [400, 'err.request.bad'],
  UNSIGNED: [401, 'err.signature.missing'],
  BAD_SIGNATURE: [401, 'err.signature.invalid'],
  STALE_TIMESTAMP: [400, 'err.request.bad'],
  BAD_NONCE: [400, 'err.request.bad'],
  WRONG_VERSION: [400, 'err.version.not_supported'],
  ENCRYPTED: [400, 'err.encryption.invalid'],
  WRONG_SENDER: [401, 'err.sender_id.invalid'],
  WRONG_RECEIVER: [400, 'err.receiver_id.invalid'],
  UNKNOWN_ACTION: [404, 'err.request.not_found'],
  MALFORMED_MESSAGE: [400, 'err.request.bad'],
};


/** A short reason from a NACK or ERR: its G2P code when it is one (codes carry no personal data). */
function ackReason(ack: AckMessage): string {
  const code = ack.error?.code;
  return code && REASON_CODE.test(code) ? `${ack.ack_status}:${code}` : ack.ack_status;
}

/** A txn/status query that brought no answer; `reason` is a short code as in DeliveryOutcome. */
export class StatusQueryError extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super(`status query failed: ${reason}`);
    this.name = 'StatusQueryError';
  }
}

export class JudicialAdapter implements DepartmentAdapter {
  readonly department = Department.JUDICIAL;
  readonly protocol = PROTOCOL;
  private readonly hubKey: KeyObject;
  /** The bureau's key: given, or read from its JWKS URL by kid. */
  private readonly partnerKey: KeySource;
  private readonly senderId: string;
  /** The bureau's id in G2P headers: the host name of its endpoint (e.g. sfj.example.gov.cn). */
  readonly bureauId: string;
  /** A fixed bearer token, or the client credentials that fetch one. */
  private readonly bearer: string | ClientCredentials;
  /** Whether the bureau answers status queries at once (/registry/sync/txn/status); undefined until tried. */
  private syncStatus: boolean | undefined;
  /** The hub's public key as published at /.well-known/jwks.json; its kid goes in every JWS header. */
  private readonly hubJwk: SigningJwk;

  /** `jwksRefreshMs`: how soon an unknown kid may make the bureau's JWKS be read again (tests: 0). */
  constructor(
    private readonly connection: PartnerConnection,
    options: { jwksRefreshMs?: number } = {},
  ) {
    this.hubKey = es256PrivateKey(connection.credentials.hubPrivateKey ?? '', 'JUDICIAL credentials.hubPrivateKey');
    const { partnerPublicKey, partnerJwksUrl } = connection.credentials;
    if (partnerPublicKey) this.partnerKey = es256PublicKey(partnerPublicKey, 'JUDICIAL credentials.partnerPublicKey');
    else if (partnerJwksUrl && /^https?:\/\//.test(partnerJwksUrl)) this.partnerKey = new RemoteJwks(partnerJwksUrl, options.jwksRefreshMs);
    else throw new Error('JUDICIAL credentials: give partnerPublicKey, or partnerJwksUrl (the bureau\'s JWKS, an http(s) URL)');
    this.senderId = connection.credentials.senderId ?? '';
    if (!ID.test(this.senderId)) throw new Error('JUDICIAL credentials.senderId must be 1–100 letters, digits or . : @ _ -');
    this.bureauId = connection.endpoint.hostname;
    this.hubJwk = signingJwk(this.hubKey);
    const { bearerToken, clientId, clientSecret } = connection.credentials;
    if (bearerToken) this.bearer = bearerToken;
    else if (clientId && clientSecret) {
      this.bearer = new ClientCredentials({ tokenUrl: new URL('oauth2/client/token', this.base()).href, clientId, clientSecret, authentication: 'form', parse: fromSpdciToken });
    } else throw new Error('JUDICIAL credentials: give bearerToken, or clientId and clientSecret for the bureau\'s token API');
  }

  deliver(delivery: ReferralDelivery, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.submit(PATH.refer, ACTION.refer, toReferMessage(delivery), signal);
  }

  cancel(cancellation: ReferralCancellation, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.submit(PATH.withdraw, ACTION.withdraw, toWithdrawMessage(cancellation), signal);
  }

  supervise(notice: SupervisionNoticeMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.submit(PATH.supervise, ACTION.supervise, toSuperviseMessage(notice), signal);
  }

  /** The hub's signing key, for the bureau to verify the hub's requests by their kid (SPDCI JWKS API). */
  signingKeys(): Array<Record<string, string>> {
    return [{ ...this.hubJwk }];
  }

  /** Only the applicant's number goes, whole. */
  disclosedPersons(delivery: ReferralDelivery): string[] {
    return delivery.household.length > 0 ? [delivery.household[0].personId] : [];
  }

  /**
   * Asks the bureau what it decided so far. The specification's answer is an ACK now and a
   * `txn-on-status` callback later (read by readCallback, applied as a history): [] here. A bureau
   * that answers at once with the txn-on-status envelope is read too. Throws StatusQueryError when
   * the bureau refuses or cannot be reached.
   */
  async queryStatus(referralId: string, signal: AbortSignal): Promise<PartnerAnswer[]> {
    // The synchronous variant (/registry/sync/txn/status) where the bureau offers it; one that
    // answers 404, 405 or 501 there is asked the asynchronous way from then on.
    if (this.syncStatus !== false) {
      const reply = await this.postStatus(PATH.syncStatus, referralId, signal);
      if (reply.status !== 404 && reply.status !== 405 && reply.status !== 501) {
        this.syncStatus = true;
        return this.readStatusReply(reply, referralId);
      }
      this.syncStatus = false;
    }
    return this.readStatusReply(await this.postStatus(PATH.status, referralId, signal), referralId);
  }

  /** A TxnStatusRequest about the referral; a call that got no answer throws StatusQueryError. */
  private async postStatus(path: string, referralId: string, signal: AbortSignal): Promise<WireReply> {
    try {
      return await this.post(path, ACTION.status, toStatusRequest(randomUUID(), referralId), signal);
    } catch (error) {
      const failed = (error instanceof TokenFailure ? error.outcome : failedCall(error)) as { reason: string };
      throw new StatusQueryError(failed.reason, true);
    }
  }

  /**
   * The bureau's answer to a status query: an ACK (the answer follows by a txn-on-status callback:
   * []), or the answer itself as the synchronous variant gives it (`{ signature, header (a callback
   * header, action txn-on-status), message }`); a refusal or anything else throws StatusQueryError.
   */
  private readStatusReply(reply: WireReply, referralId: string): PartnerAnswer[] {
    const opened = this.openReply(reply);
    if (!('ok' in opened)) {
      const ack = fromAck(opened.message);
      if (!ack) throw new StatusQueryError('MALFORMED_REPLY', true);
      if (ack.ack_status !== 'ACK') throw new StatusQueryError(ackReason(ack), ack.ack_status === 'ERR');
      return [];
    }
    const answered = openCallback(reply.body, this.partnerKey, new Date());
    if ('problem' in answered) throw new StatusQueryError(opened.reason, opened.retryable);
    const sync = answered.header.action === ACTION.onStatus ? fromStatusResponse(answered.message) : null;
    if (!sync || sync.referralId !== referralId) throw new StatusQueryError('MALFORMED_REPLY', true);
    return sync.answers;
  }

  readCallback(request: CallbackRequest, now: Date): CallbackReading {
    const raw = request.rawBody.toString('utf8');
    // A refusal echoes the callback's correlation_id when it names one, else one of the hub's own.
    const echoed = (jsonOrNull(raw) as { message?: { correlation_id?: unknown } } | null)?.message?.correlation_id;
    const correlationOf = (fallback: string) => (typeof echoed === 'string' && echoed !== '' ? echoed : fallback);
    const refuse = (reason: string): CallbackReading => {
      const [status, code] = REFUSALS[reason];
      return { accepted: false, reason, reply: bareAnswer(status, { ack: 'ERR', correlationId: correlationOf(`hub-${randomUUID()}`), error: { code, message: reason } }, now) };
    };
    const opened = openCallback(raw, this.partnerKey, now);
    if ('problem' in opened) return refuse(opened.problem);
    const { header, message } = opened;
    if (header.sender_id !== undefined && header.sender_id !== this.bureauId) return refuse('WRONG_SENDER');
    if (header.receiver_id !== undefined && header.receiver_id !== this.senderId) return refuse('WRONG_RECEIVER');
    if (header.action !== ACTION.onRefer && header.action !== ACTION.onStatus) return refuse('UNKNOWN_ACTION');
    // A header-only callback is the specification's too: nothing in it to apply.
    let answers: PartnerAnswer[] = [];
    if (message !== undefined) {
      const read = header.action === ACTION.onRefer ? fromOnReferMessage(message) : fromStatusResponse(message)?.answers;
      if (!read) return refuse('MALFORMED_MESSAGE');
      answers = Array.isArray(read) ? read : [read];
    }
    const correlationId = correlationOf(answers[0]?.externalRef ?? answers[0]?.referralId ?? header.message_id);
    return {
      accepted: true,
      // Stable for a re-sent message (the bureau re-sends with the same message_id).
      messageId: header.message_id,
      nonce: opened.nonce,
      answers,
      // txn-on-status carries the whole history: only what the hub does not have yet is applied.
      history: header.action === ACTION.onStatus,
      // HTTP 200 with the bare answer, as the compliance suite's receivers answer: ACK (a duplicate is
      // acknowledged again, applied once), NACK for a valid message the hub cannot apply (no referral of it).
      reply: (result: CallbackResult) => bareAnswer(200, { ack: result === 'REJECTED' ? 'NACK' : 'ACK', correlationId }),
    };
  }

  private async submit(path: string, action: string, message: unknown, signal: AbortSignal): Promise<DeliveryOutcome> {
    let reply: WireReply;
    try {
      reply = await this.post(path, action, message, signal);
    } catch (error) {
      return error instanceof TokenFailure ? error.outcome : failedCall(error);
    }
    const opened = this.openReply(reply);
    if ('ok' in opened) return opened;
    const ack = fromAck(opened.message);
    if (!ack) return reply.status >= 200 && reply.status <= 299 ? MALFORMED_REPLY : failedStatus(reply.status);
    switch (ack.ack_status) {
      case 'ACK':
        return reply.status >= 200 && reply.status <= 299 ? { ok: true, externalRef: ack.correlation_id } : failedStatus(reply.status);
      case 'NACK':
        return { ok: false, retryable: false, reason: ackReason(ack) };
      case 'ERR':
        return { ok: false, retryable: true, reason: ackReason(ack) };
    }
  }

  /**
   * The partner's answer: the specification's bare ACK (`{ message }`, Response.yaml; a signature,
   * when one comes with it, must verify over the message), or a signed envelope; else the outcome
   * (a plain 5xx page, a bad signature …).
   */
  private openReply(reply: WireReply): Pick<G2pEnvelope, 'message'> & { header?: G2pHeader } | Extract<DeliveryOutcome, { ok: false }> {
    const bare = bareAck(reply.body, this.partnerKey);
    if (bare === 'BAD_SIGNATURE') return { ok: false, retryable: true, reason: 'BAD_REPLY_SIGNATURE' };
    if (bare) return bare;
    const opened = openEnvelope(reply.body, this.partnerKey, new Date());
    if ('envelope' in opened) return opened.envelope;
    if (reply.status < 200 || reply.status > 299) return failedStatus(reply.status) as Extract<DeliveryOutcome, { ok: false }>;
    if (opened.problem === 'UNSIGNED' || opened.problem === 'BAD_SIGNATURE') return { ok: false, retryable: true, reason: 'BAD_REPLY_SIGNATURE' };
    if (opened.problem === 'STALE_TIMESTAMP') return { ok: false, retryable: true, reason: 'STALE_REPLY' };
    return MALFORMED_REPLY as Extract<DeliveryOutcome, { ok: false }>;
  }

  /**
   * One request with the bearer token the specification's security scheme asks for. With client
   * credentials, a 401 takes a new token once and the request again once (still 401: retryable
   * TOKEN_REJECTED); a token endpoint that fails throws TokenFailure.
   */
  private async post(path: string, action: string, message: unknown, signal: AbortSignal): Promise<WireReply> {
    const url = new URL(path, this.base()).href;
    const attempt = (token: string) => {
      const header = newHeader({ action, senderId: this.senderId, receiverId: this.bureauId, senderUri: this.connection.callbackUrl });
      const headers = { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json', Authorization: `Bearer ${token}` };
      return send(url, { headers, body: seal(header, message, this.hubKey, this.hubJwk.kid) }, signal);
    };
    if (typeof this.bearer === 'string') return attempt(this.bearer);
    const token = await this.bearer.accessToken(signal);
    const reply = await attempt(token);
    if (reply.status !== 401) return reply;
    this.bearer.forget(token);
    const again = await attempt(await this.bearer.accessToken(signal));
    if (again.status === 401) throw new TokenFailure({ ok: false, retryable: true, reason: 'TOKEN_REJECTED' });
    return again;
  }

  private base(): URL | string {
    return this.connection.endpoint.href.endsWith('/') ? this.connection.endpoint : `${this.connection.endpoint.href}/`;
  }
}

/** The token API's answer (G2P Connect authz, OAuth2ClientTokenResponse: expires_in is a string there). */
export function fromSpdciToken(body: unknown): TokenGrant | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.access_token !== 'string' || !/^[A-Za-z0-9\-._~+/]{1,4096}=*$/.test(b.access_token)) return null;
  if (typeof b.token_type !== 'string' || b.token_type.toLowerCase() !== 'bearer') return null;
  const expires = b.expires_in === undefined ? 300 : Number(b.expires_in);
  return Number.isSafeInteger(expires) && expires > 0 ? { accessToken: b.access_token, expiresInSeconds: expires } : null;
}

export const judicialProtocol: PartnerProtocol = {
  name: PROTOCOL,
  department: Department.JUDICIAL,
  credentialKeys: ['hubPrivateKey', 'senderId'],
  // The bureau's key: given, or its JWKS URL. The bearer token: a fixed one, or client credentials
  // for the bureau's token API (<endpoint>/oauth2/client/token).
  optionalCredentialKeys: ['partnerPublicKey', 'partnerJwksUrl', 'bearerToken', 'clientId', 'clientSecret'],
  create: (connection) => new JudicialAdapter(connection),
};
