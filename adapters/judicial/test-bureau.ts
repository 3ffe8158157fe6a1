import { eventually } from '../../test/support/eventually';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { Department } from '../../src/access/roles';
import type { CallbackReading, PartnerConnection, ReferralDelivery } from '../../src/delivery/department-adapter';
import type { AutoAnswers } from '../shared/simulator-kit';
import { JudicialAdapter } from './index';
import { fromAck } from './mapping';
import { JudicialSimulator, startJudicialSimulator } from './simulator';

// What the justice adapter's tests share (judicial.test.ts, judicial-status.test.ts): keys, a
// referral, the simulated bureau with the real adapter, and a tiny "hub" receiving its callbacks.
// Registers an afterEach that closes what a test opened.

// The real adapter against the simulated justice bureau over HTTP, and a tiny "hub" receiving its callbacks.

export const CLIENT_SECRET = 'bureau-issued-client-secret';
export const STATIC_TOKEN = 'bureau-issued-static-token';
export const keyPair = () => {
  const k = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privatePem: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: k.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};
export const hubKeys = keyPair();
export const bureauKeys = keyPair();
export const HUB_ID = 'hub.mz.example.gov.cn';

export const delivery = (referralId: string, idNumber = '370783198503127716'): ReferralDelivery => ({
  referralId,
  caseNo: '370783104202603020001',
  department: Department.JUDICIAL,
  category: 'LEGAL_AID',
  townshipCode: '370783104',
  acceptedDate: '2026-03-02',
  dueDate: '2026-03-23',
  householdSize: 2,
  perCapitaMonthlyIncomeFen: 45000,
  household: [
    { personId: 'p-applicant', name: '王秀兰', idNumber, relation: 'SELF', monthlyIncomeFen: 90000, schoolStage: null, laborCapable: true, employed: false, disabled: false, seriouslyIll: false },
    { personId: 'p-child', name: '王小明', idNumber: '370783201209010028', relation: 'CHILD', monthlyIncomeFen: 0, schoolStage: 'PRIMARY', laborCapable: false, employed: false, disabled: false, seriouslyIll: false },
  ],
});

export interface Hub {
  url: string;
  readings: CallbackReading[];
  replies: Array<{ status: number; body: string }>;
  /** Accepted readings whose nonce had been seen before (replays): must stay 0. */
  nonceReuses: number;
  close(): Promise<void>;
}

/** "The hub": feeds each callback to adapter.readCallback, applies each message id once, answers the reply. */
export async function startHub(adapter: () => JudicialAdapter): Promise<Hub> {
  const readings: CallbackReading[] = [];
  const replies: Hub['replies'] = [];
  const applied = new Set<string>();
  const nonces = new Set<string>();
  const hub: Hub = { url: '', readings, replies, nonceReuses: 0, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      const reading = adapter().readCallback({ method: req.method ?? 'POST', path: req.url ?? '/', headers, rawBody: Buffer.concat(chunks) }, new Date());
      readings.push(reading);
      let reply = reading.accepted ? null : reading.reply;
      if (reading.accepted) {
        if (reading.nonce !== null && nonces.has(reading.nonce)) hub.nonceReuses++;
        if (reading.nonce !== null) nonces.add(reading.nonce);
        reply = reading.reply(applied.has(reading.messageId) ? 'DUPLICATE' : 'APPLIED');
        applied.add(reading.messageId);
      }
      replies.push({ status: reply!.status, body: reply!.body });
      res.writeHead(reply!.status, { 'Content-Type': reply!.contentType }).end(reply!.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/partners/JUDICIAL/callback`;
  hub.url = url;
  return hub;
}

export const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** The bureau and the adapter; `bureauKeyFromJwks`: the adapter reads the bureau's key from the bureau's JWKS (read again at once on an unknown kid). */
export async function setup(
  options: { answers?: Partial<AutoAnswers>; callbacks?: boolean; timeoutMs?: number; credentials?: Partial<Record<string, string>>; syncStatus?: boolean; bureauKeyFromJwks?: boolean } = {},
) {
  let adapter: JudicialAdapter | null = null;
  const hub = await startHub(() => adapter!);
  open.push(hub);
  const sim = await startJudicialSimulator({
    hubPublicKey: hubKeys.publicPem,
    bureauPrivateKey: bureauKeys.privatePem,
    hubSenderId: HUB_ID,
    callbackUrl: hub.url,
    answers: options.answers,
    callbacks: options.callbacks,
    clientId: 'hub-client',
    clientSecret: CLIENT_SECRET,
    bearerToken: STATIC_TOKEN,
    syncStatus: options.syncStatus,
  });
  open.push(sim);
  const connection: PartnerConnection = {
    department: Department.JUDICIAL,
    protocol: 'g2p-connect',
    endpoint: new URL(sim.url),
    credentials: {
      hubPrivateKey: hubKeys.privatePem,
      ...(options.bureauKeyFromJwks ? { partnerJwksUrl: `${sim.url}/.well-known/jwks.json` } : { partnerPublicKey: bureauKeys.publicPem }),
      senderId: HUB_ID,
      clientId: 'hub-client',
      clientSecret: CLIENT_SECRET,
      ...options.credentials,
    } as Record<string, string>,
    timeoutMs: options.timeoutMs ?? 2000,
    callbackUrl: hub.url,
  };
  adapter = new JudicialAdapter(connection, { jwksRefreshMs: 0 });
  const signal = () => AbortSignal.timeout(connection.timeoutMs);
  return { sim, hub, adapter, signal };
}

export const waitFor = (what: () => boolean) => eventually(what, { timeout: 5000, interval: 10, what: 'the bureau' });

/** A request as a client of the specification sends it (bearer token); the answer is its bare ACK. */
export const post = async (sim: JudicialSimulator, path: string, body: string) => {
  const res = await fetch(`${sim.url}/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${STATIC_TOKEN}` }, body });
  const answer = (await res.json()) as { header?: unknown; signature?: unknown; message?: unknown };
  return { status: res.status, bare: answer.header === undefined && answer.signature === undefined, ack: fromAck(answer.message) };
};

