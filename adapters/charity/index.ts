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
import { failedCall, failedStatus, jsonOrNull, send } from '../shared/http';
import { fromCharityEvent, toCharityCancellation, toCharityReferral, toCharitySupervision } from './mapping';

// CHARITY — a plain webhook (慈善总会): a JSON POST signed with HMAC-SHA256 in a header; any 2xx
// means taken. Its callbacks come the same way, signed with a second secret.
//   POST <endpoint>/referrals              deliver    Idempotency-Key: <referralId>
//   POST <endpoint>/referrals/<id>/cancel  cancel     Idempotency-Key: <referralId>
//   POST <endpoint>/referrals/<id>/supervision  a supervision notice (督办单)  Idempotency-Key: <noticeId>
//   headers X-Hub-Timestamp (unix seconds), X-Hub-Nonce, X-Hub-Signature: sha256=<hex hmac of "<ts>.<nonce>.<body>">

export const PROTOCOL = 'webhook';

const SCHEME = new HmacHeaderScheme({ timestamp: 'X-Hub-Timestamp', nonce: 'X-Hub-Nonce', signature: 'X-Hub-Signature' }, 'sha256=');

export function signedHeaders(secret: string, body: string, now = new Date()): Record<string, string> {
  return SCHEME.sign(secret, body, now);
}

/** Checks the three signing headers over the raw body; the reason code when they do not hold. */
export function signatureProblem(secret: string, headers: Record<string, string | undefined>, rawBody: Buffer, now: Date): string | null {
  return SCHEME.problem(secret, headers, rawBody, now);
}

const json = (status: number, body: unknown): HttpReply => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });

export class CharityAdapter implements DepartmentAdapter {
  readonly department = Department.CHARITY;
  readonly protocol = PROTOCOL;

  constructor(private readonly connection: PartnerConnection) {}

  deliver(delivery: ReferralDelivery, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.post('/referrals', delivery.referralId, JSON.stringify(toCharityReferral(delivery)), signal);
  }

  cancel(cancellation: ReferralCancellation, signal: AbortSignal): Promise<DeliveryOutcome> {
    const path = `/referrals/${encodeURIComponent(cancellation.referralId)}/cancel`;
    return this.post(path, cancellation.referralId, JSON.stringify(toCharityCancellation(cancellation)), signal);
  }

  supervise(notice: SupervisionNoticeMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    const path = `/referrals/${encodeURIComponent(notice.referralId)}/supervision`;
    return this.post(path, notice.noticeId, JSON.stringify(toCharitySupervision(notice)), signal);
  }

  disclosedPersons(): string[] {
    return []; // the number goes masked
  }

  readCallback(request: CallbackRequest, now: Date): CallbackReading {
    return SCHEME.readJsonCallback(this.connection.credentials.callbackSecret, request, now, fromCharityEvent, {
      refused: (status, reason) => json(status, { error: reason }),
      taken: (result) => (result === 'REJECTED' ? json(409, { status: 'rejected' }) : json(200, { status: result === 'DUPLICATE' ? 'duplicate' : 'ok' })),
    });
  }

  private async post(path: string, key: string, body: string, signal: AbortSignal): Promise<DeliveryOutcome> {
    const url = new URL(path.replace(/^\//, ''), this.connection.endpoint.href.endsWith('/') ? this.connection.endpoint : `${this.connection.endpoint.href}/`);
    try {
      const reply = await send(url.href, { headers: { ...signedHeaders(this.connection.credentials.signingSecret, body), 'Idempotency-Key': key }, body }, signal);
      if (reply.status < 200 || reply.status > 299) return failedStatus(reply.status);
      const answer = jsonOrNull(reply.body) as { reference?: unknown } | null;
      return { ok: true, externalRef: typeof answer?.reference === 'string' ? answer.reference.slice(0, 100) : null };
    } catch (error) {
      return failedCall(error);
    }
  }
}

export const charityProtocol: PartnerProtocol = {
  name: PROTOCOL,
  department: Department.CHARITY,
  credentialKeys: ['signingSecret', 'callbackSecret'],
  create: (connection) => new CharityAdapter(connection),
};
