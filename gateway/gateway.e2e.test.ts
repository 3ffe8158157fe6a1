import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Department, Role } from '../src/access/roles';
import { Authenticator } from '../src/access/authenticator';
import { composeSupergraph, SubgraphEntry } from '../src/federation/supergraph';
import { createTestEnvironment, TEST_JWT_SECRET, TestEnvironment } from '../test/support/environment';
import { describeDb } from '../test/support/test-database';
import { application } from '../test/support/applications';
import { SUBMIT } from '../test/support/operations';
import { createMedicalSubgraph } from '../subgraphs/medical/subgraph';
import { MedicalStore } from '../subgraphs/medical/store';
import { createGateway } from './gateway';

// One endpoint for the federation: the gateway in front of the real hub (SQLite or MariaDB) and
// the medical insurance bureau's subgraph, over HTTP. Subgraph calls are counted at a proxy in
// front of each subgraph.

const ROOT = join(__dirname, '..');
const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** A counting proxy in front of a subgraph (the gateway's calls to it), which can be "down". */
function countingProxy(target: () => number) {
  const state = { calls: 0, down: false, lastHeaders: {} as http.IncomingHttpHeaders };
  const server = http.createServer((req, res) => {
    if (state.down) return void req.socket.destroy();
    state.calls++;
    state.lastHeaders = req.headers;
    const upstream = http.request({ host: '127.0.0.1', port: target(), path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  return { server, state };
}

describeDb('the federation gateway', () => {
  let env: TestEnvironment;
  let medical: { app: import('express').Express; stop: () => Promise<void> };
  let medicalServer: http.Server;
  let gateway: ReturnType<typeof createGateway>;
  const store = new MedicalStore();
  const hubProxy = countingProxy(() => (env.server.address() as AddressInfo).port);
  const medicalProxy = countingProxy(() => (medicalServer.address() as AddressInfo).port);
  const caseNos: string[] = [];
  const medicalReferrals: string[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment({ now: '2026-04-07T09:00:00+08:00' });
    const authenticator = new Authenticator({ jwtSecret: TEST_JWT_SECRET, jwksUrl: null, jwtIssuer: null, jwtAudience: null, jwtClockToleranceSeconds: 30 }, null);
    medical = await createMedicalSubgraph({ authenticator, store, production: false });
    medicalServer = http.createServer(medical.app);
    await listen(medicalServer);
    const hubPort = await listen(hubProxy.server);
    const medicalPort = await listen(medicalProxy.server);
    const subgraphs: SubgraphEntry[] = [
      { name: 'hub', url: `http://127.0.0.1:${hubPort}/graphql`, schema: 'schema/hub.graphql' },
      { name: 'medical', url: `http://127.0.0.1:${medicalPort}/graphql`, schema: 'subgraphs/medical/schema.graphql' },
    ];
    const composed = composeSupergraph(subgraphs, ROOT);
    if (!composed.ok) throw new Error(composed.errors.join('\n'));
    const supergraphPath = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
    writeFileSync(supergraphPath, composed.supergraphSdl);
    gateway = createGateway({ supergraphPath, subgraphs, production: false, logging: false });
    await listen(gateway.server);

    const clerk = await env.token(Role.CLERK, '3707');
    for (let i = 0; i < 12; i++) {
      const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['MEDICAL', 'EDUCATION'] }) });
      const c = res.data.submitApplication.case;
      caseNos.push(c.caseNo);
      const m = c.referrals.find((r: any) => r.department === 'MEDICAL').id;
      medicalReferrals.push(m);
      store.setSettlement(m, { insuredStatus: 'INSURED', reimbursedFen: 100_000 + i, selfPaidFen: 20_000, settledAt: '2026-04-20T10:00:00.000+08:00' });
    }
  }, 60_000);
  afterAll(async () => {
    await gateway.close();
    await Promise.all([hubProxy.server, medicalProxy.server, medicalServer].map((s) => new Promise((r) => s.close(r))));
    await medical.stop();
    await env.close();
  });

  const ask = (token: string | null, query: string, variables?: unknown) => {
    const req = request(gateway.server).post('/graphql').set('Content-Type', 'application/json');
    if (token) req.set('Authorization', `Bearer ${token}`);
    return req.send({ query, variables });
  };
  const PAGE = `{ cases(first: 20) { edges { node { caseNo applicant { idNumber medicalInsurance { scheme } }
    referrals { department status medicalSettlement { reimbursedFen insuredStatus } } } } } }`;

  it('answers a county page of cases with the medical settlements in one request, in a bounded number of subgraph calls', async () => {
    const county = await env.token(Role.CLERK, '3707');
    const before = { hub: hubProxy.state.calls, medical: medicalProxy.state.calls };
    const res = await ask(county, PAGE);
    expect(res.body.errors).toBeUndefined();
    const edges = res.body.data.cases.edges;
    expect(edges).toHaveLength(12);
    const settled = edges.flatMap((e: any) => e.node.referrals.filter((r: any) => r.department === 'MEDICAL').map((r: any) => r.medicalSettlement.reimbursedFen));
    expect(settled.sort()).toEqual(Array.from({ length: 12 }, (_, i) => 100_000 + i).sort());
    expect(edges.every((e: any) => e.node.referrals.find((r: any) => r.department === 'EDUCATION').medicalSettlement === null)).toBe(true);
    // One call to the hub, and the medical fields of every case in as few calls as the plan has levels.
    expect(hubProxy.state.calls - before.hub).toBe(1);
    expect(medicalProxy.state.calls - before.medical).toBeLessThanOrEqual(2);
  });

  it('keeps the token rules: dashboards read masked numbers, a department not another’s referral, no token nothing', async () => {
    const dashboard = await ask(await env.token(Role.DASHBOARD, '3707'), PAGE);
    const node = dashboard.body.data.cases.edges[0].node;
    expect(node.applicant.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(node.applicant.medicalInsurance).toBeNull();
    expect(node.referrals.find((r: any) => r.department === 'MEDICAL').medicalSettlement).not.toBeNull();
    const education = await env.token(Role.DEPARTMENT, '370783', Department.EDUCATION);
    const other = await ask(education, 'query ($id: ID!) { referral(id: $id) { id medicalSettlement { reimbursedFen } } }', { id: medicalReferrals[0] });
    expect(other.body.data?.referral ?? null).toBeNull();
    expect(JSON.stringify(other.body)).not.toContain('100000');
    const none = await ask(null, PAGE);
    expect(none.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'NO_TOKEN' });
    expect(none.body.data?.cases ?? null).toBeNull();
  });

  it('refuses a document too deep at the gateway, without calling a subgraph', async () => {
    const nest = (levels: number): string => (levels === 0 ? 'caseNo' : `referrals { case { ${nest(levels - 1)} } }`);
    const deep = `{ cases(first: 1) { edges { node { ${nest(6)} } } } }`; // 3 + 12 levels: over the limit of 12
    const before = hubProxy.state.calls;
    const res = await ask(await env.token(Role.ADMIN, ''), deep);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(hubProxy.state.calls).toBe(before);
  });

  it('still answers the hub’s fields when the medical subgraph is down, naming it', async () => {
    expect((await request(gateway.server).get('/readyz')).status).toBe(200);
    medicalProxy.state.down = true;
    try {
      const res = await ask(await env.token(Role.ADMIN, ''), PAGE);
      expect(res.body.data.cases.edges).toHaveLength(12);
      expect(res.body.data.cases.edges[0].node.caseNo).toBeTruthy();
      expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'medical' } });
      expect(JSON.stringify(res.body.errors)).not.toMatch(/representations|ECONNREFUSED|stack/);
      expect((await request(gateway.server).get('/readyz')).status).toBe(503);
    } finally {
      medicalProxy.state.down = false;
    }
    expect((await request(gateway.server).get('/healthz')).status).toBe(200);
  });

  it('forwards the caller’s token to the subgraphs and nothing else of the caller’s', async () => {
    const admin = await env.token(Role.ADMIN, '');
    const res = await request(gateway.server)
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${admin}`)
      .set('Cookie', 'session=abc')
      .set('X-Forwarded-For', '10.0.0.9')
      .set('X-Debug', 'on')
      .send({ query: PAGE });
    expect(res.body.errors).toBeUndefined();
    for (const seen of [hubProxy.state.lastHeaders, medicalProxy.state.lastHeaders]) {
      expect(seen.authorization).toBe(`Bearer ${admin}`);
      expect(seen.cookie).toBeUndefined();
      expect(seen['x-forwarded-for']).toBeUndefined();
      expect(seen['x-debug']).toBeUndefined();
    }
  });

  it('refuses a body over 1 MB before calling anyone', async () => {
    const before = hubProxy.state.calls;
    const res = await request(gateway.server).post('/graphql').set('Content-Type', 'application/json').send({ query: `{ __typename } #${'x'.repeat(1_100_000)}` });
    expect(res.status).toBe(413);
    expect(hubProxy.state.calls).toBe(before);
  });

  it('serves neither GraphiQL nor introspection in production', async () => {
    const composed = composeSupergraph(
      [
        { name: 'hub', url: `http://127.0.0.1:${(hubProxy.server.address() as AddressInfo).port}/graphql`, schema: 'schema/hub.graphql' },
        { name: 'medical', url: `http://127.0.0.1:${(medicalProxy.server.address() as AddressInfo).port}/graphql`, schema: 'subgraphs/medical/schema.graphql' },
      ],
      ROOT,
    );
    if (!composed.ok) throw new Error('no composition');
    const path = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
    writeFileSync(path, composed.supergraphSdl);
    const production = createGateway({ supergraphPath: path, subgraphs: [], production: true, logging: false });
    try {
      const page = await request(production.server).get('/graphql').set('Accept', 'text/html');
      expect(page.text).not.toMatch(/graphiql/i);
      const introspection = await request(production.server).post('/graphql').set('Content-Type', 'application/json').send({ query: '{ __schema { queryType { name } } }' });
      expect(introspection.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(introspection.body.data).toBeUndefined();
    } finally {
      await production.close().catch(() => undefined);
    }
  });
});
