import type http from 'node:http';
import { ProtocolHandler, Simulator, SimulatorOptions, startSimulatorServer } from './simulator-kit';

// The kit's `down` fault resets new connections only, but Node's fetch keeps connections alive: a
// request on a connection opened before the fault would still be served and applied. This starts
// the kit's server so that `down` also resets those connections and applies nothing on them.
// (A candidate for the kit itself.)
export async function startPartnerServer(handler: ProtocolHandler, options: SimulatorOptions = {}): Promise<Simulator & { server: http.Server }> {
  let faults: Simulator['faults'] | null = null;
  const started = await startSimulatorServer((request) => {
    // The connection is already reset (below); the reply goes nowhere and nothing is applied.
    if (faults?.down) return { status: 503, contentType: 'text/plain', body: 'down' };
    return handler(request);
  }, options);
  faults = started.faults;
  started.server.prependListener('request', (req: http.IncomingMessage) => {
    if (started.faults.down) req.socket.destroy();
  });
  return started;
}
