import { GraphQLError } from 'graphql';
import { Caller, Role } from './roles';

// The two access failures. Their messages say nothing about what exists: a caller outside a
// region gets the same FORBIDDEN whether or not the thing is there.

/**
 * No caller. `reason` says only which of three things went wrong — no token, an expired one, one
 * that does not verify — never why a token is invalid or anything about the data asked for.
 * Chinese unless the request prefers English (see preferredLanguage in common/language.ts).
 */
export function unauthenticated(reason: 'NO_TOKEN' | 'EXPIRED' | 'INVALID' = 'NO_TOKEN', lang: 'zh-CN' | 'en' = 'zh-CN'): GraphQLError {
  const messages = {
    NO_TOKEN: { 'zh-CN': '未登录：请在请求头中携带 Authorization: Bearer <令牌>。', en: 'Not signed in: send Authorization: Bearer <token>.' },
    EXPIRED: { 'zh-CN': '登录已过期，请重新获取令牌。', en: 'The token has expired: get a new one.' },
    INVALID: { 'zh-CN': '令牌无效，请重新获取令牌。', en: 'The token is not valid: get a new one.' },
  } as const;
  return new GraphQLError(messages[reason][lang], {
    extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } },
  });
}

export function forbidden(): GraphQLError {
  return new GraphQLError('Not allowed for this caller.', { extensions: { code: 'FORBIDDEN' } });
}

export function badInput(message: string, field: string[]): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw unauthenticated();
  return caller;
}

export function requireRole(caller: Caller | null, ...roles: Role[]): Caller {
  const c = requireCaller(caller);
  if (!roles.includes(c.role)) throw forbidden();
  return c;
}
