import 'reflect-metadata';
import type { Express } from 'express';
import type { DestinationStream, Logger } from 'pino';
import { HubConfig } from './config';
import { Clock, shiftedClock, systemClock } from './common/clock';
import { createDataSource, StatementCounter } from './db/data-source';
import { applyMigrations } from './db/migrate';
import { HUB_ENTITIES } from './entities';
import { UnitOfWork } from './db/unit-of-work';
import { composeHub, HubServices } from './composition';
import { createLogger } from './logger';
import { resolveSecrets } from './access/dev-secrets';
import { PiiCrypto } from './access/pii-crypto';
import { Authenticator } from './access/authenticator';
import { SlaScanner } from './sla/sla-scanner';
import { DepartmentAdapter } from './delivery/department-adapter';
import { PartnerSettings } from './delivery/partners-file';
import { DispatcherOptions } from './delivery/dispatcher';
import { createHttpApp } from './http-app';
import { JobName, jobsOf, startJobs } from './jobs';

// Boots one hub process: settings, the database and its pending migrations, the composed
// services, the working calendar, the HTTP app (http-app.ts) and the periodic jobs this process
// runs (jobs.ts). main.ts decides the process's place; tests and benchmarks call createHub.

export interface HubOptions {
  config: HubConfig;
  /** Defaults to the system clock, shifted to HUB_CLOCK_START when that is set. */
  clock?: Clock;
  logDestination?: DestinationStream;
  /**
   * The periodic jobs this process runs (default: all of them, as the first process of a machine
   * with HUB_PERIODIC_JOBS=on). Tests pass none and drive `scanner.scan()` or `dispatcher.drain()`.
   */
  jobs?: ReadonlySet<JobName>;
  /** The partner file's settings and adapters (default: read from HUB_PARTNERS_FILE by the composition root). */
  partnerSetup?: { partners: PartnerSettings[]; adapters: DepartmentAdapter[] };
  dispatcherOptions?: Partial<DispatcherOptions>;
  /** The built web console (default: dist/console at the repository root). */
  consoleDir?: string;
}

export interface RunningHub {
  app: Express;
  /** The composed services (tests and benchmarks reach the database and the calendar here). */
  services: HubServices;
  statements: StatementCounter;
  scanner: SlaScanner;
  logger: Logger;
  close(): Promise<void>;
}

/** Boots a hub: database and pending migrations, calendar, schema, HTTP app, jobs. Does not listen. */
export async function createHub(options: HubOptions): Promise<RunningHub> {
  const { config } = options;
  const logger = createLogger(options.logDestination, config.logLevel);
  const clock = options.clock ?? (config.clockStart ? shiftedClock(config.clockStart) : systemClock);
  const secrets = resolveSecrets(config);
  if (secrets.fromFile.length > 0) {
    logger.warn({ variables: secrets.fromFile, file: secrets.path }, 'development secrets in use: set these variables in production');
  }

  const statements = new StatementCounter();
  statements.onError = (message) => logger.warn({ db: message.replace(/'[^']*'/g, "'…'") }, 'query failed');
  const dataSource = createDataSource(config.database, statements, HUB_ENTITIES);
  await dataSource.initialize();
  await applyMigrations(dataSource, logger);

  const uow = new UnitOfWork(dataSource);
  const services = composeHub({
    config,
    clock,
    uow,
    crypto: new PiiCrypto(secrets.dataKey),
    logger,
    partnerSetup: options.partnerSetup,
    dispatcherOptions: options.dispatcherOptions,
  });
  await services.calendar.load();
  const handedBack = await services.deliveries.reconcileModes();
  if (handedBack > 0) logger.info({ referrals: handedBack }, 'referrals of departments that now pull handed back to claiming');

  const authenticator = new Authenticator(config, secrets.jwtSecret);
  const http = await createHttpApp({ config, services, authenticator, clock, logger, devJwtSecret: secrets.jwtSecret, consoleDir: options.consoleDir });
  const stopJobs = startJobs(services, config, options.jobs ?? jobsOf(config, 'first'));

  return {
    app: http.app,
    services,
    statements,
    scanner: services.scanner,
    logger,
    async close() {
      await stopJobs();
      await http.stop();
      await services.imports.settled();
      await dataSource.destroy();
    },
  };
}
