import type { PartnerAnswer } from '../../src/delivery/department-adapter';
import { idNumberProblem } from '../../src/access/identity-number';

import { jsonOrNull } from '../shared/http';
import { scheduleAnswers, Simulator, SimulatorOptions, SimulatorReply, startSimulatorServer } from '../shared/simulator-kit';
import { gatewayProblem, GatewayCode, signedHeaders } from './index';
import { FRESHNESS_WINDOW_MS } from '../shared/signing';
import { toMedicalCallback } from './mapping';

// The medical insurance bureau's gateway, simulated: checks the app key, the timestamp window, the
// signature and that no nonce is used twice, as the real gateway does; applies each referral once
// (X-Idempotency-Key); answers { code: "0", data: { acceptNo } }; and reports back through the
// hub's callback endpoint, signed with the callback secret.

export interface MedicalSimulatorOptions extends SimulatorOptions {
  appKey: string;
  appSecret: string;
  callbackSecret: string;
  /** The hub's callback endpoint for this department. */
  callbackUrl: string;
}

const GATEWAY_STATUS: Record<GatewayCode, number> = {
  MISSING_SIGNATURE: 401,
  INVALID_APP_KEY: 403,
  TIMESTAMP_EXPIRED: 401,
  NONCE_USED: 403,
  INVALID_SIGNATURE: 401,
};

const GATEWAY_MESSAGE: Record<GatewayCode, string> = {
  MISSING_SIGNATURE: '缺少签名请求头',
  INVALID_APP_KEY: '应用标识无效',
  TIMESTAMP_EXPIRED: '请求时间戳超出允许范围',
  NONCE_USED: '随机数已使用（疑似重放）',
  INVALID_SIGNATURE: '签名校验失败',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the bureau refuses in a referral: null when it can take it. */
function contentProblem(body: Record<string, unknown>): string | null {
  if (typeof body.caseNo !== 'string' || body.caseNo.length === 0) return '缺少受理编号';
  const persons = body.insuredPersons;
  if (!Array.isArray(persons) || persons.length === 0) return '缺少参保人员';
  const today = new Date().toISOString().slice(0, 10);
  for (const p of persons) {
    if (!isObject(p) || typeof p.name !== 'string' || p.name.length === 0) return '参保人员姓名缺失';
    if (typeof p.idNumber !== 'string' || idNumberProblem(p.idNumber, today) !== null) return '参保人员身份证号码无效';
  }
  return null;
}

export async function startMedicalSimulator(options: MedicalSimulatorOptions): Promise<Simulator> {
  let sim: Simulator;
  const reply = (status: number, code: string, message: string, data?: unknown): SimulatorReply => ({
    status,
    body: JSON.stringify(data === undefined ? { code, message } : { code, message, data }),
  });
  // Nonces seen within the window (a nonce older than the window fails the timestamp check anyway).
  const nonces = new Map<string, number>();
  const nonceSeen = (nonce: string): boolean => {
    const now = Date.now();
    for (const [n, at] of nonces) if (now - at > 2 * FRESHNESS_WINDOW_MS) nonces.delete(n);
    if (nonces.has(nonce)) return true;
    nonces.set(nonce, now);
    return false;
  };

  const sendCallback = async (answer: PartnerAnswer): Promise<number> => {
    // One message id per answer: a repeated callback is the same message, with a fresh nonce.
    const body = JSON.stringify(toMedicalCallback(`${answer.referralId}-${answer.kind}`, answer));
    const headers = signedHeaders(options.appKey, options.callbackSecret, 'POST', new URL(options.callbackUrl).pathname, body);
    const res = await fetch(options.callbackUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  };

  sim = await startSimulatorServer((request) => {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const path = request.url.split('?')[0];
    const problem =
      gatewayProblem(options.appKey, options.appSecret, request.method, [path], headers, request.rawBody, new Date()) ??
      (nonceSeen(headers['x-ca-nonce']!) ? 'NONCE_USED' : null);
    if (problem) return reply(GATEWAY_STATUS[problem], problem, GATEWAY_MESSAGE[problem]);

    const cancelOf = /^\/referrals\/([^/]+)\/cancel$/.exec(path);
    const noticeOf = /^\/referrals\/([^/]+)\/supervision$/.exec(path);
    if (request.method !== 'POST' || (!cancelOf && !noticeOf && path !== '/referrals')) return reply(404, 'NOT_FOUND', '接口不存在');
    if (!(headers['content-type'] ?? '').startsWith('application/json')) return reply(415, 'UNSUPPORTED_MEDIA_TYPE', '仅支持 application/json');
    const key = headers['x-idempotency-key'];
    const body = jsonOrNull(request.rawBody.toString('utf8'));
    if (noticeOf) {
      // A notice is keyed by its own id, about a referral the bureau holds.
      if (!key || !isObject(body) || body.noticeId !== key || body.referralId !== decodeURIComponent(noticeOf[1])) return reply(400, 'INVALID_PARAM', '幂等键与督办单编号不一致');
      if (!sim.ledger.has(String(body.referralId), 'DELIVER')) return reply(404, 'REFERRAL_NOT_FOUND', '未找到该转办');
      const { entry } = sim.ledger.apply(key, 'NOTICE', body);
      return reply(200, '0', '成功', { acceptNo: entry.ref });
    }
    if (!key || !isObject(body) || body.referralId !== key) return reply(400, 'INVALID_PARAM', '幂等键与转办编号不一致');
    if (cancelOf) {
      if (decodeURIComponent(cancelOf[1]) !== key) return reply(400, 'INVALID_PARAM', '幂等键与转办编号不一致');
      if (!sim.ledger.has(key, 'DELIVER')) return reply(404, 'REFERRAL_NOT_FOUND', '未找到该转办');
      const { entry } = sim.ledger.apply(key, 'CANCEL', body);
      return reply(200, '0', '成功', { acceptNo: entry.ref });
    }
    const refused = contentProblem(body);
    if (refused) return reply(400, 'INVALID_PARAM', refused);
    const { entry, fresh } = sim.ledger.apply(key, 'DELIVER', body);
    if (fresh) scheduleAnswers(key, entry.ref, sim, sendCallback);
    return reply(200, '0', '成功', { acceptNo: entry.ref });
  }, options);
  return sim;
}
