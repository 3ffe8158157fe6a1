import { randomUUID } from 'node:crypto';
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
import { freshInstant, hmacSha256Base64, sameSecret } from '../shared/signing';
import { failedCall, failedStatus, jsonOrNull, MALFORMED_REPLY, send } from '../shared/http';
import { acceptNoOf, fromMedicalCallback, insuredMembers, stringToSign, toMedicalCancellation, toMedicalReferral, toMedicalSupervision } from './mapping';

// MEDICAL — JSON behind the bureau's signing API gateway (医保局 开放网关). Every request, both
// ways, carries an app key, a millisecond timestamp, a one-time nonce and a base64 HMAC-SHA256 of
// "<METHOD>\n<path>\n<timestamp>\n<nonce>\n<hex SHA-256 of body>": the hub signs with appSecret,
// the bureau signs its callbacks with callbackSecret (same app key).
//   POST <endpoint>/referrals              deliver   X-Idempotency-Key: <referralId>
//   POST <endpoint>/referrals/<id>/cancel  cancel    X-Idempotency-Key: <referralId>
//   POST <endpoint>/referrals/<id>/supervision  a supervision notice (督办单)  X-Idempotency-Key: <noticeId>
//   answers { code: "0", data: { acceptNo } }; errors { code, message } with 4xx/5xx

export const PROTOCOL = 'medical-gateway';
export const HEADER = { key: 'x-ca-key', timestamp: 'x-ca-timestamp', nonce: 'x-ca-nonce', signature: 'x-ca-signature' } as const;
/** How far a timestamp may be from the receiver's clock, either side (5 minutes). */

/** The gateway's refusals of a request it never looked into: the hub's credentials or clock, not the referral. */
export const GATEWAY_CODES = ['MISSING_SIGNATURE', 'INVALID_APP_KEY', 'TIMESTAMP_EXPIRED', 'NONCE_USED', 'INVALID_SIGNATURE'] as const;
export type GatewayCode = (typeof GATEWAY_CODES)[number];

export function signedHeaders(appKey: string, secret: string, method: string, path: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = String(now.getTime());
  const nonce = randomUUID();
  return {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Ca-Key': appKey,
    'X-Ca-Timestamp': timestamp,
    'X-Ca-Nonce': nonce,
    'X-Ca-Signature': hmacSha256Base64(secret, stringToSign(method, path, timestamp, nonce, body)),
  };
}

/**
 * Checks the gateway headers of a request over its raw body; the gateway's code when they do not
 * hold. `paths`: the paths the sender may have signed (the one it posted to, as each side sees it).
 * Nonce reuse is the receiver's own check.
 */
export function gatewayProblem(
  appKey: string,
  secret: string,
  method: string,
  paths: string[],
  headers: Record<string, string | undefined>,
  rawBody: Buffer,
  now: Date,
): GatewayCode | null {
  const key = headers[HEADER.key];
  const timestamp = headers[HEADER.timestamp];
  const nonce = headers[HEADER.nonce];
  const signature = headers[HEADER.signature];
  if (!key || !timestamp || !nonce || !signature) return 'MISSING_SIGNATURE';
  if (!sameSecret(key, appKey)) return 'INVALID_APP_KEY';
  if (!/^\d{13}$/.test(timestamp) || !freshInstant(Number(timestamp), now)) return 'TIMESTAMP_EXPIRED';
  if (!/^[\w-]{8,64}$/.test(nonce)) return 'INVALID_SIGNATURE';
  const signed = paths.some((path) => sameSecret(hmacSha256Base64(secret, stringToSign(method, path, timestamp, nonce, rawBody)), signature));
  return signed ? null : 'INVALID_SIGNATURE';
}

/** The hub's reason code for a callback the gateway headers refuse. */
const CALLBACK_REASON: Record<GatewayCode, string> = {
  MISSING_SIGNATURE: 'UNSIGNED',
  INVALID_APP_KEY: 'UNKNOWN_APP_KEY',
  TIMESTAMP_EXPIRED: 'STALE_TIMESTAMP',
  NONCE_USED: 'REPLAYED_NONCE',
  INVALID_SIGNATURE: 'BAD_SIGNATURE',
};

const json = (status: number, code: string, message: string): HttpReply => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify({ code, message }),
});

export class MedicalAdapter implements DepartmentAdapter {
  readonly department = Department.MEDICAL;
  readonly protocol = PROTOCOL;

  constructor(private readonly connection: PartnerConnection) {}

  async deliver(delivery: ReferralDelivery, signal: AbortSignal): Promise<DeliveryOutcome> {
    if (delivery.household.length === 0) return { ok: false, retryable: false, reason: 'NO_APPLICANT' };
    return this.post('referrals', delivery.referralId, JSON.stringify(toMedicalReferral(delivery)), signal);
  }

  cancel(cancellation: ReferralCancellation, signal: AbortSignal): Promise<DeliveryOutcome> {
    const path = `referrals/${encodeURIComponent(cancellation.referralId)}/cancel`;
    return this.post(path, cancellation.referralId, JSON.stringify(toMedicalCancellation(cancellation)), signal);
  }

  supervise(notice: SupervisionNoticeMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    const path = `referrals/${encodeURIComponent(notice.referralId)}/supervision`;
    return this.post(path, notice.noticeId, JSON.stringify(toMedicalSupervision(notice)), signal);
  }

  disclosedPersons(delivery: ReferralDelivery): string[] {
    return insuredMembers(delivery).map((p) => p.personId);
  }

  readCallback(request: CallbackRequest, now: Date): CallbackReading {
    const { appKey, callbackSecret } = this.connection.credentials;
    // The bureau signs the path it was given; a proxy in front of the hub may show another.
    const paths = [...new Set([new URL(this.connection.callbackUrl).pathname, request.path.split('?')[0]])];
    const problem = gatewayProblem(appKey, callbackSecret, request.method, paths, request.headers, request.rawBody, now);
    if (problem) {
      return { accepted: false, reason: CALLBACK_REASON[problem], reply: json(problem === 'INVALID_APP_KEY' ? 403 : 401, problem, '签名校验未通过') };
    }
    const message = fromMedicalCallback(jsonOrNull(request.rawBody.toString('utf8')));
    if (!message) return { accepted: false, reason: 'MALFORMED', reply: json(400, 'INVALID_PARAM', '报文格式不正确') };
    return {
      accepted: true,
      messageId: message.messageId,
      nonce: request.headers[HEADER.nonce] ?? null,
      answers: [message.answer],
      reply: (result) =>
        result === 'REJECTED' ? json(409, 'REJECTED', '转办平台未受理该消息') : json(200, '0', result === 'DUPLICATE' ? '重复消息，已处理' : '成功'),
    };
  }

  private async post(relative: string, key: string, body: string, signal: AbortSignal): Promise<DeliveryOutcome> {
    const base = this.connection.endpoint.href.endsWith('/') ? this.connection.endpoint.href : `${this.connection.endpoint.href}/`;
    const url = new URL(relative, base);
    const { appKey, appSecret } = this.connection.credentials;
    const headers = { ...signedHeaders(appKey, appSecret, 'POST', url.pathname, body), 'X-Idempotency-Key': key };
    try {
      const reply = await send(url.href, { headers, body }, signal);
      const answer = jsonOrNull(reply.body) as { code?: unknown } | null;
      if (reply.status < 200 || reply.status > 299) {
        // Refused at the gate: the referral was never judged, so a fix of the credentials or the clock lets it through.
        const code = answer?.code;
        if ((reply.status === 401 || reply.status === 403) && GATEWAY_CODES.includes(code as GatewayCode)) {
          return { ok: false, retryable: true, reason: `GATEWAY_${code as GatewayCode}` };
        }
        return failedStatus(reply.status);
      }
      const acceptNo = acceptNoOf(answer);
      if (acceptNo !== null) return { ok: true, externalRef: acceptNo };
      // A business code other than "0" in a 2xx answer: the bureau refused the content.
      if (typeof answer?.code === 'string' && answer.code !== '0') return { ok: false, retryable: false, reason: 'REFUSED' };
      return MALFORMED_REPLY;
    } catch (error) {
      return failedCall(error);
    }
  }
}

export const medicalProtocol: PartnerProtocol = {
  name: PROTOCOL,
  department: Department.MEDICAL,
  credentialKeys: ['appKey', 'appSecret', 'callbackSecret'],
  create: (connection) => new MedicalAdapter(connection),
};
