import type { PartnerAnswer } from '../../src/delivery/department-adapter';
import { FRESHNESS_WINDOW_MS, freshInstant, sameSecret } from '../shared/signing';
import { scheduleAnswers, Simulator, SimulatorOptions, SimulatorReply, startSimulatorServer } from '../shared/simulator-kit';
import { signedHeaders } from './index';
import { fromCancelBody, fromSubmitBody, fromSuperviseBody, responseXml, toEducationNotice } from './mapping';
import { envelope, faultEnvelope, operationOf, parseEnvelope, PASSWORD_DIGEST, passwordDigest, usernameToken } from './soap';
import { wsdl } from './wsdl';

// The education bureau's student financial aid service, simulated: serves its WSDL, checks the
// hub's WS-Security UsernameToken (digest, 5-minute Created window, nonce used once), applies each
// referral once (ReferralId) and each supervision notice once (NoticeId; only on a referral it
// received), answers with a ReceiptNo or a SOAP 1.1 Fault (HTTP 500), and reports back on its JSON
// notification channel signed with the callback secret.

export const SERVICE_PATH = '/xszz/services/AssistanceReferral';

export interface EducationSimulatorOptions extends SimulatorOptions {
  username: string;
  password: string;
  callbackSecret: string;
  /** The hub's callback endpoint for this department. */
  callbackUrl: string;
}

export interface EducationSimulator extends Simulator {
  /** The service URL to put in the partner file (its WSDL: `<endpoint>?wsdl`). */
  endpoint: string;
}

/** The fault for a referral the bureau does not hold: a Client fault, so the hub does not retry it. */
export const NOT_FOUND = 'soap:Client.ReferralNotFound';

const CREATED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export async function startEducationSimulator(options: EducationSimulatorOptions): Promise<EducationSimulator> {
  let sim: Simulator;
  // Nonces seen, by when; kept twice the Created window, after which a replay is refused as expired anyway.
  const nonces = new Map<string, number>();
  const xml = (status: number, body: string): SimulatorReply => ({ status, contentType: 'text/xml; charset=utf-8', body });
  const plain = (status: number, body: string): SimulatorReply => ({ status, contentType: 'text/plain; charset=utf-8', body });
  const fault = (code: string, text: string): SimulatorReply => xml(500, faultEnvelope(code, text));

  const sendCallback = async (answer: PartnerAnswer): Promise<number> => {
    // One message id per answer: a repeated callback is the same message, with a fresh nonce.
    const body = JSON.stringify(toEducationNotice(`XSZZ-${answer.referralId}-${answer.kind}`, answer));
    const res = await fetch(options.callbackUrl, { method: 'POST', headers: signedHeaders(options.callbackSecret, body), body, signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  };

  /** The WS-Security check a WSS4J-style stack makes; the Fault to answer, or null. */
  function securityFault(header: Record<string, unknown> | null, now: number): SimulatorReply | null {
    const token = usernameToken(header);
    if (!token) return fault('wsse:InvalidSecurity', '缺少 WS-Security UsernameToken。');
    if (token.passwordType !== PASSWORD_DIGEST) return fault('wsse:UnsupportedSecurityToken', '只接受 PasswordDigest 口令摘要。');
    const created = CREATED.test(token.created) ? Date.parse(token.created) : NaN;
    if (!BASE64.test(token.nonce) || Buffer.from(token.nonce, 'base64').length < 16 || Number.isNaN(created)) return fault('wsse:InvalidSecurity', 'Nonce 或 Created 格式错误。');
    if (!freshInstant(created, now)) return fault('wsse:MessageExpired', 'Created 与服务器时间相差超过5分钟。');
    const digestOk = sameSecret(passwordDigest(token.nonce, token.created, options.password), token.password);
    if (!sameSecret(token.username, options.username) || !digestOk) return fault('wsse:FailedAuthentication', '用户名或口令摘要错误。');
    for (const [seen, at] of nonces) if (now - at > 2 * FRESHNESS_WINDOW_MS) nonces.delete(seen);
    if (nonces.has(token.nonce)) return fault('wsse:InvalidSecurity', 'Nonce 已使用过（重放）。');
    nonces.set(token.nonce, now);
    return null;
  }

  sim = await startSimulatorServer((request) => {
    const [path, query] = request.url.split('?');
    if (path !== SERVICE_PATH) return plain(404, 'not found');
    if (request.method === 'GET' && query?.toLowerCase() === 'wsdl') {
      const host = request.headers.host ?? `127.0.0.1:${sim.port}`;
      return xml(200, wsdl(`http://${host}${SERVICE_PATH}`));
    }
    if (request.method !== 'POST') return plain(405, 'method not allowed');
    if (!/^text\/xml\b/i.test(request.headers['content-type'] ?? '')) return plain(415, 'SOAP 1.1 requires text/xml');
    const header = request.headers.soapaction;
    const operation = operationOf(Array.isArray(header) ? header[0] : header);
    if (!operation) return fault('soap:Client', '未知的 SOAPAction。');
    const parsed = parseEnvelope(request.rawBody.toString('utf8'));
    if (!parsed) return fault('soap:Client', '报文不是有效的 SOAP 1.1 信封。');
    const refused = securityFault(parsed.header, Date.now());
    if (refused) return refused;
    if (!(operation in parsed.body)) return fault('soap:Client', 'SOAPAction 与报文体不一致。');

    if (operation === 'SubmitAssistanceReferral') {
      const referral = fromSubmitBody(parsed.body);
      if (!referral) return fault('soap:Client', '转介内容不完整或有误（学生姓名、身份证号码、学段）。');
      const { entry, fresh } = sim.ledger.apply(referral.referralId, 'DELIVER', referral);
      if (fresh) scheduleAnswers(referral.referralId, entry.ref, sim, sendCallback);
      return xml(200, envelope(responseXml(operation, entry.ref)));
    }
    if (operation === 'SuperviseAssistanceReferral') {
      const notice = fromSuperviseBody(parsed.body);
      if (!notice) return fault('soap:Client', '督办单内容不完整或有误。');
      // A notice on a referral the bureau never received has nothing to supervise (未找到转介).
      if (!sim.ledger.has(notice.referralId, 'DELIVER')) return fault(NOT_FOUND, '未找到该转介（ReferralId 未受理）。');
      const { entry } = sim.ledger.apply(notice.noticeId, 'NOTICE', notice);
      return xml(200, envelope(responseXml(operation, entry.ref)));
    }
    const cancellation = fromCancelBody(parsed.body);
    if (!cancellation) return fault('soap:Client', '撤回内容不完整或有误。');
    const { entry } = sim.ledger.apply(cancellation.referralId, 'CANCEL', cancellation);
    return xml(200, envelope(responseXml(operation, entry.ref)));
  }, options);
  return Object.assign(sim, { endpoint: `${sim.url}${SERVICE_PATH}` });
}
