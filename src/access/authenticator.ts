import type { KeyObject } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, JWTVerifyGetKey } from 'jose';
import type { HubConfig } from '../config';
import type { Language } from '../common/language';
import { unauthenticated } from './guard';
import { Caller } from './roles';
import { HS256, hs256Key, IDENTITY_PROVIDER_ALGORITHMS, InvalidTokenError, verifyJwt } from './tokens';

export type UnauthenticatedReason = 'NO_TOKEN' | 'EXPIRED' | 'INVALID';

/** The settings the authenticator reads (a HubConfig has them all). */
export type AuthenticatorConfig = Pick<HubConfig, 'jwtSecret' | 'jwksUrl' | 'jwtIssuer' | 'jwtAudience' | 'jwtClockToleranceSeconds'>;

export interface AuthenticatorOptions {
  /**
   * Real time, against which exp and nbf are judged: never the hub's (business) clock, which a
   * drill or a training may set weeks away. Tests inject a fixed instant.
   */
  realNow?: () => Date;
  /** createRemoteJWKSet tuning (defaults: fetch timeout 5 s, cooldown 30 s, cache 10 min). */
  jwks?: { timeoutDuration?: number; cooldownDuration?: number; cacheMaxAge?: number };
}

/**
 * The identity provider's key set could not be fetched or read (down, timing out, not answering a
 * key set). A fault on the hub's side, not the caller's: it surfaces as an internal error (and is
 * logged), never as UNAUTHENTICATED, which would tell a caller holding a good token to discard it.
 */
export class KeySetUnavailableError extends Error {
  constructor(cause: unknown) {
    super("the identity provider's key set could not be fetched", { cause });
    this.name = 'KeySetUnavailableError';
  }
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Turns a request's Authorization header into a Caller. Built once per process.
 *
 * - HUB_JWKS_URL unset: HS256 tokens only, with HUB_JWT_SECRET (or, in development, the secret
 *   resolved from the development secrets file, the one `npm run token` signs with).
 * - HUB_JWKS_URL set: RS256/ES256 tokens verified against the identity provider's key set, with
 *   HUB_JWT_ISSUER / HUB_JWT_AUDIENCE checked when set; HS256 tokens too, but only when
 *   HUB_JWT_SECRET is explicitly set (never with a generated development secret).
 *
 * exp and nbf are judged by real time, with HUB_JWT_CLOCK_TOLERANCE_SECONDS of slack.
 */
export class Authenticator {
  private readonly hmacKey: KeyObject | null;
  private readonly keySet: JWTVerifyGetKey | null;
  private readonly realNow: () => Date;

  /** `resolvedJwtSecret`: the HS256 secret as the hub resolved it (resolveSecrets), or null. */
  constructor(
    private readonly config: AuthenticatorConfig,
    resolvedJwtSecret: string | null,
    options: AuthenticatorOptions = {},
  ) {
    const secret = config.jwksUrl ? config.jwtSecret : (config.jwtSecret ?? resolvedJwtSecret);
    if (!secret && !config.jwksUrl) throw new Error('Authenticator: neither an HS256 secret nor HUB_JWKS_URL is configured');
    this.hmacKey = secret ? hs256Key(secret) : null;
    this.keySet = config.jwksUrl ? guardKeySet(createRemoteJWKSet(new URL(config.jwksUrl), options.jwks)) : null;
    this.realNow = options.realNow ?? (() => new Date());
  }

  /** True when HS256 tokens (`npm run token`) are accepted. */
  get acceptsHs256(): boolean {
    return this.hmacKey !== null;
  }

  /** True when identity-provider tokens (RS256/ES256 against HUB_JWKS_URL) are accepted. */
  get acceptsIdentityProvider(): boolean {
    return this.keySet !== null;
  }

  /**
   * null when there is no Authorization header (an anonymous request; services refuse it where a
   * caller is needed). Throws the UNAUTHENTICATED GraphQLError, in `lang`, with reason INVALID for
   * a header that is not `Bearer <token>` or a token that does not verify, EXPIRED for a genuine
   * token past its exp. Throws KeySetUnavailableError when the identity provider cannot be reached.
   */
  async authenticate(authorizationHeader: string | undefined, lang: Language = 'zh-CN'): Promise<Caller | null> {
    if (!authorizationHeader) return null;
    const match = BEARER.exec(authorizationHeader);
    if (!match) throw unauthenticated('INVALID', lang);
    try {
      return await this.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthenticated(error.reason, lang);
      throw error;
    }
  }

  /** Verifies one token; throws InvalidTokenError (reason EXPIRED or INVALID) or KeySetUnavailableError. */
  async verify(token: string): Promise<Caller> {
    let alg: unknown;
    try {
      ({ alg } = decodeProtectedHeader(token));
    } catch {
      throw new InvalidTokenError('ERR_JWS_INVALID');
    }
    const common = { now: this.realNow(), clockToleranceSeconds: this.config.jwtClockToleranceSeconds };
    if (alg === HS256 && this.hmacKey) {
      return verifyJwt(token, this.hmacKey, { ...common, algorithms: [HS256] });
    }
    if (typeof alg === 'string' && IDENTITY_PROVIDER_ALGORITHMS.includes(alg) && this.keySet) {
      return verifyJwt(token, this.keySet, {
        ...common,
        algorithms: IDENTITY_PROVIDER_ALGORITHMS,
        issuer: this.config.jwtIssuer ?? undefined,
        audience: this.config.jwtAudience ?? undefined,
      });
    }
    throw new InvalidTokenError('ERR_JOSE_ALG_NOT_ALLOWED');
  }
}

/**
 * A key that is not in the set (after one refetch, at most every cooldown) is the token's fault;
 * anything else going wrong while fetching or reading the set is the identity provider's.
 */
function guardKeySet(remote: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) throw error;
      throw new KeySetUnavailableError(error);
    }
  };
}
