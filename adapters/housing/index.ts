import { Department } from '../../src/access/roles';
import type {
  CallbackReading,
  CallbackRequest,
  DeliveryOutcome,
  DepartmentAdapter,
  HttpReply,
  PartnerConnection,
  PartnerProtocol,
  ReferralCancellation,
  ReferralDelivery,
  SupervisionNoticeMessage,
} from '../../src/delivery/department-adapter';
import { HmacHeaderScheme } from '../shared/hmac-headers';
import { failedCall, failedStatus, jsonOrNull, MALFORMED_REPLY, send, WireReply } from '../shared/http';
import { caseReferenceOf, fromHousingEvent, fromTokenResponse, toHousingCancellation, toHousingReferral, toHousingSupervision } from './mapping';
import { ClientCredentials, TokenFailure } from '../shared/client-credentials';

// HOUSING — a JSON API behind OAuth2 client credentials (住建局). The hub takes a bearer token
// from the bureau's token endpoint (HTTP Basic client authentication), keeps it until shortly
// before it expires, and on a 401 takes a new one once and repeats the request once.
//   POST <endpoint>/oauth/token                                   grant_type=client_credentials
//   POST <endpoint>/api/v1/assistance-referrals                   deliver   Idempotency-Key: <referralId>
//   POST <endpoint>/api/v1/assistance-referrals/<id>/cancellation cancel    Idempotency-Key: <referralId>
//   POST <endpoint>/api/v1/assistance-referrals/<id>/supervision-notices  a supervision notice (督办单)  Idempotency-Key: <noticeId>
// The bureau's callbacks are JSON events signed with callbackSecret:
//   X-Timestamp (unix seconds), X-Nonce, X-Signature: hex HMAC-SHA256 of "<timestamp>.<nonce>.<raw body>"

export const PROTOCOL = 'oauth2-json';

const SCHEME = new HmacHeaderScheme({ timestamp: 'X-Timestamp', nonce: 'X-Nonce', signature: 'X-Signature' });

export function signedHeaders(secret: string, body: string, now = new Date()): Record<string, string> {
  return SCHEME.sign(secret, body, now);
}

/** Checks the three signing headers over the raw body; the reason code when they do not hold. */
export function signatureProblem(secret: string, headers: Record<string, string | undefined>, rawBody: Buffer, now: Date): string | null {
  return SCHEME.problem(secret, headers, rawBody, now);
}

const json = (status: number, body: unknown): HttpReply => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });

export class HousingAdapter implements DepartmentAdapter {
  readonly department = Department.HOUSING;
  readonly protocol = PROTOCOL;
  private readonly tokens: ClientCredentials;

  /** `clock`: milliseconds now (tests move it past a token's lifetime). */
  constructor(
    private readonly connection: PartnerConnection,
    clock: () => number = Date.now,
  ) {
    const { clientId, clientSecret } = connection.credentials;
    this.tokens = new ClientCredentials({ tokenUrl: this.url('oauth/token'), clientId, clientSecret, authentication: 'basic', parse: fromTokenResponse, clock });
  }

  async deliver(delivery: ReferralDelivery, signal: AbortSignal): Promise<DeliveryOutcome> {
    const body = toHousingReferral(delivery);
    if (!body) return { ok: false, retryable: false, reason: 'NO_APPLICANT' };
    return this.call('api/v1/assistance-referrals', delivery.referralId, JSON.stringify(body), signal);
  }

  cancel(cancellation: ReferralCancellation, signal: AbortSignal): Promise<DeliveryOutcome> {
    const path = `api/v1/assistance-referrals/${encodeURIComponent(cancellation.referralId)}/cancellation`;
    return this.call(path, cancellation.referralId, JSON.stringify(toHousingCancellation(cancellation)), signal);
  }

  supervise(notice: SupervisionNoticeMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    const path = `api/v1/assistance-referrals/${encodeURIComponent(notice.referralId)}/supervision-notices`;
    return this.call(path, notice.noticeId, JSON.stringify(toHousingSupervision(notice)), signal);
  }

  disclosedPersons(delivery: ReferralDelivery): string[] {
    return delivery.household.slice(0, 1).map((p) => p.personId); // the applicant
  }

  readCallback(request: CallbackRequest, now: Date): CallbackReading {
    return SCHEME.readJsonCallback(this.connection.credentials.callbackSecret, request, now, fromHousingEvent, {
      refused: (status, reason) => json(status, { error: status === 400 ? 'invalid_event' : reason.toLowerCase() }),
      taken: (result) => (result === 'REJECTED' ? json(409, { error: 'rejected' }) : json(200, { received: true, duplicate: result === 'DUPLICATE' })),
    });
  }

  /** One API request with a bearer token; on 401 a new token, once, and the request again, once. */
  private async call(relative: string, key: string, body: string, signal: AbortSignal): Promise<DeliveryOutcome> {
    const url = this.url(relative);
    try {
      let token = await this.tokens.accessToken(signal);
      let reply = await this.post(url, token, key, body, signal);
      if (reply.status === 401) {
        this.tokens.forget(token);
        token = await this.tokens.accessToken(signal);
        reply = await this.post(url, token, key, body, signal);
        if (reply.status === 401) return { ok: false, retryable: true, reason: 'TOKEN_REJECTED' };
      }
      if (reply.status < 200 || reply.status > 299) return failedStatus(reply.status);
      const reference = caseReferenceOf(jsonOrNull(reply.body));
      return reference === null ? MALFORMED_REPLY : { ok: true, externalRef: reference };
    } catch (error) {
      return error instanceof TokenFailure ? error.outcome : failedCall(error);
    }
  }

  private post(url: string, token: string, key: string, body: string, signal: AbortSignal): Promise<WireReply> {
    const headers = { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': key };
    return send(url, { headers, body }, signal);
  }

  private url(relative: string): string {
    const base = this.connection.endpoint.href.endsWith('/') ? this.connection.endpoint.href : `${this.connection.endpoint.href}/`;
    return new URL(relative, base).href;
  }
}

export const housingProtocol: PartnerProtocol = {
  name: PROTOCOL,
  department: Department.HOUSING,
  credentialKeys: ['clientId', 'clientSecret', 'callbackSecret'],
  create: (connection) => new HousingAdapter(connection),
};
