import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config';
import { createHub } from '../server';
import { resolveSecrets } from '../access/dev-secrets';
import { signToken } from '../access/tokens';
import { Role } from '../access/roles';
import { connectionOf, parsePartners } from '../delivery/partners-file';
import { PROTOCOLS } from '../../adapters';
import { PUSH_DEPARTMENTS, startPartnerFleet } from '../../adapters/fleet';
import { DEMO_PARTNER_PORTS, demoApplications } from './demo-data';

// npm run demo: the hub on its own embedded database with the six partner systems simulated on
// fixed local ports (PUSH for all six), a few sample applications, and the partners answering by
// themselves — acknowledge, ask for a material (education), decide — so a new user watches
// referrals leave, come back and cases close, in GraphiQL. `npm run partner -- MEDICAL down`
// switches a partner off to watch its breaker open and its deliveries fail.

const DATABASE = 'data/demo.sqlite';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4000);
  const hubUrl = `http://localhost:${port}`;
  rmSync(DATABASE, { force: true }); // every demo starts afresh
  const fleet = await startPartnerFleet(hubUrl, {
    ports: DEMO_PARTNER_PORTS,
    answers: { acknowledgeAfterMs: 4_000, decide: { afterMs: 20_000, decision: 'APPROVED' } },
  });
  fleet.simulators.EDUCATION.answers.supplement = { afterMs: 8_000, materials: ['在读证明'] };
  // Short budgets so a partner switched off shows DELIVERY_FAILED within minutes, not days.
  for (const entry of Object.values(fleet.partnersFile.partners) as Array<Record<string, unknown>>) entry.retryBudgetHours = 0.05;
  const config = loadConfig({ ...process.env, HUB_DATABASE_URL: `sqlite:${DATABASE}`, PORT: String(port), HUB_PUBLIC_URL: hubUrl, HUB_SLA_SCAN_SECONDS: '30' });
  const partners = parsePartners(fleet.partnersFile, PROTOCOLS);
  const adapters = partners.filter((p) => p.mode === 'PUSH').map((p) => PROTOCOLS.find((x) => x.name === p.protocol)!.create(connectionOf(p, fleet.env, hubUrl)));
  const running = await createHub({ config, partnerSetup: { partners, adapters }, dispatcherOptions: { breakerOpenMs: 15_000 } });
  const server = running.app.listen(port);
  await new Promise((resolve) => server.once('listening', resolve));

  const secret = resolveSecrets(config).jwtSecret!;
  const now = new Date();
  const token = (role: Role, region: string) => signToken({ sub: `demo-${role.toLowerCase()}`, role, region, department: null, ttlSeconds: 8 * 3600 }, secret, now);
  const clerk = await token(Role.CLERK, '370783');
  const admin = await token(Role.ADMIN, '');
  const caseNos: string[] = [];
  for (const input of demoApplications()) {
    const res = await fetch(`${hubUrl}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${clerk}` },
      body: JSON.stringify({ query: 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { case { caseNo } userErrors { code field message } } }', variables: { input } }),
    });
    const body = (await res.json()) as { data?: { submitApplication: { case: { caseNo: string } | null; userErrors: unknown[] } } };
    const caseNo = body.data?.submitApplication.case?.caseNo;
    if (caseNo) caseNos.push(caseNo);
    else process.stderr.write(`A sample application was refused: ${JSON.stringify(body.data?.submitApplication.userErrors ?? body)}\n`);
  }

  process.stdout.write(
    [
      '',
      `一门受理 hub demo — GraphiQL: ${hubUrl}/graphql  (database ${DATABASE}, started afresh)`,
      '',
      'Partner systems (simulated, PUSH):',
      ...PUSH_DEPARTMENTS.map((d) => `  ${d.padEnd(10)} ${fleet.simulators[d].url}  (ledger: ${fleet.simulators[d].url}/_control/ledger)`),
      '',
      `Sample cases: ${caseNos.join(', ')}`,
      'They leave at once; each partner acknowledges after ~4 s, education asks for 在读证明 after ~12 s, every partner decides after ~24 s.',
      'Civil affairs pulls (claimReferrals) as before: its referrals wait for you — use a DEPARTMENT token (npm run token).',
      '',
      'In GraphiQL, set the header  Authorization: Bearer <token>  and try:',
      `  { partners { department mode protocol endpointHost circuitState outboxDepth failedDeliveries } }`,
      `  { cases(first: 5) { edges { node { caseNo status referrals { department status externalRef } timeline { at type note } } } } }`,
      '',
      `ADMIN token: ${admin}`,
      `CLERK token: ${clerk}`,
      '',
      'Switch a partner off and on (its breaker opens; after ~3 minutes its new referrals become DELIVERY_FAILED;',
      'retryDelivery(referralId) puts one back):',
      '  npm run partner -- MEDICAL down      npm run partner -- MEDICAL up',
      'Metrics: ' + `${hubUrl}/metrics`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );

  const shutdown = async () => {
    server.close();
    await running.close();
    await fleet.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `Configuration error: ${error.message}` : (error as Error)?.message ?? String(error);
  process.stderr.write(`The demo could not start: ${message}\n`);
  process.exit(1);
});
