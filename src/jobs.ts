import type { HubConfig } from './config';
import type { HubServices } from './composition';

// Which periodic jobs a hub process runs, and how often: the one place that decides it.
//
// - sla-scan: SLA warnings and expired claim leases (it reloads the working calendar itself);
// - report-rollup: the report's days that are over;
// - retention: finished outbox rows and old inbox entries;
// - status-queries: asking asynchronous partners about quiet referrals;
// - register-imports: committing approved register imports no process is committing (after a restart);
// - register-reviews: periodic review tasks (定期复核) as they fall due, and their warnings;
// - dispatcher: push delivery (every serving process runs one: leases keep a row to one of them,
//   and a process's own commits wake it).
// The first six are one machine's business (one process of it: worker 1); HUB_PERIODIC_JOBS=off
// leaves them to another machine. They are safe on several at once, each is a load on the database.

export const JOB_NAMES = ['sla-scan', 'report-rollup', 'retention', 'status-queries', 'register-imports', 'register-reviews', 'dispatcher'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** Where a process stands: the first (or only) hub process, another worker, or a dispatcher alone. */
export type ProcessPlace = 'first' | 'other-worker' | 'dispatcher-only';

/** The jobs a process runs by its place and the machine's HUB_PERIODIC_JOBS. */
export function jobsOf(config: Pick<HubConfig, 'periodicJobs'>, place: ProcessPlace): ReadonlySet<JobName> {
  if (place === 'first' && config.periodicJobs) return new Set(JOB_NAMES);
  return new Set(['dispatcher']);
}

/** Starts the given jobs at their configured intervals; returns how to stop them (waiting for a run under way). */
export function startJobs(services: HubServices, config: HubConfig, jobs: ReadonlySet<JobName>): () => Promise<void> {
  const every = config.jobIntervals;
  // What an operator (and a test) reads to know what this process does on its own.
  services.logger.info({ jobs: JOB_NAMES.filter((j) => jobs.has(j)) }, 'periodic jobs');
  if (jobs.has('sla-scan')) services.scanJob.start(every.slaScanSeconds);
  if (jobs.has('report-rollup')) services.rollupJob.start(every.rollupSeconds);
  if (jobs.has('retention')) services.retentionJob.start(every.retentionSeconds);
  if (jobs.has('register-imports')) services.importJob.start(every.importSeconds);
  if (jobs.has('register-reviews')) services.reviewJob.start(every.reviewSeconds);
  if (jobs.has('dispatcher')) services.dispatcher.start();
  // Only asynchronous partners are asked, and only where a dispatcher runs.
  if (jobs.has('status-queries') && jobs.has('dispatcher') && services.adapterRegistry.pushing().some((a) => a.queryStatus)) {
    services.statusJob.start(every.statusQuerySeconds);
  }
  return async () => {
    await services.scanJob.stop();
    await services.rollupJob.stop();
    await services.retentionJob.stop();
    await services.statusJob.stop();
    await services.importJob.stop();
    await services.reviewJob.stop();
    await services.dispatcher.stop();
  };
}
