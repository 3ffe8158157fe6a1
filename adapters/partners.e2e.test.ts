import { eventually } from '../test/support/eventually';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Department, Role } from '../src/access/roles';
import { createTestEnvironment, TestEnvironment } from '../test/support/environment';
import { describeDb } from '../test/support/test-database';
import { application } from '../test/support/applications';
import { freshIdNumber } from '../test/support/people';
import { ACK, CLAIM, RESOLVE, SUBMIT } from '../test/support/operations';
import { connectionOf, parsePartners } from '../src/delivery/partners-file';
import type { PartnerConnection } from '../src/delivery/department-adapter';
import { PROTOCOLS } from './index';
import { PartnerFleet, PUSH_DEPARTMENTS, startPartnerFleet } from './fleet';

// One application fanned out to all six outside departments, each in its own protocol, through the
// real hub and its running dispatcher (SQLite and MariaDB): every partner applies its delivery once,
// answers by signed callback, and the case closes when civil affairs (PULL) decides too.

const CATEGORIES = ['TEMPORARY', 'MEDICAL', 'EDUCATION', 'HOUSING', 'EMPLOYMENT', 'LEGAL_AID', 'CHARITY'];

describeDb('push delivery to the six partner systems', () => {
  let env: TestEnvironment;
  let fleet: PartnerFleet;

  beforeAll(async () => {
    fleet = await startPartnerFleet('http://127.0.0.1:1', { answers: { acknowledgeAfterMs: 5, decide: { afterMs: 5, decision: 'APPROVED' } } });
    const partners = parsePartners(fleet.partnersFile, PROTOCOLS);
    const connections: PartnerConnection[] = partners.filter((p) => p.mode === 'PUSH').map((p) => connectionOf(p, fleet.env, 'http://127.0.0.1:1'));
    const adapters = connections.map((c) => PROTOCOLS.find((p) => p.name === c.protocol)!.create(c));
    env = await createTestEnvironment({
      now: '2026-04-07T09:00:00+08:00',
      hub: { partnerSetup: { partners, adapters }, jobs: new Set(['dispatcher']), dispatcherOptions: { pollMs: 100 } },
    });
    const hubUrl = `http://127.0.0.1:${(env.server.address() as AddressInfo).port}`;
    fleet.setHubUrl(hubUrl);
    for (const c of connections) c.callbackUrl = `${hubUrl}/partners/${c.department.toLowerCase()}/callback`;
  }, 60_000);
  afterAll(async () => {
    await env.close(); // stops the dispatcher before the partners go away
    await fleet.close();
    const logs = env.logs.join('');
    for (const value of Object.values(fleet.env).filter((v) => v.length >= 16)) expect(logs).not.toContain(value); // secrets and keys
  });

  it('delivers once to each, takes every answer, and the case closes', async () => {
    const clerk = await env.token(Role.CLERK, '3707');
    const admin = await env.token(Role.ADMIN, '');
    const input = application({ categories: CATEGORIES });
    // A grown son out of work, for the employment bureau (就业援助).
    (input.household as unknown[]).push({ person: { name: '李大伟', idNumber: freshIdNumber('20000315') }, relation: 'CHILD', laborCapable: true, employed: false });
    const res = await env.gql(clerk, SUBMIT, { input });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const c = res.data.submitApplication.case;
    const idOf = (d: string) => c.referrals.find((r: any) => r.department === d).id;

    const referrals = async () => (await env.gql(admin, 'query ($id: ID!) { case(id: $id) { status referrals { department status } } }', { id: c.id })).data.case;
    const answered = () => PUSH_DEPARTMENTS.every((d) => Object.values(fleet.simulators[d].callbacks.byStatus).reduce((a, b) => a + b, 0) === 2);
    await eventually(async () => answered() && (await referrals()).referrals.filter((r: any) => r.status === 'RESOLVED').length === PUSH_DEPARTMENTS.length, {
      timeout: 30_000,
      what: 'every department to answer twice and resolve its referral',
    });
    const pushed = (await referrals()).referrals.filter((r: any) => r.department !== 'CIVIL_AFFAIRS');
    expect(pushed.map((r: any) => [r.department, r.status]).sort()).toEqual(PUSH_DEPARTMENTS.map((d) => [d, 'RESOLVED']).sort());
    for (const d of PUSH_DEPARTMENTS) {
      expect(fleet.simulators[d].ledger.entries('DELIVER').map((e) => e.key)).toEqual([idOf(d)]);
      expect(fleet.simulators[d].callbacks.byStatus).toEqual({ 200: 2 }); // acknowledged, decided: both taken
    }

    // Each one's acknowledgement clock started when it was delivered (Tuesday 04-07: by Thursday 04-09) and was met the same day.
    for (const d of PUSH_DEPARTMENTS) {
      const read = await env.gql(admin, 'query ($id: ID!) { referral(id: $id) { acknowledgement { state acknowledgeBy acknowledgedOn } } }', { id: idOf(d) });
      expect([d, read.data.referral.acknowledgement]).toEqual([d, { state: 'MET', acknowledgeBy: '2026-04-09', acknowledgedOn: '2026-04-07' }]);
    }

    // Whole identity numbers went to the five that need them; the charity federation got them masked.
    const disclosures = await env.running.services.uow.dataSource.query("SELECT DISTINCT actor FROM access_log WHERE purpose = 'DELIVERY' ORDER BY actor");
    expect(disclosures.map((r: any) => r.actor)).toEqual(['EDUCATION', 'EMPLOYMENT', 'HOUSING', 'JUDICIAL', 'MEDICAL']);

    // Civil affairs pulls as before; its decision closes the case.
    const civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    const claimed = await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 10 });
    expect(claimed.data.claimReferrals.referrals.map((r: any) => r.id)).toEqual([idOf('CIVIL_AFFAIRS')]);
    await env.gql(civil, ACK, { id: idOf('CIVIL_AFFAIRS') });
    const resolved = await env.gql(civil, RESOLVE, { id: idOf('CIVIL_AFFAIRS'), decision: 'APPROVED', amountFen: 80000 });
    expect(resolved.data.resolveReferral.userErrors).toEqual([]);
    expect((await referrals()).status).toBe('CLOSED');

    const metrics = await request(env.server).get('/metrics');
    for (const d of PUSH_DEPARTMENTS) expect(metrics.text).toContain(`hub_deliveries_total{department="${d}",kind="DELIVER",result="SENT"} 1`);
    // Two callbacks each: both applied, or the acknowledgement found the decision there first (STALE).
    const taken = [...metrics.text.matchAll(/hub_partner_callbacks_total\{department="(\w+)",result="(APPLIED|STALE)"\} (\d+)/g)];
    for (const d of PUSH_DEPARTMENTS) expect(taken.filter((m) => m[1] === d).reduce((n, m) => n + Number(m[3]), 0)).toBe(2);
    expect(metrics.text).toContain('hub_graphql_request_duration_seconds_count{operation="Submit",outcome="ok"}');
  });
});
