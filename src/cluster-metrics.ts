import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue, type Registry } from 'prom-client';

// /metrics on a host of several workers (HUB_WORKERS): whichever worker takes the scrape asks the
// primary, which gathers the registry of every worker that is serving (it has begun to listen) and
// answers with their aggregate (prom-client's `AggregatorRegistry.aggregate`) — one scrape is the
// whole host, whatever worker answers. Without this each worker answered with its own counters,
// which Prometheus reads as a counter reset on every other scrape. Counters and histograms add up;
// a gauge that every worker reads from the database (the outbox's depth) or that is a per-process
// flag (an open circuit breaker) says `aggregator: 'max'` itself. A worker still starting serves
// nothing yet and is not asked; one that does not answer in time is left out of that scrape.

const ASK_PRIMARY = 'hub:metrics-of-host';
const HOST_ANSWER = 'hub:metrics-of-host-answer';
const ASK_WORKER = 'hub:metrics-of-worker';
const WORKER_ANSWER = 'hub:metrics-of-worker-answer';
const WORKER_TIMEOUT_MS = 3_000;
const HOST_TIMEOUT_MS = 5_000;

type WorkerMetrics = Array<MetricObjectWithValues<MetricValue<string>>>;
interface Message {
  type?: string;
  id?: number;
  text?: string;
  error?: string;
  metrics?: WorkerMetrics;
}

/** In the primary: answers the workers' requests for the host's metrics. */
export function serveClusterMetrics(): void {
  const serving = new Set<Worker>();
  cluster.on('listening', (worker) => serving.add(worker));
  cluster.on('exit', (worker) => serving.delete(worker));
  let next = 0;
  const pending = new Map<number, (metrics: WorkerMetrics) => void>();

  const askWorker = (worker: Worker) =>
    new Promise<WorkerMetrics | null>((resolve) => {
      const id = next++;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(null);
      }, WORKER_TIMEOUT_MS);
      pending.set(id, (metrics) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(metrics);
      });
      worker.send({ type: ASK_WORKER, id });
    });

  cluster.on('message', (worker, message: Message) => {
    if (message?.type === WORKER_ANSWER && typeof message.id === 'number') return void pending.get(message.id)?.(message.metrics ?? []);
    if (message?.type !== ASK_PRIMARY || typeof message.id !== 'number') return;
    const id = message.id;
    Promise.all([...serving].map(askWorker))
      .then((answers) => AggregatorRegistry.aggregate(answers.filter((a): a is WorkerMetrics => a !== null)).metrics())
      .then(
        (text) => worker.send({ type: HOST_ANSWER, id, text }),
        (error: Error) => worker.send({ type: HOST_ANSWER, id, error: error.message }),
      );
  });
}

/**
 * The metrics a scrape of this process shows: the whole host's when it is a worker (asked of the
 * primary), its own registry's otherwise. A worker also answers the primary's requests for its
 * own registry.
 */
export function hostMetrics(registry: Registry): () => Promise<string> {
  if (!cluster.isWorker) return () => registry.metrics();
  let next = 0;
  const waiting = new Map<number, (answer: Message) => void>();
  process.on('message', (message: Message) => {
    if (message?.type === ASK_WORKER) {
      void registry.getMetricsAsJSON().then(
        (metrics) => process.send!({ type: WORKER_ANSWER, id: message.id, metrics }),
        () => process.send!({ type: WORKER_ANSWER, id: message.id, metrics: [] }),
      );
    } else if (message?.type === HOST_ANSWER && typeof message.id === 'number') {
      waiting.get(message.id)?.(message);
    }
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the primary did not gather the workers’ metrics in time'));
      }, HOST_TIMEOUT_MS);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(answer.error ?? 'no metrics'));
      });
      process.send!({ type: ASK_PRIMARY, id });
    });
}
