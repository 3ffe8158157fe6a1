import request from 'supertest';
import { Role } from '../../src/access/roles';
import { signToken } from '../../src/access/tokens';
import { TestEnvironment, TEST_JWT_SECRET } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { ACK, CLAIM, SUBMIT } from '../support/operations';
import { accessFixture, COUNTY, Q } from '../support/access-fixture';

// DESIGN.md "Access": tokens (HS256 and the identity provider's), what a refusal says, and the
// operations endpoints that need none.

describeDb('access: who is calling', () => {
  const f = accessFixture();
  const { t, ref, count, expectRefused } = f;
  let env: TestEnvironment;
  let main: any;
  beforeAll(() => {
    ({ env, main } = f);
  });

  describe('authentication', () => {
    const operations: Array<[string, string, () => Record<string, unknown>]> = [
      ['case', Q.case, () => ({ id: main.id })],
      ['caseByNo', Q.caseByNo, () => ({ no: main.caseNo })],
      ['cases', Q.cases, () => ({})],
      ['referral', Q.referral, () => ({ id: ref('MEDICAL') })],
      ['referrals', Q.referrals, () => ({})],
      ['submitApplication', SUBMIT, () => ({ input: application() })],
      ['claimReferrals', CLAIM, () => ({ department: 'MEDICAL', limit: 10 })],
      ['acknowledgeReferral', ACK, () => ({ id: ref('MEDICAL') })],
      ['slaReport', Q.slaReport, () => ({ region: COUNTY })],
      ['workingCalendar', Q.workingCalendar, () => ({})],
      ['addWorkingDays', Q.addWorkingDays, () => ({})],
      ['publishWorkingCalendar', Q.publish, () => ({})],
      ['withdrawCase', Q.withdraw, () => ({ id: main.id })],
    ];

    it.each(operations)('%s without a token answers UNAUTHENTICATED and writes nothing', async (_name, query, variables) => {
      const before = await Promise.all(['cases', 'timeline_events', 'access_log'].map(count));
      const res = await env.gql(null, query, variables());
      expectRefused(res, 'UNAUTHENTICATED');
      expect(res.status).toBe(401);
      expect(res.data == null || Object.values(res.data).every((v) => v === null)).toBe(true);
      expect(await Promise.all(['cases', 'timeline_events', 'access_log'].map(count))).toEqual(before);
    });

    const badTokens: Array<[string, () => Promise<string>]> = [
      ['a malformed token', async () => 'not-a-jwt'],
      ['an expired token', () => signToken({ sub: 'old', role: Role.ADMIN, region: '', ttlSeconds: 60 }, TEST_JWT_SECRET, new Date('2026-03-01T00:00:00Z'))],
      ['a token signed with another secret', () => signToken({ sub: 'forger', role: Role.ADMIN, region: '', ttlSeconds: 3600 }, 'x'.repeat(48), env.clock.now())],
      ['an unsigned alg:none token', async () => {
        const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
        return `${part({ alg: 'none' })}.${part({ sub: 'x', role: 'ADMIN', region: '', exp: 4102444800 })}.`;
      }],
      ['a DEPARTMENT token without a department', () => signToken({ sub: 'd', role: Role.DEPARTMENT, region: COUNTY, ttlSeconds: 3600 }, TEST_JWT_SECRET, env.clock.now())],
    ];

    it.each(badTokens)('%s answers UNAUTHENTICATED for reads and writes', async (_label, make) => {
      const token = await make();
      for (const [query, variables] of [[Q.case, { id: main.id }], [SUBMIT, { input: application() }], [Q.workingCalendar, {}]] as const) {
        const res = await env.gql(token, query, variables);
        expectRefused(res, 'UNAUTHENTICATED');
        expect(res.status).toBe(401);
        expect(res.data?.case ?? res.data?.submitApplication ?? res.data?.workingCalendar ?? null).toBeNull();
      }
    });

    it('refuses an Authorization header that is not a bearer token', async () => {
      const res = await request(env.server).post('/graphql').set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`)
        .send({ query: Q.workingCalendar });
      expect(res.body.errors.map((e: any) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      expect(res.body.data ?? null).toBeNull();
    });

    it('answers with a valid token (the refusals above are about the token)', async () => {
      const res = await env.gql(t.clerk, Q.case, { id: main.id });
      expect(res.errors).toBeUndefined();
      expect(res.data.case.id).toBe(main.id);
    });
  });

  describe('operations endpoints', () => {
    it('/healthz and /readyz answer 200 without a token', async () => {
      const health = await request(env.server).get('/healthz');
      expect([health.status, health.body]).toEqual([200, { status: 'ok' }]);
      const ready = await request(env.server).get('/readyz');
      expect([ready.status, ready.body]).toEqual([200, { status: 'ready' }]);
    });
  });
});
