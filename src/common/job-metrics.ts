import { Counter, Histogram, Registry } from 'prom-client';

/** The periodic jobs (the SLA scan, the report rollup, partner status queries) on /metrics. */
export class JobMetrics {
  readonly duration: Histogram<'job'>;
  readonly failures: Counter<'job'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'hub_job_duration_seconds',
      help: 'How long each run of a periodic job took (a scan that nears its interval needs attention).',
      labelNames: ['job'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    });
    this.failures = new Counter({ name: 'hub_job_failures_total', help: 'Runs of a periodic job that failed (the log names the error).', labelNames: ['job'], registers: [registry] });
  }
}
