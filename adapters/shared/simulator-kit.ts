import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { PartnerAnswer } from '../../src/delivery/department-adapter';

// What every partner simulator shares: a real HTTP server, a ledger of the effects it applied
// (de-duplicated on the idempotency key), switchable faults, automatic answers after delays, and a
// control endpoint (/_control/…) so tests, the demo and an operator can switch faults at run time.
// The protocol itself (signatures, envelopes, callbacks) is each simulator's own.

export interface SimulatorFaults {
  /** Every connection is reset: the system is down. */
  down: boolean;
  /** Milliseconds to wait before answering each request. */
  slowMs: number;
  /** Answer every protocol request with HTTP 503. */
  serverError: boolean;
  /** Apply the effect, then never answer (the caller times out not knowing it was applied). */
  timeoutAfterAccept: boolean;
  /** Answer 200 with a body that is not the protocol's. */
  malformed: boolean;
  /** Send every callback twice. */
  duplicateCallbacks: boolean;
  /** Send the decision before the acknowledgement. */
  outOfOrderCallbacks: boolean;
}

export const NO_FAULTS: SimulatorFaults = {
  down: false,
  slowMs: 0,
  serverError: false,
  timeoutAfterAccept: false,
  malformed: false,
  duplicateCallbacks: false,
  outOfOrderCallbacks: false,
};

/** What the simulated department decides by itself, and after how long (null: never). */
export interface AutoAnswers {
  acknowledgeAfterMs: number | null;
  /** Ask for materials after acknowledging. */
  supplement: { afterMs: number; materials: string[] } | null;
  decide: { afterMs: number; decision: 'APPROVED' | 'REJECTED'; amountFen?: number | null } | null;
}

export const NO_ANSWERS: AutoAnswers = { acknowledgeAfterMs: null, supplement: null, decide: null };

export interface LedgerEntry {
  key: string;
  kind: 'DELIVER' | 'CANCEL' | 'NOTICE';
  at: string;
  /** The partner's reference for the effect. */
  ref: string;
  body: unknown;
}

/** The effects the partner system applied, once per (key, kind); repeats are counted, not applied. */
export class Ledger {
  private readonly applied = new Map<string, LedgerEntry>();
  /** Requests that carried a key already applied. */
  repeats = 0;

  /** Applies the effect unless already applied; returns the entry and whether it is new. */
  apply(key: string, kind: LedgerEntry['kind'], body: unknown): { entry: LedgerEntry; fresh: boolean } {
    const id = `${kind}:${key}`;
    const known = this.applied.get(id);
    if (known) {
      this.repeats++;
      return { entry: known, fresh: false };
    }
    const entry = { key, kind, at: new Date().toISOString(), ref: `${kind === 'DELIVER' ? 'D' : kind === 'CANCEL' ? 'C' : 'N'}-${this.applied.size + 1}`, body };
    this.applied.set(id, entry);
    return { entry, fresh: true };
  }

  has(key: string, kind: LedgerEntry['kind'] = 'DELIVER'): boolean {
    return this.applied.has(`${kind}:${key}`);
  }

  entries(kind?: LedgerEntry['kind']): LedgerEntry[] {
    return [...this.applied.values()].filter((e) => kind === undefined || e.kind === kind);
  }
}

export interface SimulatorRequest {
  method: string;
  /** Path and query, e.g. /api/referrals?x=1. */
  url: string;
  headers: http.IncomingHttpHeaders;
  rawBody: Buffer;
}

export interface SimulatorReply {
  status: number;
  contentType?: string;
  body: string;
  headers?: Record<string, string>;
}

/** A protocol handler decides the answer; return 'applied' alongside when an effect was applied. */
export type ProtocolHandler = (request: SimulatorRequest) => Promise<SimulatorReply> | SimulatorReply;

export interface Simulator {
  url: string;
  port: number;
  ledger: Ledger;
  faults: SimulatorFaults;
  answers: AutoAnswers;
  /** Callbacks sent to the hub, by the HTTP status it answered (0: not reached). */
  callbacks: { sent: number; byStatus: Record<number, number> };
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** 0 (default): any free port. */
  port?: number;
  host?: string;
  faults?: Partial<SimulatorFaults>;
  answers?: Partial<AutoAnswers>;
}

/**
 * Starts the HTTP server of a simulator. `handler` speaks the protocol; the kit applies the faults
 * around it and serves /_control/faults (GET, POST JSON to change), /_control/answers and
 * /_control/ledger. `handler` runs only when the request is to be processed; when
 * `timeoutAfterAccept` is on, its reply is withheld after it ran.
 */
export async function startSimulatorServer(handler: ProtocolHandler, options: SimulatorOptions = {}): Promise<Simulator & { server: http.Server }> {
  const faults: SimulatorFaults = { ...NO_FAULTS, ...options.faults };
  const answers: AutoAnswers = { ...NO_ANSWERS, ...options.answers };
  const ledger = new Ledger();
  const held = new Set<http.ServerResponse>();
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    if (faults.down && !(req.url ?? '').startsWith('/_control/')) {
      req.socket.destroy(); // a kept-alive connection too: the system is gone
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void serve({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, rawBody: Buffer.concat(chunks) }, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(request: SimulatorRequest, res: http.ServerResponse): Promise<void> {
    if (request.url.startsWith('/_control/')) return control(request, res);
    if (faults.slowMs > 0) await new Promise((r) => setTimeout(r, faults.slowMs));
    if (faults.serverError) return send(res, { status: 503, contentType: 'text/plain', body: 'service unavailable' });
    let reply: SimulatorReply;
    try {
      reply = await handler(request);
    } catch {
      reply = { status: 500, contentType: 'text/plain', body: 'simulator error' };
    }
    if (faults.timeoutAfterAccept) {
      held.add(res); // never answered; released on close
      return;
    }
    if (faults.malformed) reply = { status: 200, contentType: reply.contentType ?? 'application/json', body: '{"oops": <not json' };
    send(res, reply);
  }

  function control(request: SimulatorRequest, res: http.ServerResponse): void {
    const what = request.url.slice('/_control/'.length).split('?')[0];
    const target = (what === 'faults' ? faults : what === 'answers' ? answers : null) as Record<string, unknown> | null;
    if (what === 'ledger') {
      return send(res, { status: 200, contentType: 'application/json', body: JSON.stringify({ entries: ledger.entries(), repeats: ledger.repeats }) });
    }
    if (!target) return send(res, { status: 404, contentType: 'text/plain', body: 'unknown control' });
    if (request.method === 'POST') {
      try {
        const change = JSON.parse(request.rawBody.toString('utf8')) as Record<string, unknown>;
        for (const [key, value] of Object.entries(change)) {
          if (!(key in target)) return send(res, { status: 400, contentType: 'text/plain', body: `unknown key ${key}` });
          target[key] = value;
        }
      } catch {
        return send(res, { status: 400, contentType: 'text/plain', body: 'body must be JSON' });
      }
    }
    send(res, { status: 200, contentType: 'application/json', body: JSON.stringify(target) });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const callbacks = { sent: 0, byStatus: {} as Record<number, number> };
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    port,
    ledger,
    faults,
    answers,
    callbacks,
    async close() {
      for (const res of held) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: http.ServerResponse, reply: SimulatorReply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json; charset=utf-8', ...reply.headers });
  res.end(reply.body);
}

/**
 * Plays the department's automatic answers for one referral it just received: acknowledge, then
 * perhaps ask for materials, then decide — each after its delay — through `send` (the protocol's
 * signed callback). With `outOfOrderCallbacks` the decision goes first; with
 * `duplicateCallbacks` each is sent twice. Timers are unref'd: they never keep a process alive.
 */
export function scheduleAnswers(
  referralId: string,
  externalRef: string,
  sim: Pick<Simulator, 'answers' | 'faults' | 'callbacks'>,
  sendCallback: (answer: PartnerAnswer) => Promise<number>,
): void {
  const a = sim.answers;
  const plan: Array<{ at: number; answer: PartnerAnswer }> = [];
  if (a.acknowledgeAfterMs !== null) {
    plan.push({ at: a.acknowledgeAfterMs, answer: { referralId, externalRef, kind: 'ACKNOWLEDGED' } });
    let next = a.acknowledgeAfterMs;
    if (a.supplement) {
      next += a.supplement.afterMs;
      plan.push({ at: next, answer: { referralId, externalRef, kind: 'SUPPLEMENT_REQUESTED', materials: a.supplement.materials, note: null } });
    }
    if (a.decide) {
      next += a.decide.afterMs;
      plan.push({ at: next, answer: { referralId, externalRef, kind: 'RESOLVED', decision: a.decide.decision, amountFen: a.decide.amountFen ?? null, note: null } });
    }
  }
  if (sim.faults.outOfOrderCallbacks && plan.length > 1) {
    // The last answer arrives first, the earlier ones after it, in their order.
    const last = plan.pop()!;
    plan.unshift({ ...last, at: plan[0].at });
    for (let i = 1; i < plan.length; i++) plan[i] = { ...plan[i], at: plan[0].at + i * 10 };
  }
  const copies = sim.faults.duplicateCallbacks ? 2 : 1;
  for (const { at, answer } of plan) {
    for (let copy = 0; copy < copies; copy++) {
      const timer = setTimeout(async () => {
        sim.callbacks.sent++;
        let status = 0;
        try {
          status = await sendCallback(answer);
        } catch {
          status = 0;
        }
        sim.callbacks.byStatus[status] = (sim.callbacks.byStatus[status] ?? 0) + 1;
      }, at + copy * 5);
      timer.unref();
    }
  }
}
