import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallbackReading, DepartmentAdapter } from '../../src/delivery/department-adapter';

// A stand-in for the hub's /partners/<department>/callback endpoint, for adapter tests: feeds each
// request to the adapter's readCallback, records the reading, and answers with the protocol's
// reply — APPLIED the first time a message id is seen, DUPLICATE after (the hub's inbox in small).

export interface HubCallbackReceiver {
  /** Where the simulator should call back. */
  url: string;
  readings: CallbackReading[];
  /** Accepted readings only, in arrival order. */
  accepted(): Array<Extract<CallbackReading, { accepted: true }>>;
  /** Resolves once `predicate` holds (polled), or rejects after `withinMs`. */
  until(predicate: () => boolean, withinMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHubCallbackReceiver(adapter: DepartmentAdapter, path = `/partners/${adapter.department.toLowerCase()}/callback`): Promise<HubCallbackReceiver> {
  const readings: CallbackReading[] = [];
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
      const reading = adapter.readCallback({ method: req.method ?? 'POST', path: req.url ?? '/', headers, rawBody: Buffer.concat(chunks) }, new Date());
      readings.push(reading);
      const r = reading.accepted ? reading.reply(seen.has(reading.messageId) ? 'DUPLICATE' : 'APPLIED') : reading.reply;
      if (reading.accepted) seen.add(reading.messageId);
      res.writeHead(r.status, { 'Content-Type': r.contentType });
      res.end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    readings,
    accepted: () => readings.filter((r): r is Extract<CallbackReading, { accepted: true }> => r.accepted),
    async until(predicate, withinMs = 5000) {
      const deadline = Date.now() + withinMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('the expected callbacks did not arrive');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
