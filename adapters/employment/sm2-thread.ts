import { Worker } from 'node:worker_threads';

// SM2 in pure JavaScript (sm-crypto) costs ~20 ms of CPU to sign and ~30 ms to verify here: done on
// the hub's event loop it held up every department's deliveries (measured: 88 deliveries/s over
// the six partners, 293/s without this one). The delivery path signs and verifies on a worker
// thread instead, one per process, started on first use and never keeping the process alive.

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { sm2 } = require(workerData.smCrypto);
parentPort.on('message', ({ id, op, args }) => {
  try {
    const result = op === 'sign' ? sm2.doSignature(...args) : sm2.doVerifySignature(...args);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, failed: true });
  }
});
`;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

class Sm2Thread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { smCrypto: require.resolve('sm-crypto') } });
    worker.unref();
    worker.on('message', ({ id, result, failed }: { id: number; result?: unknown; failed?: boolean }) => {
      const p = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      if (failed) p?.reject(new Error('SM2 operation failed'));
      else p?.resolve(result);
    });
    worker.on('error', () => this.fail());
    worker.on('exit', () => this.fail());
    return worker;
  }

  private fail(): void {
    for (const p of this.pending.values()) p.reject(new Error('SM2 worker stopped'));
    this.pending.clear();
    this.worker = null;
  }

  run<T>(op: 'sign' | 'verify', args: unknown[]): Promise<T> {
    this.worker ??= this.start();
    const id = this.next++;
    // While work is pending the thread keeps the process alive, so an answer is never lost.
    this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker!.postMessage({ id, op, args });
    });
  }
}

const thread = new Sm2Thread();

/** sm2.doSignature on the worker thread. */
export function signOffThread(data: string, privateKey: string, options: Record<string, unknown>): Promise<string> {
  return thread.run<string>('sign', [data, privateKey, options]);
}

/** sm2.doVerifySignature on the worker thread; false when it cannot verify. */
export function verifyOffThread(data: string, signature: string, publicKey: string, options: Record<string, unknown>): Promise<boolean> {
  return thread.run<boolean>('verify', [data, signature, publicKey, options]).catch(() => false);
}
