import { Writable } from 'node:stream';
import request from 'supertest';
import { Department, Role } from '../../src/access/roles';
import { loadConfig } from '../../src/config';
import { ManualClock } from '../../src/common/clock';
import { createHub, RunningHub } from '../../src/server';
import { createTestEnvironment, TEST_DATA_KEY, TEST_JWT_SECRET, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, RESOLVE, SUBMIT } from '../support/operations';

describeDb('timeline order with two hub processes whose clocks disagree', () => {
  let env: TestEnvironment;
  let behind: RunningHub;

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-04-20T10:00:05+08:00' });
    behind = await createHub({
      config: loadConfig({ HUB_DATABASE_URL: env.db.url, HUB_JWT_SECRET: TEST_JWT_SECRET, HUB_DATA_KEY: TEST_DATA_KEY }),
      clock: new ManualClock('2026-04-20T10:00:00+08:00'), // five seconds behind
      logDestination: new Writable({ write: (_c, _e, done) => done() }),
      jobs: new Set(['dispatcher']),
    });
  });
  afterAll(async () => {
    await behind.close();
    await env.close();
  });

  it('lists events in the order they were appended, not by their hosts\' clocks', async () => {
    const clerk = await env.token(Role.CLERK, TOWNSHIP);
    const civil = await env.token(Role.DEPARTMENT, '370783', Department.CIVIL_AFFAIRS);
    const c = (await env.gql(clerk, SUBMIT, { input: application({ categories: ['TEMPORARY'], hardship: { emergency: true } }) })).data.submitApplication.case;
    await env.gql(civil, CLAIM, { department: 'CIVIL_AFFAIRS', limit: 10 });
    await env.gql(civil, ACK, { id: c.referrals[0].id });
    const res = await request(behind.app).post('/graphql').set('Authorization', `Bearer ${civil}`).send({ query: RESOLVE, variables: { id: c.referrals[0].id, decision: 'APPROVED' } });
    expect(res.body.data.resolveReferral.userErrors).toEqual([]);
    const read = await env.gql(clerk, `query($id: ID!) { case(id: $id) { status timeline { type at } referrals { timeline { type } } } }`, { id: c.id });
    const types = read.data.case.timeline.map((e: any) => e.type);
    expect(types).toEqual(['CASE_ACCEPTED', 'REFERRAL_CREATED', 'REFERRAL_DELIVERED', 'REFERRAL_ACKNOWLEDGED', 'REFERRAL_RESOLVED', 'CASE_CLOSED']);
    expect(read.data.case.referrals[0].timeline.map((e: any) => e.type)).toEqual(types);
    // The resolution's own clock was behind: its time is earlier, its place is not.
    expect(read.data.case.timeline[4].at < read.data.case.timeline[3].at).toBe(true);
  });
});
