import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

// /metrics on a host of several workers (HUB_WORKERS): whichever worker takes the scrape asks the
// primary, which gathers every worker's registry (prom-client's cluster aggregation) and answers
// with the sum — one scrape is the whole host, whatever worker answers. Without this each worker
// answered with its own counters, which Prometheus reads as a counter reset on every other scrape.
// Counters and histograms add up; a gauge that every worker reads from the database (the outbox's
// depth) or that is a per-process flag (an open circuit breaker) says `aggregator: 'max'` itself.

const REQUEST = 'hub:cluster-metrics';
const ANSWER = 'hub:cluster-metrics-answer';
const TIMEOUT_MS = 5_000;

interface Answer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

/** In the primary: answers the workers' requests for the host's metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== REQUEST || typeof message.id !== 'number') return;
    const id = message.id;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id, text } satisfies Answer),
      (error: Error) => worker.send({ type: ANSWER, id, error: error.message } satisfies Answer),
    );
  });
}

/**
 * The metrics a scrape of this process shows: the whole host's when it is a worker (asked of the
 * primary), its own registry's otherwise. A worker also answers the primary's requests for its
 * own registry (prom-client's listener, set up here).
 */
export function hostMetrics(registry: Registry): () => Promise<string> {
  if (!cluster.isWorker) return () => registry.metrics();
  AggregatorRegistry.setRegistries(registry);
  new AggregatorRegistry(); // adds prom-client's listener for the primary's requests
  let next = 0;
  const waiting = new Map<number, (answer: Answer) => void>();
  process.on('message', (message: Answer) => {
    if (message?.type === ANSWER) waiting.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the primary did not gather the workers’ metrics in time'));
      }, TIMEOUT_MS);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(answer.error ?? 'no metrics'));
      });
      process.send!({ type: REQUEST, id });
    });
}
