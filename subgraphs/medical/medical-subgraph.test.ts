import request from 'supertest';
import type { Express } from 'express';
import { Authenticator } from '../../src/access/authenticator';
import { signToken } from '../../src/access/tokens';
import { Department, Role } from '../../src/access/roles';
import { createMedicalSubgraph } from './subgraph';
import { MedicalStore } from './store';

// The medical insurance bureau's subgraph over HTTP, as the gateway calls it: entity look-ups
// (_entities) batched into one store call per kind, and the hub's token rules and region scope
// applied to a caller who reaches the subgraph's port directly, whatever its representations say.

const SECRET = 'medical-subgraph-test-secret-0123456789abcdef';
const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Referral { id medicalSettlement { insuredStatus reimbursedFen selfPaidFen settledAt } }
    ... on Person { id medicalInsurance { scheme insuredSince } }
  }
}`;

describe('the medical insurance subgraph', () => {
  let app: Express;
  let stop: () => Promise<void>;
  const store = new MedicalStore();
  const token = (role: Role, department: Department | null = null, region = '3707') =>
    signToken({ sub: `${role}-test`, role, region, department, ttlSeconds: 600 }, SECRET, new Date());
  const ask = (bearer: string | null, representations: unknown[]) => {
    const req = request(app).post('/graphql').set('Content-Type', 'application/json');
    if (bearer) req.set('Authorization', `Bearer ${bearer}`);
    return req.send({ query: ENTITIES, variables: { representations } });
  };
  const referrals = Array.from({ length: 20 }, (_, i) => ({ __typename: 'Referral', id: `01JBREF${String(i).padStart(19, '0')}`, department: 'MEDICAL' }));
  const people = Array.from({ length: 5 }, (_, i) => ({ __typename: 'Person', id: `01JBPER${String(i).padStart(19, '0')}` }));

  beforeAll(async () => {
    store.setSettlement(referrals[0].id, '370783104', { insuredStatus: 'INSURED', reimbursedFen: 840_000, selfPaidFen: 360_000, settledAt: '2026-11-20T10:00:00.000+08:00' });
    store.setSettlement(referrals[1].id, '370783104', null);
    for (const r of referrals.slice(2)) store.setSettlement(r.id, '370783001');
    for (const p of people) store.setInsurance(p.id, '370783');
    ({ app, stop } = await createMedicalSubgraph({ authenticator: new Authenticator({ jwtSecret: SECRET, jwksUrl: null, jwtIssuer: null, jwtAudience: null, jwtClockToleranceSeconds: 30 }, null), store, production: false }));
  });
  afterAll(() => stop());

  it('answers a page of entities with one store look-up per kind, not one per entity', async () => {
    const before = store.batches;
    const res = await ask(await token(Role.DEPARTMENT, Department.MEDICAL), [...referrals, ...people]);
    expect(res.body.errors).toBeUndefined();
    const entities = res.body.data._entities;
    expect(entities).toHaveLength(25);
    expect(entities[0]).toEqual({ id: referrals[0].id, medicalSettlement: { insuredStatus: 'INSURED', reimbursedFen: 840_000, selfPaidFen: 360_000, settledAt: '2026-11-20T10:00:00.000+08:00' } });
    expect(entities[1].medicalSettlement).toBeNull(); // not settled yet
    expect(entities.slice(20).every((p: any) => p.medicalInsurance === null || /^\d{4}-\d{2}-\d{2}$/.test(p.medicalInsurance.insuredSince))).toBe(true);
    expect(store.batches - before).toBe(2);
  });

  it('has no settlement for a referral the bureau never received, whatever the representation claims', async () => {
    const education = '01JBEDU0000000000000000001';
    const res = await ask(await token(Role.ADMIN, null, ''), [{ __typename: 'Referral', id: education, department: 'MEDICAL' }]);
    expect(res.body.data._entities).toEqual([{ id: education, medicalSettlement: null }]);
  });

  it('answers nothing outside the caller’s region: a clerk of another province, the bureau of another county', async () => {
    for (const bearer of [await token(Role.CLERK, null, '44'), await token(Role.DEPARTMENT, Department.MEDICAL, '370781'), await token(Role.DASHBOARD, null, '370782')]) {
      const res = await ask(bearer, [referrals[0], people[0]]);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data._entities).toEqual([
        { id: referrals[0].id, medicalSettlement: null },
        { id: people[0].id, medicalInsurance: null },
      ]);
    }
    // A township's clerk sees its own township's settlement and not the neighbour's.
    const township = await ask(await token(Role.CLERK, null, '370783104'), [referrals[0], referrals[2]]);
    expect(township.body.data._entities[0].medicalSettlement).toMatchObject({ reimbursedFen: 840_000 });
    expect(township.body.data._entities[1].medicalSettlement).toBeNull();
    // The bureau of the county itself sees both.
    const bureau = await ask(await token(Role.DEPARTMENT, Department.MEDICAL, '370783'), [referrals[0]]);
    expect(bureau.body.data._entities[0].medicalSettlement).toMatchObject({ reimbursedFen: 840_000 });
  });

  it('gives another department nothing of medical data, and a dashboard settlements but no one’s insurance', async () => {
    const education = await ask(await token(Role.DEPARTMENT, Department.EDUCATION), [referrals[0], people[0]]);
    expect(education.body.data._entities).toEqual([
      { id: referrals[0].id, medicalSettlement: null },
      { id: people[0].id, medicalInsurance: null },
    ]);
    const dashboard = await ask(await token(Role.DASHBOARD), [referrals[0], people[0]]);
    expect(dashboard.body.data._entities[0].medicalSettlement).toMatchObject({ reimbursedFen: 840_000 });
    expect(dashboard.body.data._entities[1]).toEqual({ id: people[0].id, medicalInsurance: null });
  });

  it('refuses a request without a token, or with a forged one, saying nothing more', async () => {
    const none = await ask(null, [referrals[0]]);
    expect(none.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'NO_TOKEN' });
    expect(JSON.stringify(none.body)).not.toContain('840000');
    const forged = await ask(`${await token(Role.ADMIN)}x`, [referrals[0]]);
    expect(forged.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID' });
  });
});
