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
import { failedCall, failedStatus, MALFORMED_REPLY, send } from '../shared/http';
import { cancelXml, fromEducationNotice, receiptOf, studentsOf, submitXml, superviseXml, toEducationCancellation, toEducationReferral, toEducationSupervision } from './mapping';
import { envelope, faultOf, Operation, parseEnvelope, securityHeader, soapAction } from './soap';

// EDUCATION — the education bureau's student financial aid service (教育局 学生资助): SOAP 1.1,
// document/literal, WS-Security UsernameToken with PasswordDigest. The WSDL is at <endpoint>?wsdl.
//   POST <endpoint>  SOAPAction "urn:edu:xszz:hub:1/SubmitAssistanceReferral"  deliver (key: ReferralId)
//   POST <endpoint>  SOAPAction "urn:edu:xszz:hub:1/CancelAssistanceReferral"  cancel  (key: ReferralId)
//   POST <endpoint>  SOAPAction "urn:edu:xszz:hub:1/SuperviseAssistanceReferral"  a supervision notice (督办单) (key: NoticeId)
// Success: 200 with <…Response><ReceiptNo/>; failure: 500 with a SOAP Fault. The bureau reports
// back on its JSON notification channel, signed with HMAC-SHA256 (callbackSecret) in headers.

export const PROTOCOL = 'soap';

const CALLBACK_SCHEME = new HmacHeaderScheme({ timestamp: 'X-Xszz-Timestamp', nonce: 'X-Xszz-Nonce', signature: 'X-Xszz-Signature' });

/** The headers of a callback the bureau sends (fresh timestamp and nonce each time). */
export function signedHeaders(secret: string, body: string, now = new Date()): Record<string, string> {
  return CALLBACK_SCHEME.sign(secret, body, now);
}

/** Checks a callback's signing headers over the raw body; the reason code when they do not hold. */
export function signatureProblem(secret: string, headers: Record<string, string | undefined>, rawBody: Buffer, now: Date): string | null {
  return CALLBACK_SCHEME.problem(secret, headers, rawBody, now);
}

/**
 * What a Fault's code means for the hub. Client: the bureau refuses the content (sending it again
 * cannot help). Server: its trouble, try later. MessageExpired: the Created was off; the next try
 * carries a fresh one. Other WS-Security codes: the bureau refused the hub's credentials — retried
 * (the hubs' rule for every protocol: the content was never judged; the breaker opens and an
 * operator who fixes the credentials lets the waiting rows through without retrying each).
 */
export function faultOutcome(code: string): DeliveryOutcome {
  if (/^Client(\.|$)/.test(code)) return { ok: false, retryable: false, reason: 'SOAP_FAULT_CLIENT' };
  if (/^Server(\.|$)/.test(code)) return { ok: false, retryable: true, reason: 'SOAP_FAULT_SERVER' };
  if (code === 'MessageExpired') return { ok: false, retryable: true, reason: 'SOAP_FAULT_EXPIRED' };
  if (['FailedAuthentication', 'InvalidSecurity', 'InvalidSecurityToken', 'UnsupportedSecurityToken', 'FailedCheck', 'SecurityTokenUnavailable'].includes(code)) {
    return { ok: false, retryable: true, reason: 'SOAP_FAULT_SECURITY' };
  }
  return { ok: false, retryable: false, reason: 'SOAP_FAULT_OTHER' }; // VersionMismatch, MustUnderstand: the hub's side must change
}

/** Reads the bureau's HTTP answer to an operation. A Fault counts only with HTTP 500, as SOAP 1.1 says. */
export function readOperationReply(operation: Operation, status: number, body: string): DeliveryOutcome {
  if (status >= 200 && status <= 299) {
    const parsed = parseEnvelope(body);
    const receipt = parsed ? receiptOf(parsed.body, operation) : null;
    return receipt ? { ok: true, externalRef: receipt } : MALFORMED_REPLY;
  }
  if (status === 500) {
    const parsed = parseEnvelope(body);
    const fault = parsed ? faultOf(parsed.body) : null;
    if (fault) return faultOutcome(fault.code);
  }
  return failedStatus(status);
}

const json = (status: number, body: unknown): HttpReply => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });

export class EducationAdapter implements DepartmentAdapter {
  readonly department = Department.EDUCATION;
  readonly protocol = PROTOCOL;

  constructor(private readonly connection: PartnerConnection) {}

  deliver(delivery: ReferralDelivery, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.call('SubmitAssistanceReferral', submitXml(toEducationReferral(delivery)), signal);
  }

  cancel(cancellation: ReferralCancellation, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.call('CancelAssistanceReferral', cancelXml(toEducationCancellation(cancellation)), signal);
  }

  /** The ask only; the bureau answers it through the hub's API (answerSupervisionNotice), not over SOAP. */
  supervise(notice: SupervisionNoticeMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.call('SuperviseAssistanceReferral', superviseXml(toEducationSupervision(notice)), signal);
  }

  /** The students: each goes with the whole identity number. */
  disclosedPersons(delivery: ReferralDelivery): string[] {
    return studentsOf(delivery).map((p) => p.personId);
  }

  readCallback(request: CallbackRequest, now: Date): CallbackReading {
    return CALLBACK_SCHEME.readJsonCallback(this.connection.credentials.callbackSecret, request, now, fromEducationNotice, {
      refused: (status, reason) => json(status, { success: false, code: reason }),
      taken: (result) => (result === 'REJECTED' ? json(409, { success: false, code: 'REJECTED' }) : json(200, { success: true, code: result === 'DUPLICATE' ? 'DUPLICATE' : 'OK' })),
    });
  }

  private async call(operation: Operation, bodyXml: string, signal: AbortSignal): Promise<DeliveryOutcome> {
    const { username, password } = this.connection.credentials;
    // A fresh nonce and Created per request, retries included: the bureau refuses a nonce twice.
    const xml = envelope(bodyXml, securityHeader(username, password));
    try {
      const headers = { 'Content-Type': 'text/xml; charset=utf-8', Accept: 'text/xml', SOAPAction: `"${soapAction(operation)}"` };
      const reply = await send(this.connection.endpoint.href, { headers, body: xml }, signal);
      return readOperationReply(operation, reply.status, reply.body);
    } catch (error) {
      return failedCall(error);
    }
  }
}

export const educationProtocol: PartnerProtocol = {
  name: PROTOCOL,
  department: Department.EDUCATION,
  credentialKeys: ['username', 'password', 'callbackSecret'],
  create: (connection) => new EducationAdapter(connection),
};
