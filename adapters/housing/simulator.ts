import { randomBytes } from 'node:crypto';
import type { PartnerAnswer } from '../../src/delivery/department-adapter';
import { idNumberProblem } from '../../src/access/identity-number';
import { jsonOrNull } from '../shared/http';

import { sameSecret } from '../shared/signing';
import { scheduleAnswers, Simulator, SimulatorOptions, SimulatorReply, startSimulatorServer } from '../shared/simulator-kit';
import { signedHeaders } from './index';
import { readBasicAuthorization, toHousingEvent } from './mapping';

// The housing bureau's system, simulated: an honest OAuth2 client-credentials token endpoint
// (checks the client secret, issues random tokens that really expire, refuses expired ones with
// 401 invalid_token), a JSON API that applies each referral once (Idempotency-Key), and events
// posted back to the hub's callback endpoint, signed with the callback secret.

export interface HousingSimulatorOptions extends SimulatorOptions {
  clientId: string;
  clientSecret: string;
  callbackSecret: string;
  /** The hub's callback endpoint for this department. */
  callbackUrl: string;
  /** Lifetime of an issued token (default 7200 s, as many gateways give). */
  tokenTtlSeconds?: number;
  /** The bureau's clock (milliseconds), for its tokens' lifetimes; default the real one. */
  clock?: () => number;
}

export interface HousingSimulator extends Simulator {
  tokens: {
    /** Requests to the token endpoint, granted or not. */
    requests: number;
    /** API requests refused for an unknown or expired token. */
    rejected: number;
    /** Expires every token issued so far (as a server-side revocation or a clock ahead would). */
    expireAll(): void;
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const reply = (status: number, body: unknown, headers?: Record<string, string>): SimulatorReply => ({ status, body: JSON.stringify(body), headers });
const REFERRALS = '/api/v1/assistance-referrals';

/** The fields the bureau refuses in a referral (empty when it can take it). */
function invalidFields(body: Record<string, unknown>): string[] {
  const wrong: string[] = [];
  const today = new Date().toISOString().slice(0, 10);
  if (typeof body.caseNo !== 'string' || body.caseNo.length === 0) wrong.push('caseNo');
  const a = body.applicant;
  if (!isObject(a) || typeof a.name !== 'string' || a.name.length === 0) wrong.push('applicant.name');
  if (!isObject(a) || typeof a.idNumber !== 'string' || idNumberProblem(a.idNumber, today) !== null) wrong.push('applicant.idNumber');
  const h = body.household;
  if (!isObject(h) || !Number.isSafeInteger(h.size) || (h.size as number) < 1) wrong.push('household.size');
  if (!isObject(h) || !Number.isSafeInteger(h.perCapitaMonthlyIncomeFen) || (h.perCapitaMonthlyIncomeFen as number) < 0) wrong.push('household.perCapitaMonthlyIncomeFen');
  return wrong;
}

export async function startHousingSimulator(options: HousingSimulatorOptions): Promise<HousingSimulator> {
  const ttlSeconds = options.tokenTtlSeconds ?? 7200;
  const now = options.clock ?? Date.now;
  const issued = new Map<string, number>(); // token → expiry (ms)
  const tokens: HousingSimulator['tokens'] = {
    requests: 0,
    rejected: 0,
    expireAll: () => {
      for (const token of issued.keys()) issued.set(token, 0);
    },
  };
  let sim: Simulator;

  const sendCallback = async (answer: PartnerAnswer): Promise<number> => {
    // One event id per answer: a repeated callback is the same event, with a fresh nonce.
    const body = JSON.stringify(toHousingEvent(`evt-${answer.referralId}-${answer.kind.toLowerCase()}`, answer));
    const res = await fetch(options.callbackUrl, { method: 'POST', headers: signedHeaders(options.callbackSecret, body), body, signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  };

  function grant(headers: Record<string, string | undefined>, rawBody: Buffer): SimulatorReply {
    tokens.requests++;
    if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return reply(400, { error: 'invalid_request' });
    const form = new URLSearchParams(rawBody.toString('utf8'));
    if (form.get('grant_type') !== 'client_credentials') return reply(400, { error: 'unsupported_grant_type' });
    const client = readBasicAuthorization(headers.authorization);
    if (!client || client.clientId !== options.clientId || !sameSecret(client.clientSecret, options.clientSecret)) {
      return reply(401, { error: 'invalid_client' }, { 'WWW-Authenticate': 'Basic realm="zjj"' });
    }
    const token = randomBytes(24).toString('base64url');
    issued.set(token, now() + ttlSeconds * 1000);
    for (const [t, until] of issued) if (until < now() - 3_600_000) issued.delete(t);
    return reply(200, { access_token: token, token_type: 'Bearer', expires_in: ttlSeconds }, { 'Cache-Control': 'no-store' });
  }

  function authorized(header: string | undefined): boolean {
    const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    const until = token ? issued.get(token) : undefined;
    return until !== undefined && now() < until;
  }

  sim = await startSimulatorServer((request) => {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const path = request.url.split('?')[0];
    if (request.method === 'POST' && path === '/oauth/token') return grant(headers, request.rawBody);

    const cancelOf = new RegExp(`^${REFERRALS}/([^/]+)/cancellation$`).exec(path);
    const noticeOf = new RegExp(`^${REFERRALS}/([^/]+)/supervision-notices$`).exec(path);
    if (request.method !== 'POST' || (!cancelOf && !noticeOf && path !== REFERRALS)) return reply(404, { error: 'not_found' });
    if (!authorized(headers.authorization)) {
      tokens.rejected++;
      return reply(401, { error: 'invalid_token', error_description: '访问令牌无效或已过期' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    }
    const key = headers['idempotency-key'];
    const body = jsonOrNull(request.rawBody.toString('utf8'));
    if (noticeOf) {
      // A notice is keyed by its own id, about a referral the bureau holds.
      if (!key || !isObject(body) || body.noticeId !== key || body.referralId !== decodeURIComponent(noticeOf[1])) return reply(400, { error: 'invalid_request', error_description: 'Idempotency-Key 与 noticeId 不一致' });
      const delivered = sim.ledger.entries('DELIVER').find((e) => e.key === body.referralId);
      if (!delivered) return reply(404, { error: 'not_found', error_description: '未找到该转办' });
      const { entry, fresh } = sim.ledger.apply(key, 'NOTICE', body);
      return reply(fresh ? 201 : 200, { caseReference: delivered.ref, noticeReference: entry.ref, status: 'RECEIVED' });
    }
    if (!key || !isObject(body) || body.referralId !== key) return reply(400, { error: 'invalid_request', error_description: 'Idempotency-Key 与 referralId 不一致' });
    if (cancelOf) {
      if (decodeURIComponent(cancelOf[1]) !== key) return reply(400, { error: 'invalid_request' });
      const delivered = sim.ledger.entries('DELIVER').find((e) => e.key === key);
      if (!delivered) return reply(404, { error: 'not_found', error_description: '未找到该转办' });
      const { entry } = sim.ledger.apply(key, 'CANCEL', body);
      return reply(200, { caseReference: delivered.ref, cancellationReference: entry.ref, status: 'CANCELLED' });
    }
    const wrong = invalidFields(body);
    if (wrong.length > 0) return reply(422, { error: 'validation_failed', fields: wrong });
    const { entry, fresh } = sim.ledger.apply(key, 'DELIVER', body);
    if (fresh) scheduleAnswers(key, entry.ref, sim, sendCallback);
    return reply(fresh ? 201 : 200, { caseReference: entry.ref, status: 'RECEIVED' });
  }, options);
  return Object.assign(sim, { tokens });
}
