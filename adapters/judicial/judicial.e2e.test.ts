import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { calculateJwkThumbprint } from 'jose';
import type { AddressInfo } from 'node:net';
import { Department, Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment } from '../../test/support/environment';
import { describeDb } from '../../test/support/test-database';
import { application } from '../../test/support/applications';
import { PROVIDE_SUPPLEMENT, SUBMIT, WITHDRAW } from '../../test/support/operations';
import { parsePartners } from '../../src/delivery/partners-file';
import { eventually } from '../../test/support/eventually';
import { JudicialAdapter, judicialProtocol } from './index';
import { JudicialSimulator, startJudicialSimulator } from './simulator';

// The justice bureau's G2P Connect exchange end to end through the real hub: the referral leaves
// with the applicant's whole identity number (logged as a DELIVERY access naming the department),
// is ACKed, and the bureau's signed on-refer callbacks take it to RESOLVED and close the case.

const keyPair = () => {
  const k = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privatePem: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: k.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

describeDb('JUDICIAL push delivery (G2P Connect)', () => {
  let env: TestEnvironment;
  let sim: JudicialSimulator;
  let simOptions: { hubPublicKey: string; bureauPrivateKey: string; hubSenderId: string; callbackUrl: string; callbacks?: boolean; bearerToken: string };
  const hub = keyPair();
  const bureau = keyPair();

  beforeAll(async () => {
    simOptions = { hubPublicKey: hub.publicPem, bureauPrivateKey: bureau.privatePem, hubSenderId: 'hub.test', callbackUrl: '', bearerToken: 'long-lived-bureau-token' };
    sim = await startJudicialSimulator(simOptions);
    const connection = {
      department: Department.JUDICIAL,
      protocol: 'g2p-connect',
      endpoint: new URL(sim.url),
      credentials: { hubPrivateKey: hub.privatePem, partnerPublicKey: bureau.publicPem, senderId: 'hub.test', bearerToken: 'long-lived-bureau-token' },
      timeoutMs: 2000,
      callbackUrl: '',
    };
    const partners = parsePartners(
      { partners: { JUDICIAL: { mode: 'PUSH', protocol: 'g2p-connect', endpoint: sim.url, credentials: { hubPrivateKey: 'A', partnerPublicKey: 'B', senderId: 'C' } } } },
      [judicialProtocol],
    );
    env = await createTestEnvironment({ now: '2026-04-07T09:00:00+08:00', hub: { partnerSetup: { adapters: [new JudicialAdapter(connection)], partners } } });
    const callbackUrl = `http://127.0.0.1:${(env.server.address() as AddressInfo).port}/partners/judicial/callback`;
    simOptions.callbackUrl = callbackUrl;
    connection.callbackUrl = callbackUrl;
  });
  afterAll(async () => {
    await sim.close();
    await env.close();
  });

  it('delivers with the applicant only, logs the disclosure, and closes the case on the bureau’s callbacks', async () => {
    Object.assign(sim.answers, { acknowledgeAfterMs: 5, decide: { afterMs: 5, decision: 'APPROVED' } });
    const clerk = await env.token(Role.CLERK, '3707');
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['LEGAL_AID'] }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const c = res.data.submitApplication.case;
    const referralId = c.referrals[0].id;
    await env.running.services.dispatcher.drain();
    expect(sim.ledger.entries('DELIVER').map((e) => e.key)).toEqual([referralId]);
    const logged = await env.running.services.uow.dataSource.query("SELECT actor, purpose FROM access_log WHERE purpose = 'DELIVERY'");
    expect(logged).toEqual([{ actor: 'JUDICIAL', purpose: 'DELIVERY' }]);
    const admin = await env.token(Role.ADMIN, '');
    // A loaded machine may take seconds.
    await eventually(async () => (await env.gql(admin, 'query ($id: ID!) { case(id: $id) { status } }', { id: c.id })).data.case.status === 'CLOSED', {
      timeout: 20_000,
      what: 'the case to close',
    });
    const after = await env.gql(admin, 'query ($id: ID!) { referral(id: $id) { status externalRef case { status } } }', { id: referralId });
    expect(after.data.referral).toMatchObject({ status: 'RESOLVED', case: { status: 'CLOSED' } });
    const inbox = await env.running.services.uow.dataSource.query('SELECT outcome FROM partner_inbox');
    // Two messages, both taken: the acknowledgement may find the decision there first (STALE).
    expect(inbox).toHaveLength(2);
    expect(inbox.every((x: any) => x.outcome === 'APPLIED' || x.outcome === 'STALE')).toBe(true);
    expect(after.data.referral.externalRef).toBeTruthy();
  });

  it('asks the bureau (txn/status) about a referral gone quiet, when its callbacks were lost', async () => {
    simOptions.callbacks = false; // the bureau decides, but no callback reaches the hub
    Object.assign(sim.answers, { acknowledgeAfterMs: 1, decide: { afterMs: 1, decision: 'REJECTED' } });
    const clerk = await env.token(Role.CLERK, '3707');
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['LEGAL_AID'] }) });
    const referralId = res.data.submitApplication.case.referrals[0].id;
    await env.running.services.dispatcher.drain();
    await eventually(() => sim.decided(referralId).length >= 2, { timeout: 10_000, interval: 10, what: 'the bureau to acknowledge and decide' });
    const poller = env.running.services.statusPoller;
    const inbox = async () => (await env.running.services.uow.dataSource.query("SELECT outcome FROM partner_inbox WHERE referral_id = ?", [referralId])) as Array<{ outcome: string }>;
    const before = (await inbox()).length;
    expect(await poller.run()).toBe(0); // not quiet for long yet: nobody asks
    expect(await inbox()).toHaveLength(before);
    env.clock.set(new Date(env.clock.now().getTime() + 61 * 60_000));
    // The specification's way: the bureau ACKs the query, and its txn-on-status callback brings the answers.
    expect(await poller.run()).toBe(0);
    const admin = await env.token(Role.ADMIN, '');
    const read = async () => (await env.gql(admin, 'query ($id: ID!) { referral(id: $id) { status outcome { decision } } }', { id: referralId })).data.referral;
    await eventually(async () => (await read()).status === 'RESOLVED', { timeout: 10_000, what: 'the status callback to resolve the referral' });
    expect(await read()).toEqual({ status: 'RESOLVED', outcome: { decision: 'REJECTED' } });
    expect((await inbox()).map((r) => r.outcome)).toContain('APPLIED'); // acknowledged and decided, from one txn-on-status message
    expect(await poller.run()).toBe(0); // resolved: nothing more to ask
  });

  it('applies from a status answer only what it did not have: no second request for materials', async () => {
    simOptions.callbacks = true;
    Object.assign(sim.answers, { acknowledgeAfterMs: 1, supplement: { afterMs: 1, materials: ['法律援助申请表'] }, decide: { afterMs: 2000, decision: 'APPROVED' } });
    const clerk = await env.token(Role.CLERK, '3707');
    const admin = await env.token(Role.ADMIN, '');
    const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['LEGAL_AID'] }) });
    const caseId = res.data.submitApplication.case.id;
    const referralId = res.data.submitApplication.case.referrals[0].id;
    await env.running.services.dispatcher.drain();
    const status = async () => (await env.gql(admin, 'query ($id: ID!) { referral(id: $id) { status timeline { type } } }', { id: referralId })).data.referral;
    await eventually(async () => (await status()).status === 'SUPPLEMENT_REQUESTED', { timeout: 10_000, interval: 10, what: 'the bureau to ask for materials' });
    simOptions.callbacks = false; // the decision's callback will be lost
    const provided = await env.gql(clerk, PROVIDE_SUPPLEMENT, { caseId, materials: ['法律援助申请表'] });
    expect(provided.errors).toBeUndefined();
    expect((await status()).status).toBe('IN_PROGRESS');
    await eventually(() => sim.decided(referralId).length >= 3, { timeout: 10_000, interval: 10, what: 'the bureau to decide' });
    env.clock.set(new Date(env.clock.now().getTime() + 61 * 60_000));
    await env.running.services.statusPoller.run(); // asks; the answer comes by callback with the whole history
    await eventually(async () => (await status()).status === 'RESOLVED', { timeout: 10_000, what: 'the status callback to bring the decision' });
    const after = await status();
    expect(after.status).toBe('RESOLVED');
    expect(after.timeline.filter((e: any) => e.type === 'SUPPLEMENT_REQUESTED')).toHaveLength(1);
  });

  it('a callback that finds its referral withdrawn meanwhile changes nothing: DELIVER is skipped and the referral stays CANCELLED', async () => {
    const clerk = await env.token(Role.CLERK, '3707');
    const admin = await env.token(Role.ADMIN, '');
    const c = (await env.gql(clerk, SUBMIT, { input: application({ categories: ['LEGAL_AID'] }) })).data.submitApplication.case;
    const referralId = c.referrals[0].id;
    const { uow, callbacks } = env.running.services;
    // The bureau's decision arrives before the dispatcher recorded the delivery; the applicant's
    // withdrawal commits between the callback's read (PENDING) and its DELIVER transaction.
    const transaction = uow.transaction;
    let withdrawn: any = null;
    uow.transaction = (async (work: never) => {
      uow.transaction = transaction;
      withdrawn = await env.gql(clerk, WITHDRAW, { id: c.id, reason: '申请人撤回申请' });
      return transaction.call(uow, work);
    }) as typeof transaction;
    const outcome = await callbacks.applyAnswer(Department.JUDICIAL, { kind: 'RESOLVED', referralId, decision: 'APPROVED', externalRef: 'SJ-1' }, env.clock.now());
    expect(withdrawn.data.withdrawCase.userErrors).toEqual([]);
    expect(outcome).toBe('STALE');
    const after = await env.gql(admin, 'query ($id: ID!) { referral(id: $id) { status externalRef outcome { decision } timeline { type } } }', { id: referralId });
    expect(after.data.referral).toMatchObject({ status: 'CANCELLED', externalRef: null, outcome: null });
    expect(after.data.referral.timeline.map((e: any) => e.type)).not.toContain('REFERRAL_DELIVERED');
  });

  it('publishes the hub’s signing key at /.well-known/jwks.json, and every request names it by kid (RFC 7638 thumbprint)', async () => {
    const res = await request(env.server).get('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', use: 'sig', alg: 'ES256', kid: await calculateJwkThumbprint(res.body.keys[0], 'sha256') })]);
    expect(JSON.stringify(res.body)).not.toMatch(/"d":/); // the public half only
    expect(sim.requestKids.length).toBeGreaterThan(0);
    expect(new Set(sim.requestKids)).toEqual(new Set([res.body.keys[0].kid]));
  });
});
