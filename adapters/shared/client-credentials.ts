import type { DeliveryOutcome } from '../../src/delivery/department-adapter';
import { jsonOrNull, MALFORMED_REPLY, send } from './http';

// OAuth2 client credentials (RFC 6749 §4.4), as partners' token endpoints speak it: a bearer token
// kept until shortly before it expires, one token request shared by concurrent deliveries, and a
// refused token forgotten so the next call takes a new one. Every failure of the token endpoint is
// retryable: the referral was never looked at, and fixed credentials let the same row through.

export interface TokenGrant {
  accessToken: string;
  expiresInSeconds: number;
}

/** The token endpoint failed: the outcome the delivery reports. */
export class TokenFailure extends Error {
  constructor(readonly outcome: DeliveryOutcome) {
    super('token');
  }
}

/** A token refresh takes place this long before expiry: 10 % of the lifetime, at most a minute. */
export function refreshMarginMs(expiresInSeconds: number): number {
  return Math.min(60_000, expiresInSeconds * 100);
}

const isAbort = (e: unknown) => (e as Error)?.name === 'AbortError' || (e as Error)?.name === 'TimeoutError';

export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** How the client authenticates: HTTP Basic (RFC 6749 §2.3.1), or client_id and client_secret in the form. */
  authentication: 'basic' | 'form';
  /** Reads the token endpoint's JSON answer; null when it is not a usable grant. */
  parse(body: unknown): TokenGrant | null;
  /** Milliseconds now (tests move it past a token's lifetime). */
  clock?: () => number;
}

export class ClientCredentials {
  private token: { value: string; refreshAt: number } | null = null;
  /** The token request under way, shared by concurrent deliveries. */
  private pending: Promise<string> | null = null;
  private readonly clock: () => number;

  constructor(private readonly options: ClientCredentialsOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** The cached token, or a new one (a request under way is shared); throws TokenFailure. */
  async accessToken(signal: AbortSignal): Promise<string> {
    if (this.token && this.clock() < this.token.refreshAt) return this.token.value;
    const shared = this.pending;
    if (shared) {
      try {
        return await shared;
      } catch (error) {
        // The delivery that asked for it gave up (its deadline); this one still has time to ask itself.
        if (signal.aborted || !isAbort(error)) throw error;
      }
    }
    const own = this.requestToken(signal);
    this.pending = own;
    try {
      return await own;
    } finally {
      if (this.pending === own) this.pending = null;
    }
  }

  /** Drops a token the partner refused, unless a newer one already replaced it. */
  forget(token: string): void {
    if (this.token?.value === token) this.token = null;
  }

  private async requestToken(signal: AbortSignal): Promise<string> {
    const { tokenUrl, clientId, clientSecret, authentication } = this.options;
    const asked = this.clock();
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...(authentication === 'form' ? { client_id: clientId, client_secret: clientSecret } : {}) });
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
    if (authentication === 'basic') headers.Authorization = basicAuthorization(clientId, clientSecret);
    const reply = await send(tokenUrl, { headers, body: form.toString() }, signal);
    // 400 invalid_client / 401: the credentials; anything else the endpoint's state.
    if (reply.status === 400 || reply.status === 401) throw new TokenFailure({ ok: false, retryable: true, reason: 'TOKEN_REFUSED' });
    if (reply.status < 200 || reply.status > 299) throw new TokenFailure({ ok: false, retryable: true, reason: `TOKEN_HTTP_${reply.status}` });
    const grant = this.options.parse(jsonOrNull(reply.body));
    if (!grant) throw new TokenFailure(MALFORMED_REPLY);
    this.token = { value: grant.accessToken, refreshAt: asked + grant.expiresInSeconds * 1000 - refreshMarginMs(grant.expiresInSeconds) };
    return grant.accessToken;
  }
}

/** HTTP Basic client authentication: id and secret form-encoded first (RFC 6749 §2.3.1). */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString('base64')}`;
}
