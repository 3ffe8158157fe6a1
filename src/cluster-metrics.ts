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

/**
 * Requests over IPC matched to their answers by a number: `ask` sends with a fresh id and settles
 * with the answer, or with null when none came within `timeoutMs`; `answer` delivers one.
 */
function exchange<T>() {
  let next = 0;
  const pending = new Map<number, (answer: T | null) => void>();
  return {
    ask(send: (id: number) => void, timeoutMs: number): Promise<T | null> {
      return new Promise((resolve) => {
        const id = next++;
        const settle = (answer: T | null) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(answer);
        };
        const timer = setTimeout(() => settle(null), timeoutMs);
        pending.set(id, settle);
        send(id);
      });
    },
    answer(id: number, answer: T): void {
      pending.get(id)?.(answer);
    },
  };
}

/** In the primary: answers the workers' requests for the host's metrics. */
export function serveClusterMetrics(): void {
  const serving = new Set<Worker>();
  cluster.on('listening', (worker) => serving.add(worker));
  cluster.on('exit', (worker) => serving.delete(worker));
  const workers = exchange<WorkerMetrics>();

  cluster.on('message', (worker, message: Message) => {
    if (message?.type === WORKER_ANSWER && typeof message.id === 'number') return workers.answer(message.id, message.metrics ?? []);
    if (message?.type !== ASK_PRIMARY || typeof message.id !== 'number') return;
    const id = message.id;
    Promise.all([...serving].map((w) => workers.ask((askId) => w.send({ type: ASK_WORKER, id: askId }), WORKER_TIMEOUT_MS)))
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
  const primary = exchange<Message>();
  process.on('message', (message: Message) => {
    if (message?.type === ASK_WORKER) {
      void registry.getMetricsAsJSON().then(
        (metrics) => process.send!({ type: WORKER_ANSWER, id: message.id, metrics }),
        () => process.send!({ type: WORKER_ANSWER, id: message.id, metrics: [] }),
      );
    } else if (message?.type === HOST_ANSWER && typeof message.id === 'number') {
      primary.answer(message.id, message);
    }
  });
  return async () => {
    const answer = await primary.ask((id) => process.send!({ type: ASK_PRIMARY, id }), HOST_TIMEOUT_MS);
    if (answer === null) throw new Error('the primary did not gather the workers’ metrics in time');
    if (answer.text === undefined) throw new Error(answer.error ?? 'no metrics');
    return answer.text;
  };
}
