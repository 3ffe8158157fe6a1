import http from 'node:http';
import { eventually } from '../../test/support/eventually';
import type { AddressInfo } from 'node:net';
import type { CallbackReading, CallbackRequest, HttpReply } from '../../src/delivery/department-adapter';

// A stand-in for the hub's callback endpoint, for adapter tests against a simulator: feeds each
// request to the adapter's readCallback, applies each message id once (a tiny inbox), refuses a
// reused nonce as the hub does, and answers with the protocol's reply. Not used by the hub itself.

export interface ReceivedCallback {
  reading: CallbackReading;
  /** What the stand-in inbox did: APPLIED, DUPLICATE, or REPLAYED_NONCE (refused). */
  result: 'APPLIED' | 'DUPLICATE' | 'REPLAYED_NONCE' | null;
  status: number;
}

export interface CallbackReceiver {
  url: string;
  received: ReceivedCallback[];
  /** Resolves once `count` callbacks arrived, or after `timeoutMs` (the test's assertions then tell). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

export async function startCallbackReceiver(read: (request: CallbackRequest) => CallbackReading | Promise<CallbackReading>): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const messages = new Set<string>();
  const nonces = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      const reading = await read({ method: req.method ?? 'POST', path: req.url ?? '/', headers, rawBody: Buffer.concat(chunks) });
      let result: ReceivedCallback['result'] = null;
      let reply: HttpReply;
      if (!reading.accepted) reply = reading.reply;
      else {
        if (reading.nonce !== null && nonces.has(reading.nonce)) {
          result = 'REPLAYED_NONCE';
          reply = { status: 401, contentType: 'application/json', body: '{"error":"REPLAYED_NONCE"}' };
        } else {
          if (reading.nonce !== null) nonces.add(reading.nonce);
          result = messages.has(reading.messageId) ? 'DUPLICATE' : 'APPLIED';
          messages.add(reading.messageId);
          reply = reading.reply(result);
        }
      }
      received.push({ reading, result, status: reply.status });
      res.writeHead(reply.status, { 'Content-Type': reply.contentType }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async waitFor(count, timeoutMs = 5000) {
      await eventually(() => received.length >= count, { timeout: timeoutMs, interval: 10, what: `${count} callbacks` }).catch(() => undefined);
      return received;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
