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
import { failedCall, failedStatus, jsonOrNull, MALFORMED_REPLY, retryableStatus, send } from '../shared/http';
import { fromAcceptResult, fromEmploymentNotice, jobSeekersOf, toEmploymentCancellation, toEmploymentReferral, toEmploymentSupervision } from './mapping';
import { openSealed, openSealedAsync, SealProblem, seal, sealAsync, Signer, signerOf, validPrivateKey, validPublicKey } from './signing';

// EMPLOYMENT — the human resources and social security bureau's employment assistance service
// (人社局 就业援助): JSON signed with SM2 over SM3 (国密), both ways.
//   POST <endpoint>/jyfw/referrals              deliver  bizContent.referralId is the idempotency key
//   POST <endpoint>/jyfw/referrals/<id>/cancel  cancel   same key
//   POST <endpoint>/jyfw/referrals/<id>/supervision  a supervision notice (督办单)  bizContent.noticeId is the key
// Body { timestamp, nonce, bizContent: "<JSON>", sign } signed with the hub's private key; the
// bureau answers { code, msg, timestamp, nonce, bizContent?, sign } signed with its own, and the hub
// verifies every answer and callback with the bureau's public key.

export const PROTOCOL = 'sm2-json';

/** The bureau's answer codes. */
export const CODE = {
  OK: '0000',
  BAD_SIGNATURE: '1001', // 验签失败
  STALE_TIMESTAMP: '1002', // 时间戳超出允许范围
  NONCE_REPLAYED: '1003', // nonce 重复
  BAD_CONTENT: '2001', // 业务参数校验失败
  NOT_APPLIED: '2002', // 接收方未处理该消息
  BUSY: '5000', // 系统繁忙
} as const;

export const REQUEST_SHAPE = { required: ['bizContent'], optional: ['appId'] } as const;
export const ANSWER_SHAPE = { required: ['code', 'msg'], optional: ['bizContent'] } as const;
export const CALLBACK_SHAPE = { required: ['bizContent'] } as const;

/** A refused code's outcome: the bureau refusing the content is final; a refused signature (the hub's key) is retried, as every protocol's credential refusal is; the rest may pass later. */
export function codeOutcome(code: string, status: number): DeliveryOutcome {
  switch (code) {
    case CODE.BAD_SIGNATURE:
      return { ok: false, retryable: true, reason: 'SIGNATURE_REFUSED' };
    case CODE.STALE_TIMESTAMP:
      return { ok: false, retryable: true, reason: 'TIMESTAMP_REFUSED' };
    case CODE.NONCE_REPLAYED:
      return { ok: false, retryable: true, reason: 'NONCE_REFUSED' };
    case CODE.BAD_CONTENT:
      return { ok: false, retryable: false, reason: 'CONTENT_REFUSED' };
    case CODE.BUSY:
      return { ok: false, retryable: true, reason: 'PARTNER_BUSY' };
    default:
      return /^\d{4}$/.test(code) ? { ok: false, retryable: code.startsWith('5') || retryableStatus(status), reason: `CODE_${code}` } : MALFORMED_REPLY;
  }
}

/** What a taken answer must name: the referral (its id), or for a supervision notice the referral and the notice. */
export type AnswerSubject = string | { referralId: string; noticeId: string };

/**
 * Reads the bureau's answer to a request about `subject`. Success needs a 2xx, a valid
 * signature, code 0000 and a bizContent naming that referral (and notice); a 2xx that is not so is
 * MALFORMED_REPLY. A refusal is read by its code only when signed; otherwise by its HTTP status.
 */
export function readAnswer(status: number, body: string, subject: AnswerSubject, bureauPublicKey: string, now = new Date()): DeliveryOutcome {
  return outcomeOf(status, openSealed(jsonOrNull(body), bureauPublicKey, now, ANSWER_SHAPE), subject);
}

/** readAnswer, the signature verified on the worker thread (the delivery path). */
export async function readAnswerAsync(status: number, body: string, subject: AnswerSubject, bureauPublicKey: string, now = new Date()): Promise<DeliveryOutcome> {
  return outcomeOf(status, await openSealedAsync(jsonOrNull(body), bureauPublicKey, now, ANSWER_SHAPE), subject);
}

function outcomeOf(status: number, opened: { fields: Record<string, string> } | { problem: SealProblem }, subject: AnswerSubject): DeliveryOutcome {
  const ok2xx = status >= 200 && status <= 299;
  if ('problem' in opened) return ok2xx ? MALFORMED_REPLY : failedStatus(status);
  const { code, bizContent } = opened.fields;
  if (code !== CODE.OK) return codeOutcome(code, status);
  if (!ok2xx) return failedStatus(status);
  const result = fromAcceptResult(jsonOrNull(bizContent ?? ''));
  const { referralId, noticeId } = typeof subject === 'string' ? { referralId: subject, noticeId: undefined } : subject;
  // A notice's answer must name the notice: an answer about another one is not this one taken.
  return result && result.referralId === referralId && result.noticeId === noticeId ? { ok: true, externalRef: result.acceptNo } : MALFORMED_REPLY;
}

const REFUSAL: Record<SealProblem, { status: number; code: string; msg: string }> = {
  MALFORMED: { status: 400, code: CODE.BAD_CONTENT, msg: '报文格式错误' },
  UNSIGNED: { status: 401, code: CODE.BAD_SIGNATURE, msg: '缺少签名' },
  BAD_SIGNATURE: { status: 401, code: CODE.BAD_SIGNATURE, msg: '验签失败' },
  BAD_NONCE: { status: 401, code: CODE.BAD_SIGNATURE, msg: 'nonce 格式错误' },
  STALE_TIMESTAMP: { status: 401, code: CODE.STALE_TIMESTAMP, msg: '时间戳超出允许范围' },
};

/** A signed JSON answer, as both sides write them. */
export function signedAnswer(signer: Signer, status: number, code: string, msg: string, biz?: unknown): HttpReply {
  const fields: Record<string, string> = { code, msg, ...(biz === undefined ? {} : { bizContent: JSON.stringify(biz) }) };
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(seal(fields, signer)) };
}

/** The answer to a request refused for `problem`. */
export const refusal = (signer: Signer, problem: SealProblem): HttpReply => signedAnswer(signer, REFUSAL[problem].status, REFUSAL[problem].code, REFUSAL[problem].msg);

/** refusal, signed on the worker thread. */
export async function refusalAsync(signer: Signer, problem: SealProblem): Promise<HttpReply> {
  const { status, code, msg } = REFUSAL[problem];
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(await sealAsync({ code, msg }, signer)) };
}

export class EmploymentAdapter implements DepartmentAdapter {
  readonly department = Department.EMPLOYMENT;
  readonly protocol = PROTOCOL;
  private readonly hub: Signer;
  private readonly bureauPublicKey: string;

  constructor(private readonly connection: PartnerConnection) {
    const { hubPrivateKey, partnerPublicKey } = connection.credentials;
    // Checked at start-up, so a mistyped key fails there rather than on every delivery (no key in the message).
    if (!validPrivateKey(hubPrivateKey)) throw new Error('EMPLOYMENT credentials.hubPrivateKey: expected an SM2 private key, 64 hex digits');
    if (!validPublicKey(partnerPublicKey)) throw new Error('EMPLOYMENT credentials.partnerPublicKey: expected an uncompressed SM2 public key on the curve, 04 followed by 128 hex digits');
    this.hub = signerOf(hubPrivateKey);
    this.bureauPublicKey = partnerPublicKey.toLowerCase();
  }

  deliver(delivery: ReferralDelivery, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.post('jyfw/referrals', delivery.referralId, toEmploymentReferral(delivery), signal);
  }

  cancel(cancellation: ReferralCancellation, signal: AbortSignal): Promise<DeliveryOutcome> {
    return this.post(`jyfw/referrals/${encodeURIComponent(cancellation.referralId)}/cancel`, cancellation.referralId, toEmploymentCancellation(cancellation), signal);
  }

  /** Sealed like a cancellation; the bureau answers the notice through the hub's API (answerSupervisionNotice), not here. */
  supervise(notice: SupervisionNoticeMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    const path = `jyfw/referrals/${encodeURIComponent(notice.referralId)}/supervision`;
    return this.post(path, { referralId: notice.referralId, noticeId: notice.noticeId }, toEmploymentSupervision(notice), signal);
  }

  /** The job seekers: each goes with the whole identity number. */
  disclosedPersons(delivery: ReferralDelivery): string[] {
    return jobSeekersOf(delivery).map((p) => p.personId);
  }

  /** Verified (and a refusal signed) on the worker thread: unsigned requests cannot hold the hub up. */
  async readCallback(request: CallbackRequest, now: Date): Promise<CallbackReading> {
    const opened = await openSealedAsync(jsonOrNull(request.rawBody.toString('utf8')), this.bureauPublicKey, now, CALLBACK_SHAPE);
    if ('problem' in opened) return { accepted: false, reason: opened.problem, reply: await refusalAsync(this.hub, opened.problem) };
    const notice = fromEmploymentNotice(jsonOrNull(opened.fields.bizContent));
    if (!notice) return { accepted: false, reason: 'MALFORMED', reply: await refusalAsync(this.hub, 'MALFORMED') };
    return {
      accepted: true,
      messageId: notice.messageId,
      nonce: opened.fields.nonce,
      answers: [notice.answer],
      reply: (result) =>
        result === 'REJECTED'
          ? signedAnswer(this.hub, 409, CODE.NOT_APPLIED, '转介不存在或状态不符，未处理')
          : signedAnswer(this.hub, 200, CODE.OK, result === 'DUPLICATE' ? '重复消息，已处理' : '成功'),
    };
  }

  private async post(path: string, subject: AnswerSubject, biz: unknown, signal: AbortSignal): Promise<DeliveryOutcome> {
    const base = this.connection.endpoint.href.endsWith('/') ? this.connection.endpoint.href : `${this.connection.endpoint.href}/`;
    // Sealed per attempt: a retry carries a fresh timestamp and nonce.
    const body = JSON.stringify(await sealAsync({ bizContent: JSON.stringify(biz) }, this.hub));
    try {
      const reply = await send(new URL(path, base).href, { headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' }, body }, signal);
      return await readAnswerAsync(reply.status, reply.body, subject, this.bureauPublicKey);
    } catch (error) {
      return failedCall(error);
    }
  }
}

export const employmentProtocol: PartnerProtocol = {
  name: PROTOCOL,
  department: Department.EMPLOYMENT,
  credentialKeys: ['hubPrivateKey', 'partnerPublicKey'],
  create: (connection) => new EmploymentAdapter(connection),
};
