// Who is signed in. The token lives in sessionStorage (gone when the tab closes), never in a URL.
// Behind a signing-in reverse proxy the console holds no token at all (source 'proxy'): the proxy
// adds the Authorization header to every request and /console/api/session says who the user is.

export type Role = 'CLERK' | 'DEPARTMENT' | 'DASHBOARD' | 'ADMIN';

export interface Session {
  source: 'token' | 'proxy';
  token: string | null;
  userId: string;
  role: Role;
  /** Administrative-division code prefix of the user's jurisdiction ('' = nationwide). */
  region: string;
  department: string | null;
  /** Milliseconds since the epoch; null when the proxy holds the token. */
  expiresAt: number | null;
  /** What the header shows: the demo user's label, or the user id. */
  label: string;
}

const SESSION_KEY = 'hub-console.session';
const NOTICE_KEY = 'hub-console.notice';
const ROLES: readonly Role[] = ['CLERK', 'DEPARTMENT', 'DASHBOARD', 'ADMIN'];

/** The claims of a bearer token, read without verifying it (the hub verifies every request). */
export function sessionFromToken(token: string, label?: string): Session | string {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return '这不是有效的令牌（应为三段，以“.”分隔）。';
  let claims: Record<string, unknown>;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    claims = JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
  } catch {
    return '令牌内容无法读取，请重新复制完整的令牌。';
  }
  const { sub, role, region, department, exp } = claims;
  if (typeof sub !== 'string' || !ROLES.includes(role as Role) || typeof region !== 'string') {
    return '令牌缺少用户、角色或辖区信息，请向系统管理员索取正确的令牌。';
  }
  const expiresAt = typeof exp === 'number' ? exp * 1000 : null;
  if (expiresAt !== null && expiresAt <= Date.now()) return '该令牌已过期，请重新获取。';
  return {
    source: 'token',
    token: token.trim(),
    userId: sub,
    role: role as Role,
    region,
    department: typeof department === 'string' ? department : null,
    expiresAt,
    label: label ?? sub,
  };
}

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (session.expiresAt !== null && session.expiresAt <= Date.now()) {
      sessionStorage.removeItem(SESSION_KEY);
      setSignInNotice('登录已过期，请重新登录。');
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function storeSession(session: Session | null): void {
  if (session && session.source === 'token') sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

/** A message the sign-in page shows once (e.g. why the user was sent back there). */
export function setSignInNotice(message: string): void {
  sessionStorage.setItem(NOTICE_KEY, message);
}

export function peekSignInNotice(): string | null {
  return sessionStorage.getItem(NOTICE_KEY);
}

export function takeSignInNotice(): string | null {
  const message = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  return message;
}

/** The screen a user lands on after signing in. */
export function homePath(role: Role): string {
  switch (role) {
    case 'CLERK':
      return '/intake';
    case 'DEPARTMENT':
      return '/workbench';
    case 'DASHBOARD':
      return '/dashboard';
    case 'ADMIN':
      return '/cases';
  }
}
