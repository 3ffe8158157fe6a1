import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import request from 'supertest';
import { createLogger } from '../src/logger';
import { Department, Role } from '../src/access/roles';
import { Authenticator } from '../src/access/authenticator';
import { SubgraphEntry } from '../src/federation/supergraph';
import { createTestEnvironment, TEST_JWT_SECRET, TestEnvironment, TOWNSHIP } from '../test/support/environment';
import { describeDb } from '../test/support/test-database';
import { application } from '../test/support/applications';
import { SUBMIT } from '../test/support/operations';
import { createMedicalSubgraph } from '../subgraphs/medical/subgraph';
import { MedicalStore } from '../subgraphs/medical/store';
import { createGateway } from './gateway';

// One endpoint for the federation: the gateway in front of the real hub (SQLite or MariaDB) and
// the medical insurance bureau's subgraph, over HTTP. The gateway serves the checked-in supergraph
// (composed with localhost:4000 and :4200) and routes to the ports of its subgraph list: proxies in
// front of each subgraph, which count the calls and can be "down".

const ROOT = join(__dirname, '..');
const SUPERGRAPH = join(ROOT, 'schema', 'supergraph.graphql');

/** A logger whose JSON lines a test reads. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(sink, 'debug', 'federation-gateway'), lines };
}
const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** A counting proxy in front of a subgraph (the gateway's calls to it), which can be "down". */
function countingProxy(target: () => number) {
  const state = { calls: 0, down: false, lastHeaders: {} as http.IncomingHttpHeaders, bytes: 0 };
  const server = http.createServer((req, res) => {
    if (state.down) return void req.socket.destroy();
    state.calls++;
    state.lastHeaders = req.headers;
    req.on('data', (chunk: Buffer) => (state.bytes += chunk.length));
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
  let subgraphs: SubgraphEntry[];
  const log = capturedLogger();
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
    subgraphs = [
      { name: 'hub', url: `http://127.0.0.1:${hubPort}/graphql`, schema: 'schema/hub.graphql' },
      { name: 'medical', url: `http://127.0.0.1:${medicalPort}/graphql`, schema: 'subgraphs/medical/schema.graphql' },
    ];
    gateway = createGateway({ supergraphPath: SUPERGRAPH, subgraphs, production: false, logger: log.logger });
    await listen(gateway.server);

    const clerk = await env.token(Role.CLERK, '3707');
    for (let i = 0; i < 12; i++) {
      const res = await env.gql(clerk, SUBMIT, { input: application({ categories: ['MEDICAL', 'EDUCATION'] }) });
      const c = res.data.submitApplication.case;
      caseNos.push(c.caseNo);
      const m = c.referrals.find((r: any) => r.department === 'MEDICAL').id;
      medicalReferrals.push(m);
      store.setSettlement(m, TOWNSHIP, { insuredStatus: 'INSURED', reimbursedFen: 100_000 + i, selfPaidFen: 20_000, settledAt: '2026-04-20T10:00:00.000+08:00' });
      store.setInsurance(c.applicant.id, TOWNSHIP);
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

  it('still answers the hub’s fields when the medical subgraph is down, naming it once with the paths', async () => {
    expect((await request(gateway.server).get('/readyz')).status).toBe(200);
    medicalProxy.state.down = true;
    try {
      const res = await ask(await env.token(Role.ADMIN, ''), PAGE);
      expect(res.body.data.cases.edges).toHaveLength(12);
      expect(res.body.data.cases.edges[0].node.caseNo).toBeTruthy();
      // One error for the subgraph (it was one per entity), with every path it left null.
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'medical' } });
      expect(res.body.errors[0].extensions.paths.length).toBeGreaterThanOrEqual(12);
      expect(res.body.errors[0].extensions.paths[0]).toEqual(res.body.errors[0].path);
      expect(JSON.stringify(res.body.errors)).not.toMatch(/representations|ECONNREFUSED|stack/);
      expect((await request(gateway.server).get('/readyz')).status).toBe(503);
    } finally {
      medicalProxy.state.down = false;
    }
    expect((await request(gateway.server).get('/healthz')).status).toBe(200);
  });

  it('forwards the caller’s token to the subgraphs and nothing else of the caller’s, with a request id of its own', async () => {
    const admin = await env.token(Role.ADMIN, '');
    const res = await request(gateway.server)
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${admin}`)
      .set('Cookie', 'session=abc')
      .set('X-Forwarded-For', '10.0.0.9')
      .set('X-Debug', 'on')
      .set('X-Request-Id', 'caller-chosen-id')
      .send({ query: PAGE });
    expect(res.body.errors).toBeUndefined();
    const own = res.headers['x-request-id'];
    expect(own).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    for (const seen of [hubProxy.state.lastHeaders, medicalProxy.state.lastHeaders]) {
      expect(seen.authorization).toBe(`Bearer ${admin}`);
      expect(seen.cookie).toBeUndefined();
      expect(seen['x-forwarded-for']).toBeUndefined();
      expect(seen['x-debug']).toBeUndefined();
      expect(seen['x-request-id']).toBe(own);
    }
    // The caller's headers a subgraph receives: the token, and what the gateway itself sets.
    const callerHeaders = ['authorization', 'cookie', 'x-forwarded-for', 'x-debug', 'x-request-id'];
    expect(callerHeaders.filter((h) => hubProxy.state.lastHeaders[h] !== undefined)).toEqual(['authorization', 'x-request-id']);
  });

  it('refuses a body over 1 MB before calling anyone, however it is framed', async () => {
    const before = { calls: hubProxy.state.calls, bytes: hubProxy.state.bytes };
    const big = JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` });
    const declared = await request(gateway.server).post('/graphql').set('Content-Type', 'application/json').send(big);
    expect(declared.status).toBe(413);
    // Chunked: no Content-Length to read, the bytes are counted as they come.
    const port = (gateway.server.address() as AddressInfo).port;
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      for (let at = 0; at < big.length; at += 64 * 1024) req.write(big.slice(at, at + 64 * 1024));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(hubProxy.state.calls).toBe(before.calls);
    // A chunked body under the limit goes through.
    const small = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.write('{"query":"{ __typename }');
      req.end('"}');
    });
    expect(small).toBe(200);
  });

  it('routes to the subgraph list’s URLs, and its readiness probes the same ones', async () => {
    // Today's gateway is already on the checked-in supergraph (localhost:4000, :4200) with a list of
    // proxy ports: every answer above came through the list. A list pointing elsewhere is followed too.
    const dead = http.createServer();
    const deadPort = await listen(dead);
    await new Promise((r) => dead.close(r));
    const elsewhere = createGateway({
      supergraphPath: SUPERGRAPH,
      subgraphs: [subgraphs[0], { ...subgraphs[1], url: `http://127.0.0.1:${deadPort}/graphql` }],
      production: false,
      logger: false,
    });
    try {
      await listen(elsewhere.server);
      expect((await request(elsewhere.server).get('/readyz')).status).toBe(503);
      const before = medicalProxy.state.calls;
      const res = await request(elsewhere.server).post('/graphql').set('Authorization', `Bearer ${await env.token(Role.ADMIN, '')}`).send({ query: PAGE });
      expect(res.body.data.cases.edges).toHaveLength(12);
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'medical' });
      expect(medicalProxy.state.calls).toBe(before);
    } finally {
      await elsewhere.close();
    }
    // A list that does not match the supergraph is refused at start, naming the subgraph.
    expect(() => createGateway({ supergraphPath: SUPERGRAPH, subgraphs: [subgraphs[0]], production: false, logger: false })).toThrow(/no entry for subgraph medical/);
  });

  it('serves neither GraphiQL nor introspection in production, and a browser a page saying so', async () => {
    const production = createGateway({ supergraphPath: SUPERGRAPH, subgraphs, production: true, logger: false });
    try {
      for (const gw of [production, gateway]) {
        const page = await request(gw.server).get('/graphql').set('Accept', 'text/html');
        expect(page.status).toBe(200);
        expect(page.text).toContain('GraphiQL');
        // Nothing loaded from anywhere: no script, no stylesheet.
        expect(page.text).not.toMatch(/<script|<link|https?:\/\//);
      }
      const introspection = await request(production.server).post('/graphql').set('Content-Type', 'application/json').send({ query: '{ __schema { queryType { name } } }' });
      expect(introspection.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(introspection.body.data).toBeUndefined();
    } finally {
      await production.close().catch(() => undefined);
    }
  });

  it('writes JSON lines with no identity number, in development and production, when a subgraph fails', async () => {
    const idNumber = '370783195501010027';
    const query = 'query ($id: String!) { cases(first: 5, filter: { idNumber: $id }) { edges { node { caseNo } } } }';
    for (const production of [false, true]) {
      const captured = capturedLogger();
      const gw = createGateway({ supergraphPath: SUPERGRAPH, subgraphs, production, logger: captured.logger });
      hubProxy.state.down = true;
      try {
        const res = await request(gw.server).post('/graphql').set('Authorization', `Bearer ${await env.token(Role.ADMIN, '')}`).send({ query, variables: { id: idNumber } });
        expect(res.body.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
      } finally {
        hubProxy.state.down = false;
        await gw.close();
      }
      expect(captured.lines.length).toBeGreaterThan(0);
      for (const line of captured.lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(captured.lines.join('\n')).not.toMatch(/\d{17}[\dXx]/);
      expect(captured.lines.join('\n')).not.toContain('idNumber');
    }
    // And nothing of the kind in this file's other requests' lines either.
    expect(log.lines.join('\n')).not.toMatch(/\d{17}[\dXx]/);
  });
});
