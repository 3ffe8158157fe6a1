import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The delivery side of /metrics (prom-client), registered on the hub's own registry. */
export class DeliveryMetrics {
  readonly deliveries: Counter<'department' | 'kind' | 'result'>;
  readonly attempts: Counter<'department' | 'kind'>;
  readonly lag: Histogram<'department'>;
  readonly openBreakers: Gauge<'department'>;
  readonly outboxDepth: Gauge<'department'>;
  readonly callbacks: Counter<'department' | 'result'>;
  /** Reads the outbox's depth from the database when the gauge is read (set by the composition root). */
  refreshOutboxDepth: () => Promise<void> = async () => {};

  constructor(registry: Registry) {
    this.deliveries = new Counter({
      name: 'hub_deliveries_total',
      help: 'Deliveries to partner systems that ended: SENT, FAILED (budget spent or refused) or SKIPPED.',
      labelNames: ['department', 'kind', 'result'],
      registers: [registry],
    });
    this.attempts = new Counter({ name: 'hub_delivery_attempts_total', help: 'Calls made to partner systems.', labelNames: ['department', 'kind'], registers: [registry] });
    this.lag = new Histogram({
      name: 'hub_delivery_lag_seconds',
      help: 'From the commit that wrote the outbox row to the partner taking the referral.',
      labelNames: ['department'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 21600, 86400],
      registers: [registry],
    });
    // Across a host's workers (src/cluster-metrics.ts): a breaker open in any worker is open; the
    // depth is read from the database by each worker as it is scraped, the same figure, not a sum.
    this.openBreakers = new Gauge({
      name: 'hub_delivery_circuit_open',
      help: '1 while the circuit breaker of a department is open (in any worker of the host).',
      labelNames: ['department'],
      aggregator: 'max',
      registers: [registry],
    });
    this.outboxDepth = new Gauge({
      name: 'hub_outbox_depth',
      help: 'Outbox rows waiting to be sent.',
      labelNames: ['department'],
      aggregator: 'max',
      registers: [registry],
      collect: () => this.refreshOutboxDepth(),
    });
    this.callbacks = new Counter({
      name: 'hub_partner_callbacks_total',
      help: 'Callbacks from partner systems by result (APPLIED, DUPLICATE, REJECTED, or the refusal reason).',
      labelNames: ['department', 'result'],
      registers: [registry],
    });
  }
}
