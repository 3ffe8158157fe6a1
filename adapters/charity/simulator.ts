import type { PartnerAnswer } from '../../src/delivery/department-adapter';
import { jsonOrNull } from '../shared/http';
import { scheduleAnswers, Simulator, SimulatorOptions, SimulatorReply, startSimulatorServer } from '../shared/simulator-kit';
import { signatureProblem, signedHeaders } from './index';
import { toCharityEvent } from './mapping';

// The charity federation's system, simulated: checks the hub's webhook signature, applies each
// referral, cancellation and supervision notice once (Idempotency-Key), answers 200 { reference }, and reports back through the hub's
// callback endpoint, signed with the callback secret.

export interface CharitySimulatorOptions extends SimulatorOptions {
  signingSecret: string;
  callbackSecret: string;
  /** The hub's callback endpoint for this department. */
  callbackUrl: string;
}

export async function startCharitySimulator(options: CharitySimulatorOptions): Promise<Simulator> {
  let sim: Simulator;
  const reply = (status: number, body: unknown): SimulatorReply => ({ status, body: JSON.stringify(body) });

  const sendCallback = async (answer: PartnerAnswer): Promise<number> => {
    // One message id per answer: a repeated callback is the same message, with a fresh nonce.
    const body = JSON.stringify(toCharityEvent(`${answer.referralId}:${answer.kind}`, answer));
    const res = await fetch(options.callbackUrl, { method: 'POST', headers: signedHeaders(options.callbackSecret, body), body, signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  };

  sim = await startSimulatorServer((request) => {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const problem = signatureProblem(options.signingSecret, headers, request.rawBody, new Date());
    if (problem) return reply(401, { error: problem });
    const key = headers['idempotency-key'];
    const body = jsonOrNull(request.rawBody.toString('utf8')) as { referralId?: string; noticeId?: string } | null;
    const cancel = /^\/referrals\/[^/]+\/cancel$/.test(request.url);
    const notice = /^\/referrals\/[^/]+\/supervision$/.test(request.url);
    // A notice's key is the notice's id; a referral's (delivery, cancellation) is the referral's.
    if (!key || !body || (notice ? body.noticeId : body.referralId) !== key) return reply(400, { error: 'MALFORMED' });
    if (!cancel && !notice && request.url !== '/referrals') return reply(404, { error: 'NOT_FOUND' });
    // A notice is about a referral the federation holds.
    if (notice && !sim.ledger.has(String(body.referralId), 'DELIVER')) return reply(404, { error: 'NOT_FOUND' });
    const { entry, fresh } = sim.ledger.apply(key, notice ? 'NOTICE' : cancel ? 'CANCEL' : 'DELIVER', body);
    if (notice) return reply(200, { reference: entry.ref });
    if (fresh && !cancel) scheduleAnswers(key, entry.ref, sim, sendCallback);
    return reply(200, { reference: entry.ref });
  }, options);
  return sim;
}

