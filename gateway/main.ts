import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { readSubgraphs } from '../src/federation/supergraph';
import { LOG_LEVELS } from '../src/config';
import { createLogger } from '../src/logger';
import { createGateway } from './gateway';

// npm run gateway — serves schema/supergraph.graphql on HUB_GATEWAY_PORT (4100), calling the
// subgraphs at the URLs gateway/subgraphs.json lists (HUB_GATEWAY_SUBGRAPHS names another list: a
// deployment's own URLs, read at start-up; the URLs composed into the supergraph are not used).

/** The repository: the nearest folder above this file holding gateway/subgraphs.json (dist/ or a test build). */
function repositoryRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'gateway', 'subgraphs.json'))) return dir;
  throw new Error('gateway/subgraphs.json not found above ' + __dirname);
}

const root = repositoryRoot();
const port = Number(process.env.HUB_GATEWAY_PORT ?? 4100);
const list = process.env.HUB_GATEWAY_SUBGRAPHS ?? join(root, 'gateway', 'subgraphs.json');
const level = process.env.HUB_LOG_LEVEL ?? 'info';
if (!(LOG_LEVELS as readonly string[]).includes(level)) {
  process.stderr.write(`HUB_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}\n`);
  process.exit(1);
}
let gateway: ReturnType<typeof createGateway>;
try {
  gateway = createGateway({
    supergraphPath: join(root, 'schema', 'supergraph.graphql'),
    subgraphs: readSubgraphs(list),
    production: process.env.NODE_ENV === 'production',
    logger: createLogger(undefined, level, 'federation-gateway'),
  });
} catch (error) {
  process.stderr.write(`The gateway cannot start: ${(error as Error).message}\n`);
  process.exit(1);
}
gateway.server.listen(port, () => {
  const { port: listening } = gateway.server.address() as AddressInfo;
  process.stdout.write(`federation gateway listening on http://localhost:${listening}/graphql\n`);
});
// Hive's runtime swallows the first SIGTERM: close the server ourselves.
const shutdown = () => void gateway.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
