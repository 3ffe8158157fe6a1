import 'reflect-metadata';
import cluster from 'node:cluster';
import { exitOnConfigError, loadConfigOrExit } from './cli/config-or-exit';
import { runPrimary, WORKER_INDEX } from './cluster-primary';
import { createHub } from './server';
import { jobsOf } from './jobs';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config);
  // One process, or worker 1 of several: the periodic jobs run here (src/jobs.ts).
  const first = cluster.isPrimary || process.env[WORKER_INDEX] === '1';
  const running = await createHub({ config, jobs: jobsOf(config, first ? 'first' : 'other-worker') });
  const server = running.app.listen(config.port, () => {
    running.logger.info({ port: config.port, database: config.database.kind, workers: config.workers }, 'hub listening');
    // Only the first worker tells the user where the hub is.
    if (!first) return;
    const where = config.database.kind === 'sqlite' ? `SQLite file ${config.database.path}` : 'MySQL';
    // `npm run token` is a development tool: not advertised in production, nor when the hub would
    // refuse its tokens (an identity provider configured and no explicit HUB_JWT_SECRET).
    const devTokens = !config.production && (!config.jwksUrl || config.jwtSecret !== null);
    process.stdout.write(
      `\n一门受理 hub listening on http://localhost:${config.port}/graphql (${where})\n` +
        `Console (控制台): open http://localhost:${config.port}/console in a browser` +
        (devTokens ? ' and sign in as a demo user\n' : '\n') +
        (config.production ? '' : `GraphiQL: open http://localhost:${config.port}/graphql in a browser\n`) +
        (devTokens ? `Mint a development token:  npm run token -- --role CLERK --region 370783104\n` : '') +
        '\n',
    );
  });
  const shutdown = () => {
    server.close();
    running.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  process.stderr.write(`The hub could not start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
