import type { DeliveryOutcome } from '../../src/delivery/department-adapter';

// The wire shared by the adapters: Node's fetch with the dispatcher's AbortSignal, and one reading
// of HTTP results into delivery outcomes, so every protocol retries the same things.

export interface WireReply {
  status: number;
  body: string;
  headers: Headers;
}

export async function send(url: string, init: { method?: string; headers: Record<string, string>; body?: string }, signal: AbortSignal): Promise<WireReply> {
  const res = await fetch(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body, signal, redirect: 'error' });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

/**
 * 408, 425, 429 and 5xx may pass if tried later, and so may 401: the partner refused the hub's
 * credentials, not the referral — the rule of every protocol here (the breaker opens, the reason
 * shows in `partners` and the logs, and once an operator fixes the credentials the waiting rows go
 * through without anyone retrying each). Any other 4xx is the partner refusing the content.
 */
export function retryableStatus(status: number): boolean {
  return status === 401 || status === 408 || status === 425 || status === 429 || status >= 500;
}

export function failedStatus(status: number): DeliveryOutcome {
  return { ok: false, retryable: retryableStatus(status), reason: `HTTP_${status}` };
}

/** A call that got no answer: aborted by its deadline (TIMEOUT) or never connected (UNREACHABLE). */
export function failedCall(error: unknown): DeliveryOutcome {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, retryable: true, reason: 'TIMEOUT' };
  return { ok: false, retryable: true, reason: 'UNREACHABLE' };
}

/** An answer in the partner's status range that cannot be read as the protocol says. */
export const MALFORMED_REPLY: DeliveryOutcome = { ok: false, retryable: true, reason: 'MALFORMED_REPLY' };

/** Parses JSON, or null. */
export function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
