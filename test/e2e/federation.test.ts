import { Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { SUBMIT } from '../support/operations';

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Case { id caseNo }
    ... on Referral { id department }
    ... on Person { id name }
  }
}`;

describeDb('federation subgraph: _service and _entities', () => {
  let env: TestEnvironment;
  const cases: any[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment();
    const clerk = await env.token(Role.CLERK, TOWNSHIP);
    for (let i = 0; i < 12; i++) {
      const res = await env.gql(clerk, SUBMIT, { input: application() });
      cases.push(res.data.submitApplication.case);
    }
  }, 60_000);
  afterAll(() => env.close());

  it('publishes its SDL with the entity keys', async () => {
    const res = await env.gql(null, '{ _service { sdl } }');
    expect(res.data._service.sdl).toMatch(/type Case\s+@key\(fields: "id"\)/);
    expect(res.data._service.sdl).toMatch(/type Referral\s+@key\(fields: "id"\)/);
    expect(res.data._service.sdl).toMatch(/type Person\s+@key\(fields: "id"\)/);
  });

  it('resolves references in one statement per entity type, in the order asked', async () => {
    const admin = await env.token(Role.ADMIN, '');
    const representations = [
      ...cases.map((c) => ({ __typename: 'Case', id: c.id })),
      ...cases.map((c) => ({ __typename: 'Referral', id: c.referrals[0].id })),
      ...cases.map((c) => ({ __typename: 'Person', id: c.applicant.id })),
    ];
    const before = env.running.statements.count;
    const res = await env.gql(admin, ENTITIES, { representations });
    // One per entity type, and the request's look-up of the calendar revision (calendar.service.ts).
    expect(env.running.statements.count - before).toBe(4);
    expect(res.errors).toBeUndefined();
    expect(res.data._entities.map((e: any) => e.id)).toEqual(representations.map((r) => r.id));
    expect(res.data._entities[0]).toEqual({ __typename: 'Case', id: cases[0].id, caseNo: cases[0].caseNo });
  });

  it('applies the same access rules to references as to queries', async () => {
    const otherCounty = await env.token(Role.DASHBOARD, '370784');
    const res = await env.gql(otherCounty, ENTITIES, { representations: [{ __typename: 'Case', id: cases[0].id }] });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await env.gql(null, ENTITIES, { representations: [{ __typename: 'Person', id: cases[0].applicant.id }] });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
