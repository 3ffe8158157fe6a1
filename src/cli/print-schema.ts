import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printHubSdl } from '../graphql/print';
import { composeSupergraph, readSubgraphs } from '../federation/supergraph';

/**
 * npm run schema: prints the hub's subgraph SDL to schema/hub.graphql, then composes it with the
 * department subgraphs of gateway/subgraphs.json into schema/supergraph.graphql (both checked in;
 * tests compare). A composition error fails with the composer's message naming the subgraph.
 */
async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..');
  const hub = join(root, 'schema', 'hub.graphql');
  writeFileSync(hub, await printHubSdl());
  process.stdout.write(`Wrote ${hub}\n`);
  const composed = composeSupergraph(readSubgraphs(join(root, 'gateway', 'subgraphs.json')), root);
  if (!composed.ok) {
    process.stderr.write(`The supergraph does not compose:\n${composed.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    process.exit(1);
  }
  const supergraph = join(root, 'schema', 'supergraph.graphql');
  writeFileSync(supergraph, composed.supergraphSdl);
  process.stdout.write(`Wrote ${supergraph}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run schema failed: ${(error as Error).message}\n`);
  process.exit(1);
});
