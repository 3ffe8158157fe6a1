import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { Caller, Department, Role } from './roles';

const ALGORITHM = 'HS256';
const REGION = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})?$/;

export class InvalidTokenError extends Error {}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (Object.values(Role) as string[]).includes(value);
}

export function isDepartment(value: unknown): value is Department {
  return typeof value === 'string' && (Object.values(Department) as string[]).includes(value);
}

function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Verifies a bearer token and turns its claims into a Caller; throws InvalidTokenError. */
export async function verifyToken(token: string, secret: string, now: Date): Promise<Caller> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secretKey(secret), {
      algorithms: [ALGORITHM],
      currentDate: now,
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) throw new InvalidTokenError(error.code);
    throw error;
  }
  const { role, region, department, sub } = payload;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 100) throw new InvalidTokenError('bad sub claim');
  if (!isRole(role)) throw new InvalidTokenError('bad role claim');
  // Required: '' says nationwide explicitly; a missing region must not widen a caller's reach.
  if (typeof region !== 'string' || !REGION.test(region)) throw new InvalidTokenError('bad region claim');
  if (role === Role.DEPARTMENT && !isDepartment(department)) throw new InvalidTokenError('bad department claim');
  return {
    sub,
    role: role as Role,
    region,
    department: role === Role.DEPARTMENT ? (department as Department) : null,
  };
}

export interface TokenRequest {
  sub: string;
  role: Role;
  region: string;
  department?: Department | null;
  ttlSeconds: number;
}

export async function signToken(request: TokenRequest, secret: string, now: Date): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const claims: Record<string, string> = { role: request.role, region: request.region };
  if (request.department) claims.department = request.department;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(request.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds)
    .sign(secretKey(secret));
}
