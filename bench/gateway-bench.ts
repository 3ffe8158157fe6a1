/**
 * The federation gateway's cost, in one run: the dashboard page of 100 cases (with referrals and
 * timelines) straight to the hub and through the gateway, and through the gateway with the medical
 * insurance bureau's fields added:
 *   npm run bench:gateway                                  # on a temporary SQLite file
 *   HUB_BENCH_DATABASE_URL=mysql://root:@127.0.0.1:3306/hub_gateway_bench npm run bench:gateway
 * p50/p95 over HUB_BENCH_ROUNDS (40) requests each, after a warm-up. Numbers, not assertions.
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { signToken } from '../src/access/tokens';
import { Role } from '../src/access/roles';
import { checkCharacter } from '../src/access/identity-number';
import { Authenticator } from '../src/access/authenticator';
import { createMedicalSubgraph } from '../subgraphs/medical/subgraph';
import { MedicalStore } from '../subgraphs/medical/store';
import { createGateway } from '../gateway/gateway';
import { createBenchDatabase } from './shared/database';
import { BENCH_SECRET, bootHub, runBench } from './shared/hub';

const ROUNDS = Number(process.env.HUB_BENCH_ROUNDS ?? 40);
const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

function idNumber(n: number): string {
  const first17 = `370783${1950 + (n % 50)}0101${String(n % 1000).padStart(3, '0')}`.slice(0, 17);
  return first17 + checkCharacter(first17);
}

async function main(): Promise<void> {
  const db = await createBenchDatabase('hub_gateway_bench');
  const { running } = await bootHub(db.url);
  const hubServer = http.createServer(running.app);
  const hubPort = await listen(hubServer);
  const authenticator = new Authenticator({ jwtSecret: BENCH_SECRET, jwksUrl: null, jwtIssuer: null, jwtAudience: null, jwtClockToleranceSeconds: 30 }, null);
  const store = new MedicalStore();
  const medical = await createMedicalSubgraph({ authenticator, store, production: true });
  const medicalServer = http.createServer(medical.app);
  const medicalPort = await listen(medicalServer);
  const subgraphs = [
    { name: 'hub', url: `http://127.0.0.1:${hubPort}/graphql`, schema: 'schema/hub.graphql' },
    { name: 'medical', url: `http://127.0.0.1:${medicalPort}/graphql`, schema: 'subgraphs/medical/schema.graphql' },
  ];
  // The checked-in supergraph, routed to this run's ports by the list (as a deployment is).
  const gateway = createGateway({ supergraphPath: join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), subgraphs, production: true, logger: false });
  const gatewayPort = await listen(gateway.server);

  const token = (role: Role, region: string) => signToken({ sub: 'bench', role, region, ttlSeconds: 3600 }, BENCH_SECRET, new Date());
  const post = async (port: number, bearer: string, query: string, variables?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
    return body.data;
  };
  const clerk = await token(Role.CLERK, '370783');
  for (let i = 0; i < 100; i++) {
    const submitted = await post(hubPort, clerk, 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { case { referrals { id department } } userErrors { code } } }', {
      input: {
        idempotencyKey: `gw-${i}`,
        townshipCode: '370783104',
        applicant: { name: '王秀英', idNumber: idNumber(i * 2) },
        applicantMonthlyIncomeFen: 60000,
        household: [{ person: { name: '李强', idNumber: idNumber(i * 2 + 1) }, relation: 'SPOUSE', seriouslyIll: true }],
        categories: ['MEDICAL', 'EDUCATION', 'TEMPORARY'],
      },
    });
    // The bureau holds a (simulated) settlement for each medical referral it received, with its township.
    for (const r of submitted.submitApplication.case.referrals) if (r.department === 'MEDICAL') store.setSettlement(r.id, '370783104');
  }
  const dashboard = await token(Role.DASHBOARD, '37');
  const PAGE = `{ cases(first: 100) { edges { node { id caseNo applicant { name idNumber } household { relation person { name idNumber } }
    referrals { status sla { state dueDate } } sla { state } timeline { type at referral { id } } } } } }`;
  const WITH_MEDICAL = PAGE.replace('referrals { status sla { state dueDate } }', 'referrals { status department sla { state dueDate } medicalSettlement { reimbursedFen selfPaidFen } }');
  const measure = async (port: number, query: string) => {
    for (let i = 0; i < 5; i++) await post(port, dashboard, query);
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      await post(port, dashboard, query);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(ROUNDS * 0.5)], p95: times[Math.floor(ROUNDS * 0.95)] };
  };
  const direct = await measure(hubPort, PAGE);
  const through = await measure(gatewayPort, PAGE);
  const federated = await measure(gatewayPort, WITH_MEDICAL);
  process.stdout.write(`gateway bench on ${db.describe}, Node ${process.version}, dashboard page of 100 cases, ${ROUNDS} requests each\n`);
  const line = (name: string, r: { p50: number; p95: number }) =>
    process.stdout.write(`  ${name.padEnd(44)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  (${(r.p50 / direct.p50).toFixed(2)}× the hub's p50)\n`);
  line('straight to the hub', direct);
  line('through the gateway', through);
  line('through the gateway, with medical settlements', federated);

  await gateway.close();
  await new Promise((r) => medicalServer.close(r));
  await medical.stop();
  await new Promise((r) => hubServer.close(r));
  await running.close();
  await db.cleanup();
}

runBench(main);
