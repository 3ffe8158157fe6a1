import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { connectionOf, parsePartners, parsePartnersFileText } from '../delivery/partners-file';
import { PROTOCOLS } from '../../adapters';
import { runConformance } from '../../adapters/conformance';

// npm run conformance -- --department MEDICAL --url https://ybj.example.gov.cn/hub-gateway
// Checks a department's real system against its protocol before the county switches it to PUSH.
// The department's protocol and credentials come from the partner file (HUB_PARTNERS_FILE) and the
// environment variables it names, as the hub would use them; --url is the endpoint to check.

const USAGE = 'Usage: npm run conformance -- --department <MEDICAL|EDUCATION|HOUSING|EMPLOYMENT|JUDICIAL|CHARITY> --url <endpoint> [--timeout <seconds>]\n';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { department: { type: 'string' }, url: { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const department = (values.department ?? '').toUpperCase();
  if (!department || !values.url) {
    process.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig();
  if (!config.partnersFile) throw new ConfigError('HUB_PARTNERS_FILE', `is required: it names ${department}'s protocol and the environment variables holding its credentials`);
  const file = parsePartnersFileText(config.partnersFile) as { partners?: Record<string, Record<string, unknown>> };
  const entry = file?.partners?.[department];
  if (!entry) throw new ConfigError('HUB_PARTNERS_FILE', `${department}: not in the file (give its protocol and credentials)`);
  const timeoutSeconds = values.timeout ? Number(values.timeout) : ((entry.timeoutSeconds as number | undefined) ?? 10);
  // Checked as the hub would run it once switched to PUSH, at the endpoint under test.
  const settings = parsePartners({ partners: { [department]: { ...entry, mode: 'PUSH', endpoint: values.url, timeoutSeconds } } }, PROTOCOLS).find(
    (p) => p.department === department,
  )!;
  const protocol = PROTOCOLS.find((p) => p.name === settings.protocol)!;
  process.stdout.write(`Conformance of ${department} (${protocol.name}) at ${settings.endpoint!.host}\n`);
  const results = await runConformance(protocol, connectionOf(settings, process.env, config.publicUrl));
  for (const r of results) process.stdout.write(`  ${r.passed ? 'PASS' : 'FAIL'}  ${r.name} — ${r.detail}\n`);
  const failed = results.filter((r) => !r.passed).length;
  process.stdout.write(failed ? `${failed} of ${results.length} checks failed: keep ${department} on PULL.\n` : `All ${results.length} checks passed.\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(error instanceof ConfigError ? `Configuration error: ${error.message}\n` : `The conformance run could not start: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(2);
  },
);
