import 'reflect-metadata';
import { loadConfigOrExit } from '../../src/cli/config-or-exit';
import { resolveSecrets } from '../../src/access/dev-secrets';
import { Authenticator } from '../../src/access/authenticator';
import { createMedicalSubgraph } from './subgraph';
import { MedicalStore } from './store';

// npm run subgraph:medical — the medical insurance bureau's subgraph on HUB_MEDICAL_PORT (4200),
// accepting the same tokens as the hub (HUB_JWT_SECRET / HUB_JWKS_URL, or the development secret).

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const port = Number(process.env.HUB_MEDICAL_PORT ?? 4200);
  const authenticator = new Authenticator(config, resolveSecrets(config).jwtSecret);
  const { app, stop } = await createMedicalSubgraph({ authenticator, store: new MedicalStore(), production: config.production });
  const server = app.listen(port, () => process.stdout.write(`medical insurance subgraph listening on http://localhost:${port}/graphql\n`));
  const shutdown = () => server.close(() => void stop().then(() => process.exit(0)));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
