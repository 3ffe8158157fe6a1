import { startPartnerFleet } from '../../adapters/fleet';

// The six simulated partner systems in a process of their own, so that a bench measures the
// hub's work only (the employment bureau's SM2 alone costs the simulator ~50 ms of CPU per
// delivery). Prints one JSON line — the partner file, its environment, the simulators' URLs — and
// runs until stdin closes. Faults and ledgers are reached over HTTP (/_control/…).

async function main(): Promise<void> {
  const fleet = await startPartnerFleet('http://127.0.0.1:1', {});
  const urls = Object.fromEntries(Object.entries(fleet.simulators).map(([d, s]) => [d, s.url]));
  process.stdout.write(`${JSON.stringify({ partnersFile: fleet.partnersFile, env: fleet.env, urls })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void fleet.close().then(() => process.exit(0)));
}

void main();
