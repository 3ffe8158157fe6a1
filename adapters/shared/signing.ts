import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Signing helpers the protocols share. Signatures are always checked over the raw bytes received
// (re-serialising JSON changes key order), compared in constant time.

export function hmacSha256Hex(secret: string, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

export function hmacSha256Base64(secret: string, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('base64');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Constant-time comparison of two strings (false when lengths differ). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** JSON with object keys sorted at every level: the form both sides sign. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * How far a signed message's time may be from the reader's clock, either side: five minutes, for
 * every protocol and both directions (the hub reading callbacks, a simulated partner reading the
 * hub's requests). The one place this window is set.
 */
export const FRESHNESS_WINDOW_MS = 5 * 60 * 1000;

/** An instant (milliseconds) is within the freshness window of now. */
export function freshInstant(ms: number, now: Date | number): boolean {
  return Number.isFinite(ms) && Math.abs((typeof now === 'number' ? now : now.getTime()) - ms) <= FRESHNESS_WINDOW_MS;
}

/** A timestamp in seconds is within the freshness window of now. */
export function freshTimestamp(seconds: string | undefined, now: Date): boolean {
  if (!seconds || !/^\d{9,11}$/.test(seconds)) return false;
  return freshInstant(Number(seconds) * 1000, now);
}
