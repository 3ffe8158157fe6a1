import type { Logger } from 'pino';
import type { JobMetrics } from './job-metrics';

/**
 * Runs `work` now and then every `intervalSeconds`, never two runs at once (a run still going
 * when the next is due makes that one skip). A failing run is logged by name and code only (no
 * message: it may quote data) and the job carries on. `stop()` waits for a running run. Used by
 * the SLA scan; the delivery dispatcher runs the same way.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
    private readonly metrics?: JobMetrics,
  ) {}

  start(intervalSeconds: number): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), intervalSeconds * 1000);
    this.timer.unref();
  }

  /** Runs once now unless a run is going on; resolves when that run ends. */
  tick(): Promise<unknown> {
    if (this.running) return this.running;
    const started = performance.now();
    this.running = this.work()
      // At debug level, a line per run: what a test (or an operator) reads to know a run happened.
      .then(() => this.logger.debug({ job: this.name }, 'periodic job ran'))
      .catch((error: unknown) => {
        this.metrics?.failures.inc({ job: this.name });
        this.logger.error({ job: this.name, err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } }, `${this.name} failed`);
      })
      .finally(() => {
        this.metrics?.duration.observe({ job: this.name }, (performance.now() - started) / 1000);
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
