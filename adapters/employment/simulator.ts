import type { PartnerAnswer } from '../../src/delivery/department-adapter';
import { jsonOrNull } from '../shared/http';
import { scheduleAnswers, Simulator, SimulatorOptions, startSimulatorServer } from '../shared/simulator-kit';
import { CODE, refusal, REQUEST_SHAPE, signedAnswer } from './index';
import { fromEmploymentCancellation, fromEmploymentReferral, fromEmploymentSupervision, toEmploymentNotice } from './mapping';
import { FRESHNESS_WINDOW_MS } from '../shared/signing';
import { openSealed, seal, signerOf, validPrivateKey, validPublicKey } from './signing';

// The employment assistance service of the human resources and social security bureau, simulated:
// verifies the hub's SM2 signature with the hub's PUBLIC key, refuses stale timestamps and replayed
// nonces, applies each referral once (bizContent.referralId) and each supervision notice once
// (bizContent.noticeId; only on a referral it received), answers signed with its own private key,
// and calls back the same way.

export interface EmploymentSimulatorOptions extends SimulatorOptions {
  /** The hub's SM2 public key (04 ‖ x ‖ y, hex): what the bureau verifies requests with. */
  hubPublicKey: string;
  /** The bureau's own SM2 private key (hex): what it signs answers and callbacks with. */
  bureauPrivateKey: string;
  /** The hub's callback endpoint for this department. */
  callbackUrl: string;
}

const CANCEL = /^\/jyfw\/referrals\/([^/]+)\/cancel$/;
const SUPERVISION = /^\/jyfw\/referrals\/([^/]+)\/supervision$/;

const pathId = (segment: string): string | null => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

export async function startEmploymentSimulator(options: EmploymentSimulatorOptions): Promise<Simulator> {
  if (!validPublicKey(options.hubPublicKey) || !validPrivateKey(options.bureauPrivateKey)) throw new Error('employment simulator: bad SM2 keys');
  const bureau = signerOf(options.bureauPrivateKey);
  let sim: Simulator;
  const nonces = new Map<string, number>();
  const answer = (status: number, code: string, msg: string, biz?: unknown) => signedAnswer(bureau, status, code, msg, biz);

  const sendCallback = async (a: PartnerAnswer): Promise<number> => {
    // One message id per answer: a repeated callback is the same message, freshly sealed.
    const bizContent = JSON.stringify(toEmploymentNotice(`JYFW-${a.referralId}-${a.kind}`, a));
    const body = JSON.stringify(seal({ bizContent }, bureau));
    const res = await fetch(options.callbackUrl, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body, signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  };

  sim = await startSimulatorServer((request) => {
    const path = request.url.split('?')[0];
    const cancel = CANCEL.exec(path);
    const supervision = SUPERVISION.exec(path);
    if (path !== '/jyfw/referrals' && !cancel && !supervision) return answer(404, '4040', '接口不存在');
    if (request.method !== 'POST') return answer(405, '4050', '只接受 POST');
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return answer(415, '4150', '只接受 application/json');
    const now = Date.now();
    const opened = openSealed(jsonOrNull(request.rawBody.toString('utf8')), options.hubPublicKey, new Date(now), REQUEST_SHAPE);
    if ('problem' in opened) return refusal(bureau, opened.problem);
    for (const [seen, at] of nonces) if (now - at > 2 * FRESHNESS_WINDOW_MS) nonces.delete(seen);
    if (nonces.has(opened.fields.nonce)) return answer(401, CODE.NONCE_REPLAYED, 'nonce 重复，请求已处理过或被重放');
    nonces.set(opened.fields.nonce, now);
    const biz = jsonOrNull(opened.fields.bizContent);

    if (supervision) {
      const notice = fromEmploymentSupervision(biz);
      if (!notice || notice.referralId !== pathId(supervision[1])) return answer(400, CODE.BAD_CONTENT, '业务参数校验失败');
      // A notice on a referral the bureau never received has nothing to supervise (转介不存在).
      if (!sim.ledger.has(notice.referralId, 'DELIVER')) return answer(404, CODE.NOT_APPLIED, '转介不存在，未处理');
      const { entry } = sim.ledger.apply(notice.noticeId, 'NOTICE', notice);
      return answer(200, CODE.OK, '成功', { referralId: notice.referralId, noticeId: notice.noticeId, acceptNo: entry.ref });
    }
    if (!cancel) {
      const referral = fromEmploymentReferral(biz);
      if (!referral) return answer(400, CODE.BAD_CONTENT, '业务参数校验失败（求职人员姓名、身份证号码、与申请人关系）');
      const { entry, fresh } = sim.ledger.apply(referral.referralId, 'DELIVER', referral);
      if (fresh) scheduleAnswers(referral.referralId, entry.ref, sim, sendCallback);
      return answer(200, CODE.OK, '成功', { referralId: referral.referralId, acceptNo: entry.ref });
    }
    const cancellation = fromEmploymentCancellation(biz);
    if (!cancellation || cancellation.referralId !== pathId(cancel[1])) return answer(400, CODE.BAD_CONTENT, '业务参数校验失败');
    const { entry } = sim.ledger.apply(cancellation.referralId, 'CANCEL', cancellation);
    return answer(200, CODE.OK, '成功', { referralId: cancellation.referralId, acceptNo: entry.ref });
  }, options);
  return sim;
}
