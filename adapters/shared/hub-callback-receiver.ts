import type { CallbackReading, DepartmentAdapter } from '../../src/delivery/department-adapter';
import { startCallbackReceiver } from './callback-receiver';
import { eventually } from '../../test/support/eventually';

// The stand-in hub endpoint of callback-receiver.ts, bound to one adapter and its callback path,
// with the readings as a list (the shape the education and employment tests read).

export interface HubCallbackReceiver {
  /** Where the simulator should call back. */
  url: string;
  readonly readings: CallbackReading[];
  /** Accepted readings only, in arrival order. */
  accepted(): Array<Extract<CallbackReading, { accepted: true }>>;
  /** Resolves once `predicate` holds (polled), or rejects after `withinMs`. */
  until(predicate: () => boolean, withinMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHubCallbackReceiver(adapter: DepartmentAdapter, path = `/partners/${adapter.department.toLowerCase()}/callback`): Promise<HubCallbackReceiver> {
  const receiver = await startCallbackReceiver((request) => adapter.readCallback(request, new Date()));
  const readings = () => receiver.received.map((r) => r.reading);
  return {
    url: `${receiver.url}${path}`,
    get readings() {
      return readings();
    },
    accepted: () => readings().filter((r): r is Extract<CallbackReading, { accepted: true }> => r.accepted),
    until: (predicate, withinMs = 5000) => eventually(predicate, { timeout: withinMs, interval: 10, what: 'the expected callbacks' }).then(() => undefined),
    close: () => receiver.close(),
  };
}
