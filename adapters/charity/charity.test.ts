import { Department } from '../../src/access/roles';
import type { PartnerConnection } from '../../src/delivery/department-adapter';
import { referral } from '../shared/household-fixture';
import { NO_FAULTS, Simulator } from '../shared/simulator-kit';
import { CharityAdapter } from './index';
import { fromCharityEvent, toCharityEvent, toCharityReferral } from './mapping';
import { startCharitySimulator } from './simulator';

// The real webhook adapter against the simulated charity federation over HTTP, every fault.
// (Callbacks through the real hub: charity.e2e.test.ts.)

const SIGNING = 'cishan-signing-secret-5b21';
const CALLBACK = 'cishan-callback-secret-8e03';
let sim: Simulator;
let adapter: CharityAdapter;
let seq = 0;
const nextId = () => `01JBCHA${String(++seq).padStart(19, '0')}`;
const signal = (timeoutMs = 2000) => AbortSignal.timeout(timeoutMs);
const connection = (signingSecret = SIGNING): PartnerConnection => ({
  department: Department.CHARITY,
  protocol: 'webhook',
  endpoint: new URL(sim.url),
  credentials: { signingSecret, callbackSecret: CALLBACK },
  timeoutMs: 2000,
  callbackUrl: 'http://127.0.0.1:1/partners/charity/callback',
});

beforeAll(async () => {
  sim = await startCharitySimulator({ signingSecret: SIGNING, callbackSecret: CALLBACK, callbackUrl: 'http://127.0.0.1:1/partners/charity/callback' });
  adapter = new CharityAdapter(connection());
});
afterEach(() => Object.assign(sim.faults, NO_FAULTS));
afterAll(() => sim.close());

describe('charity mapping', () => {
  it('sends the household in figures and the identity number masked only', () => {
    const d = referral({ referralId: 'r1', department: Department.CHARITY, category: 'CHARITY' });
    const body = toCharityReferral(d);
    expect(body.applicant.idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    for (const p of d.household) expect(JSON.stringify(body)).not.toContain(p.idNumber);
    expect(body.household.seriouslyIllMembers).toBe(1);
    expect(adapter.disclosedPersons()).toEqual([]);
  });

  it('reads its events strictly and writes them back the same', () => {
    const resolved = { referralId: 'r1', externalRef: 'CS-1', kind: 'RESOLVED' as const, decision: 'APPROVED' as const, amountFen: 30000, note: null };
    expect(fromCharityEvent(toCharityEvent('m1', resolved))).toEqual({ messageId: 'm1', answer: resolved });
    expect(fromCharityEvent({ messageId: 'm1', referralId: 'r1', event: 'resolved', decision: 'MAYBE' })).toBeNull();
    expect(fromCharityEvent({ messageId: 'm1', referralId: 'r1', event: 'supplement_requested', materials: [''] })).toBeNull();
    expect(fromCharityEvent({ messageId: 'm1', referralId: 'r1', event: 'resolved', decision: 'APPROVED', amountFen: -1 })).toBeNull();
    expect(fromCharityEvent('not an object')).toBeNull();
  });
});

describe('charity webhook over HTTP', () => {
  it('applies a referral once even when sent twice, and cancels it once', async () => {
    const d = referral({ referralId: nextId(), department: Department.CHARITY, category: 'CHARITY' });
    const first = await adapter.deliver(d, signal());
    expect(first).toEqual({ ok: true, externalRef: expect.any(String) });
    expect(await adapter.deliver(d, signal())).toEqual(first);
    expect(sim.ledger.entries('DELIVER').filter((e) => e.key === d.referralId)).toHaveLength(1);
    const cancellation = { referralId: d.referralId, caseNo: d.caseNo, externalRef: first.ok ? first.externalRef : null, reason: 'CASE_WITHDRAWN' };
    expect((await adapter.cancel(cancellation, signal())).ok).toBe(true);
    expect((await adapter.cancel(cancellation, signal())).ok).toBe(true);
    expect(sim.ledger.entries('CANCEL').filter((e) => e.key === d.referralId)).toHaveLength(1);
  });

  it('is refused with a wrong secret (retried: a credential refusal), and nothing is applied', async () => {
    const id = nextId();
    expect(await new CharityAdapter(connection('wrong')).deliver(referral({ referralId: id }), signal())).toEqual({ ok: false, retryable: true, reason: 'HTTP_401' });
    expect(sim.ledger.has(id)).toBe(false);
  });

});
