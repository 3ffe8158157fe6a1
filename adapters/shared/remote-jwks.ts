import { createPublicKey, KeyObject } from 'node:crypto';

// A partner's verification keys read from its JWKS URL (RFC 7517; the SPDCI standards' JWKS API),
// so a partner rotates its key without a phone call: a signature names its key by `kid` (the JWS
// header), an unknown kid makes the keys be read again (at most once per `minIntervalMs`), and the
// partner's retry then verifies. Only P-256 signing keys are taken. Verification stays synchronous:
// the keys are fetched ahead, never while a callback waits.

export class RemoteJwks {
  private keys = new Map<string, KeyObject>();
  private lastAsked = -Infinity;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly minIntervalMs = 60_000,
  ) {
    void this.refresh();
  }

  /** The key a compact JWS names by kid (or the only key, for a JWS without one); null when not known (yet). */
  keyFor(jws: string): KeyObject | null {
    let kid: unknown;
    try {
      kid = (JSON.parse(Buffer.from(String(jws).split('.')[0], 'base64url').toString('utf8')) as { kid?: unknown }).kid;
    } catch {
      return null;
    }
    const key = typeof kid === 'string' ? this.keys.get(kid) : this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
    if (!key) void this.refresh();
    return key ?? null;
  }

  /** Reads the keys again unless that was done less than `minIntervalMs` ago; resolves when done (a failure keeps the keys known). */
  refresh(): Promise<void> {
    if (this.pending) return this.pending;
    if (Date.now() - this.lastAsked < this.minIntervalMs) return Promise.resolve();
    this.lastAsked = Date.now();
    this.pending = fetch(this.url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(5_000), redirect: 'error' })
      .then(async (res) => {
        if (!res.ok) return;
        const body = (await res.json()) as { keys?: unknown };
        if (!Array.isArray(body.keys)) return;
        const keys = new Map<string, KeyObject>();
        for (const jwk of body.keys as Array<Record<string, unknown>>) {
          if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
          try {
            keys.set(jwk.kid, createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } as never, format: 'jwk' }));
          } catch {
            // a malformed key is skipped, the others taken
          }
        }
        if (keys.size > 0) this.keys = keys;
      })
      .catch(() => undefined)
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
