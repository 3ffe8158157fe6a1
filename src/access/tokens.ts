import { createSecretKey, KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors, JWTPayload, JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { Caller, Department, Role } from './roles';
import { isRegionPrefix } from './region';

/** Tokens minted by `npm run token` (and by small sites' own tools) with HUB_JWT_SECRET. */
export const HS256 = 'HS256';
/** Tokens from an identity provider, verified against its published keys (HUB_JWKS_URL). */
export const IDENTITY_PROVIDER_ALGORITHMS = ['RS256', 'ES256'];

/** Why a token was refused: EXPIRED (a genuine token past its exp) or INVALID (anything else). */
export type TokenProblem = 'EXPIRED' | 'INVALID';

/** A refused token. `message` is for logs and tests (a jose error code or 'bad … claim'), never for the caller. */
export class InvalidTokenError extends Error {
  constructor(
    message: string,
    readonly reason: TokenProblem = 'INVALID',
  ) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (Object.values(Role) as string[]).includes(value);
}

export function isDepartment(value: unknown): value is Department {
  return typeof value === 'string' && (Object.values(Department) as string[]).includes(value);
}

/** The HS256 key, derived once from the secret: keep it rather than deriving it per request. */
export function hs256Key(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

export interface VerifyOptions {
  /** The algorithms accepted for this key (never mix HS256 with asymmetric ones on one key). */
  algorithms: string[];
  /** Real time: exp and nbf are judged against it, never against the hub's business clock. */
  now: Date;
  /** Seconds of disagreement between the signer's clock and ours tolerated on exp and nbf. */
  clockToleranceSeconds?: number;
  issuer?: string;
  audience?: string;
}

/**
 * Verifies a bearer token with a key (or a key resolver such as a remote JWKS) and turns its
 * claims into a Caller. Throws InvalidTokenError (reason EXPIRED or INVALID); an error thrown by
 * a key resolver that is not a jose error (e.g. the key set could not be fetched) passes through.
 */
export async function verifyJwt(token: string, key: KeyObject | JWTVerifyGetKey, options: VerifyOptions): Promise<Caller> {
  const joseOptions: JWTVerifyOptions = {
    algorithms: options.algorithms,
    currentDate: options.now,
    clockTolerance: options.clockToleranceSeconds ?? 0,
    requiredClaims: ['sub', 'exp'],
  };
  if (options.issuer !== undefined) joseOptions.issuer = options.issuer;
  if (options.audience !== undefined) joseOptions.audience = options.audience;
  let payload: JWTPayload;
  try {
    ({ payload } = typeof key === 'function' ? await jwtVerify(token, key, joseOptions) : await jwtVerify(token, key, joseOptions));
  } catch (error) {
    // jose checks the signature before the claims: a token reported EXPIRED is a genuine one.
    if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError(error.code, 'EXPIRED');
    if (error instanceof joseErrors.JOSEError) throw new InvalidTokenError(error.code);
    throw error;
  }
  return callerFromClaims(payload);
}

/** The claims of a verified token as a Caller; throws InvalidTokenError naming the bad claim. */
export function callerFromClaims(payload: JWTPayload): Caller {
  const { role, region, department, sub } = payload;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 100) throw new InvalidTokenError('bad sub claim');
  if (!isRole(role)) throw new InvalidTokenError('bad role claim');
  // Required: '' says nationwide explicitly; a missing region must not widen a caller's reach.
  if (typeof region !== 'string' || !isRegionPrefix(region, true)) throw new InvalidTokenError('bad region claim');
  if (role === Role.DEPARTMENT && !isDepartment(department)) throw new InvalidTokenError('bad department claim');
  return {
    sub,
    role: role as Role,
    region,
    department: role === Role.DEPARTMENT ? (department as Department) : null,
  };
}

/** Verifies an HS256 token (see verifyJwt); `now` is real time. */
export async function verifyToken(token: string, secret: string | KeyObject, now: Date): Promise<Caller> {
  return verifyJwt(token, typeof secret === 'string' ? hs256Key(secret) : secret, { algorithms: [HS256], now });
}

export interface TokenRequest {
  sub: string;
  role: Role;
  region: string;
  department?: Department | null;
  ttlSeconds: number;
}

/** Signs an HS256 token; `now` is real time (iat, and exp = iat + ttlSeconds). */
export async function signToken(request: TokenRequest, secret: string | KeyObject, now: Date): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const claims: Record<string, string> = { role: request.role, region: request.region };
  if (request.department) claims.department = request.department;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: HS256 })
    .setSubject(request.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds)
    .sign(typeof secret === 'string' ? hs256Key(secret) : secret);
}
