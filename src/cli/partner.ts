import { demoPortOf } from './demo-data';

// npm run partner -- <DEPARTMENT> down|up|slow|errors|status : switches a fault of one of the
// demo's simulated partner systems (its /_control/faults endpoint on this machine).

const CHANGES: Record<string, Record<string, unknown>> = {
  down: { down: true },
  up: { down: false, slowMs: 0, serverError: false, timeoutAfterAccept: false, malformed: false },
  slow: { slowMs: 15_000 },
  errors: { serverError: true },
  status: {},
};

async function main(): Promise<void> {
  const [department = '', what = 'status'] = process.argv.slice(2).map((a) => a.trim());
  const port = demoPortOf(department.toUpperCase());
  if (port === null || !(what in CHANGES)) {
    process.stderr.write('Usage: npm run partner -- <MEDICAL|EDUCATION|HOUSING|EMPLOYMENT|JUDICIAL|CHARITY> <down|up|slow|errors|status>\n');
    process.exit(2);
  }
  const change = CHANGES[what];
  const res = await fetch(`http://127.0.0.1:${port}/_control/faults`, {
    method: Object.keys(change).length ? 'POST' : 'GET',
    headers: { 'Content-Type': 'application/json' },
    body: Object.keys(change).length ? JSON.stringify(change) : undefined,
  });
  process.stdout.write(`${department.toUpperCase()} faults: ${await res.text()}\n`);
}

main().catch(() => {
  process.stderr.write('No demo partner answers on that port: is `npm run demo` running?\n');
  process.exit(1);
});
