import { eventually } from '../../test/support/eventually';
import request from 'supertest';
import type { AddressInfo } from 'node:net';
import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment } from '../../test/support/environment';
import { describeDb } from '../../test/support/test-database';
import { application } from '../../test/support/applications';
import { ACK, CLAIM, SUBMIT, WITHDRAW } from '../../test/support/operations';
import { parsePartners } from '../../src/delivery/partners-file';
import { NO_ANSWERS, NO_FAULTS, Simulator } from '../shared/simulator-kit';
import { CharityAdapter, charityProtocol, signedHeaders } from './index';
import { startCharitySimulator } from './simulator';

// The charity federation's webhook end to end: the real hub (SQLite or MariaDB) delivering through
// the outbox to the simulator over HTTP, faults, the breaker, the budget, retryDelivery, signed
// callbacks (duplicate, out of order, replayed, unsigned), and the cancellation on withdrawal.

const SIGNING = 'charity-signing-secret-0123456789';
const CALLBACK = 'charity-callback-secret-9876543210';
const REFERRAL = `id status externalRef timeline { type note }`;

describeDb('CHARITY push delivery (webhook)', () => {
  let env: TestEnvironment;
  let sim: Simulator;
  let clerk: string;
  let admin: string;
  const simOptions = { signingSecret: SIGNING, callbackSecret: CALLBACK, callbackUrl: '' };

  beforeAll(async () => {
    sim = await startCharitySimulator(simOptions);
    const connection = { department: Department.CHARITY, protocol: 'webhook', endpoint: new URL(sim.url), credentials: { signingSecret: SIGNING, callbackSecret: CALLBACK }, timeoutMs: 300, callbackUrl: '' };
    const partners = parsePartners(
      { partners: { CHARITY: { mode: 'PUSH', protocol: 'webhook', endpoint: sim.url, credentials: { signingSecret: 'S', callbackSecret: 'C' }, retryBudgetHours: 1 } } },
      [charityProtocol],
    );
    env = await createTestEnvironment({
      now: '2026-04-07T09:00:00+08:00',
      hub: { partnerSetup: { adapters: [new CharityAdapter(connection)], partners }, dispatcherOptions: { breakerFailures: 3, breakerOpenMs: 50 } },
    });
    simOptions.callbackUrl = `http://127.0.0.1:${(env.server.address() as AddressInfo).port}/partners/charity/callback`;
    clerk = await env.token(Role.CLERK, '3707');
    admin = await env.token(Role.ADMIN, '');
  });
  afterAll(async () => {
    await sim.close();
    await env.close();
    expect(env.logs.join('')).not.toContain(SIGNING);
    expect(env.logs.join('')).not.toContain(CALLBACK);
  });
  beforeEach(() => {
    Object.assign(sim.faults, NO_FAULTS);
    Object.assign(sim.answers, NO_ANSWERS);
  });

  const sql = (q: string, p: unknown[] = []) => env.running.services.uow.dataSource.query(q, p);
  const dispatcher = () => env.running.services.dispatcher;
  const referral = async (id: string) => (await env.gql(admin, `query ($id: ID!) { referral(id: $id) { ${REFERRAL} } }`, { id })).data.referral;
  async function submit(): Promise<{ caseId: string; referralId: string }> {
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['CHARITY'] }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const c = res.data.submitApplication.case;
    return { caseId: c.id, referralId: c.referrals.find((r: any) => r.department === 'CHARITY').id };
  }
  const until = (check: () => Promise<boolean>, what: string) => eventually(check, { timeout: 5_000, what }).then(() => undefined);

  it('writes the outbox row in the intake transaction, keeps it from claims, and delivers it once', async () => {
    const { referralId } = await submit();
    const rows = await sql('SELECT kind, state, attempts FROM delivery_outbox WHERE referral_id = ?', [referralId]);
    expect(rows).toEqual([expect.objectContaining({ kind: 'DELIVER', state: 'WAITING' })]);
    const charity = await env.token(Role.DEPARTMENT, '370783', Department.CHARITY);
    const claimed = await env.gql(charity, CLAIM, { department: 'CHARITY', limit: 10 });
    expect(claimed.data.claimReferrals.referrals).toEqual([]); // PUSH referrals are the dispatcher's
    expect(await dispatcher().drain()).toBeGreaterThanOrEqual(1);
    const r = await referral(referralId);
    expect(r.status).toBe('DELIVERED');
    expect(r.externalRef).toBe(sim.ledger.entries('DELIVER').find((e) => e.key === referralId)!.ref);
    expect(r.timeline.map((e: any) => e.type)).toContain('REFERRAL_DELIVERED');
    // A pushed referral may also be answered through the API, as the department.
    const acked = await env.gql(charity, ACK, { id: referralId, externalRef: r.externalRef });
    expect(acked.data.acknowledgeReferral).toMatchObject({ referral: { status: 'IN_PROGRESS' }, userErrors: [] });
    // At-least-once: sent again (as after a crash), the partner applies it once.
    await sql("UPDATE delivery_outbox SET state = 'WAITING' WHERE referral_id = ?", [referralId]);
    await sql("UPDATE referrals SET status = 'PENDING' WHERE id = ?", [referralId]);
    const repeats = sim.ledger.repeats;
    await dispatcher().drain();
    expect(sim.ledger.entries('DELIVER').filter((e) => e.key === referralId)).toHaveLength(1);
    expect(sim.ledger.repeats).toBe(repeats + 1);
  });

  it('retries a partner that is down, opens the breaker, gives up after the budget, and retryDelivery puts it back', async () => {
    const { referralId } = await submit();
    sim.faults.down = true;
    await dispatcher().drain();
    let [row] = await sql('SELECT attempts, last_error, next_attempt_at FROM delivery_outbox WHERE referral_id = ?', [referralId]);
    expect(row).toMatchObject({ attempts: 1, last_error: 'UNREACHABLE' });
    for (let i = 0; i < 3; i++) {
      env.clock.set(new Date(Date.parse(row.next_attempt_at) + 1));
      await dispatcher().drain();
      [row] = await sql('SELECT attempts, last_error, next_attempt_at FROM delivery_outbox WHERE referral_id = ?', [referralId]);
    }
    const partners = await env.gql(admin, '{ partners { department mode protocol endpointHost circuitState outboxDepth failedDeliveries } }');
    const charity = partners.data.partners.find((p: any) => p.department === 'CHARITY');
    expect(charity).toMatchObject({ mode: 'PUSH', protocol: 'webhook', endpointHost: new URL(sim.url).host, outboxDepth: 1 });
    expect(['OPEN', 'HALF_OPEN']).toContain(charity.circuitState);
    expect(JSON.stringify(partners)).not.toContain(SIGNING);
    expect(partners.data.partners.find((p: any) => p.department === 'MEDICAL')).toMatchObject({ mode: 'PULL', protocol: null, circuitState: null });
    // The budget (1 hour here) runs out: DELIVERY_FAILED, with a timeline event.
    // Two hours on the hub's clock: past the budget, and past the breaker's 50 ms (a trial call goes out).
    env.clock.set(new Date(Date.parse('2026-04-07T09:00:00+08:00') + 2 * 3_600_000));
    await dispatcher().drain();
    let r = await referral(referralId);
    expect(r.status).toBe('DELIVERY_FAILED');
    expect(r.timeline.map((e: any) => e.type)).toContain('REFERRAL_DELIVERY_FAILED');
    sim.faults.down = false;
    const retried = await env.gql(clerk, `mutation ($id: ID!) { retryDelivery(referralId: $id) { referral { status } userErrors { code field } } }`, { id: referralId });
    expect(retried.data.retryDelivery).toEqual({ referral: { status: 'PENDING' }, userErrors: [] });
    const again = await env.gql(clerk, `mutation ($id: ID!) { retryDelivery(referralId: $id) { userErrors { code field } } }`, { id: referralId });
    expect(again.data.retryDelivery.userErrors).toEqual([expect.objectContaining({ code: 'ILLEGAL_TRANSITION' })]);
    // The failed trial opened the breaker again: 60 ms on the hub's clock, and it lets a call through.
    env.clock.set(new Date(env.clock.now().getTime() + 60));
    await dispatcher().drain();
    r = await referral(referralId);
    expect(r.status).toBe('DELIVERED');
    expect(r.timeline.map((e: any) => e.type)).toEqual(expect.arrayContaining(['REFERRAL_DELIVERY_RETRIED', 'REFERRAL_DELIVERED']));
  });

  it('takes signed callbacks, applies a decision that comes first in order, and ignores repeats', async () => {
    Object.assign(sim.answers, { acknowledgeAfterMs: 5, decide: { afterMs: 5, decision: 'APPROVED', amountFen: 50000 } });
    sim.faults.outOfOrderCallbacks = true;
    sim.faults.duplicateCallbacks = true;
    const { caseId, referralId } = await submit();
    await dispatcher().drain();
    await until(async () => sim.callbacks.sent === 4 && Object.values(sim.callbacks.byStatus).reduce((a, b) => a + b, 0) === 4, 'four callbacks answered');
    const r = await referral(referralId);
    expect(r.status).toBe('RESOLVED');
    const types = r.timeline.map((e: any) => e.type);
    expect(types.filter((t: string) => t === 'REFERRAL_ACKNOWLEDGED')).toHaveLength(1);
    expect(types.filter((t: string) => t === 'REFERRAL_RESOLVED')).toHaveLength(1);
    expect(types.indexOf('REFERRAL_ACKNOWLEDGED')).toBeLessThan(types.indexOf('REFERRAL_RESOLVED'));
    const c = await env.gql(admin, `query ($id: ID!) { case(id: $id) { status } }`, { id: caseId });
    expect(c.data.case.status).toBe('CLOSED');
    // Two messages (the copies were duplicates): the decision applied; the acknowledgement that came
    // after it was taken as STALE (or applied, had it overtaken the decision on the way).
    const inbox = await sql("SELECT message_id, outcome FROM partner_inbox WHERE referral_id = ?", [referralId]);
    expect(inbox).toHaveLength(2);
    expect(inbox.find((x: any) => x.message_id.endsWith(':RESOLVED')).outcome).toBe('APPLIED');
    expect(['APPLIED', 'STALE']).toContain(inbox.find((x: any) => x.message_id.endsWith(':ACKNOWLEDGED')).outcome);
  });

  it('refuses unsigned, tampered, stale and replayed callbacks and changes nothing', async () => {
    const { referralId } = await submit();
    await dispatcher().drain();
    const body = JSON.stringify({ messageId: `${referralId}:x`, referralId, event: 'acknowledged' });
    const post = (headers: Record<string, string>, payload = body) => request(env.server).post('/partners/charity/callback').set(headers).send(payload);
    const before = await env.rowCounts();
    expect((await post({ 'Content-Type': 'application/json' })).status).toBe(401);
    const signed = signedHeaders(CALLBACK, body);
    expect((await post(signed, body.replace('acknowledged', 'resolved'))).status).toBe(401);
    expect((await post(signedHeaders('wrong-secret', body))).status).toBe(401);
    expect((await post(signedHeaders(CALLBACK, body, new Date(Date.now() - 10 * 60_000)))).status).toBe(401);
    const after = await env.rowCounts();
    expect(after).toEqual(before);
    expect((await post(signed)).status).toBe(200);
    expect((await post(signed)).status).toBe(409); // the same nonce again: a replay
    expect((await referral(referralId)).status).toBe('IN_PROGRESS');
    expect((await request(env.server).post('/partners/medical/callback').send('{}')).status).toBe(404); // MEDICAL pulls here
    // An answer about a referral that is not the federation's is refused — and refused again when repeated.
    const foreign = JSON.stringify({ messageId: 'foreign-1', referralId: '01ZZZZZZZZZZZZZZZZZZZZZZZZ', event: 'acknowledged' });
    expect((await post(signedHeaders(CALLBACK, foreign), foreign)).status).toBe(409);
    expect((await post(signedHeaders(CALLBACK, foreign), foreign)).status).toBe(409);
    expect(env.logs.join('')).not.toContain(body);
  });

  it('tells the partner when a delivered case is withdrawn', async () => {
    const { caseId, referralId } = await submit();
    await dispatcher().drain();
    const res = await env.gql(clerk, WITHDRAW, { id: caseId, reason: '申请人已自行解决困难' });
    expect(res.data.withdrawCase.userErrors).toEqual([]);
    expect(await sql("SELECT state FROM delivery_outbox WHERE referral_id = ? AND kind = 'CANCEL'", [referralId])).toEqual([{ state: 'WAITING' }]);
    await dispatcher().drain();
    expect(sim.ledger.has(referralId, 'CANCEL')).toBe(true);
    expect(await sql("SELECT state FROM delivery_outbox WHERE referral_id = ? AND kind = 'CANCEL'", [referralId])).toEqual([{ state: 'SENT' }]);
  });

  it('hands waiting referrals back to claiming when the department is switched to PULL', async () => {
    const { referralId } = await submit();
    sim.faults.down = true;
    await dispatcher().drain(); // one failed attempt: it waits for the next
    const { DeliveryService } = await import('../../src/delivery/delivery.service');
    const { AdapterRegistry } = await import('../../src/delivery/adapter-registry');
    const s = env.running.services;
    // A hub restarted with CHARITY as PULL (no partner entry, no adapter).
    const pulling = new DeliveryService(s.uow, new AdapterRegistry(), s.dispatcher, s.deliveryMetrics);
    expect(await pulling.reconcileModes()).toBeGreaterThanOrEqual(1);
    expect(await sql('SELECT state, last_error FROM delivery_outbox WHERE referral_id = ?', [referralId])).toEqual([{ state: 'SKIPPED', last_error: 'DEPARTMENT_PULLS' }]);
    const charity = await env.token(Role.DEPARTMENT, '370783', Department.CHARITY);
    const claimed = await env.gql(charity, CLAIM, { department: 'CHARITY', limit: 100 });
    expect(claimed.data.claimReferrals.referrals.map((r: any) => r.id)).toContain(referralId);
  });
});
