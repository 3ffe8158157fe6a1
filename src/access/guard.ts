import { GraphQLError } from 'graphql';
import { Text, text } from '../common/text';
import { Caller, Role } from './roles';

// The access and input failures that are GraphQL errors rather than userErrors. Their messages say
// nothing about what exists: a caller outside a region gets the same FORBIDDEN whether or not the
// thing is there. Each carries its text in both languages (`LocalizedError`); the response is
// written in the reader's language (see graphql/error-format.ts).

export class LocalizedError extends GraphQLError {
  constructor(readonly text: Text, extensions: Record<string, unknown>) {
    super(text.zh, { extensions });
  }
}

export function unauthenticated(): GraphQLError {
  return new LocalizedError(
    text('未登录：请在请求头中携带 Authorization: Bearer <令牌>。', 'Authentication required: send Authorization: Bearer <token>.'),
    { code: 'UNAUTHENTICATED', http: { status: 401 } },
  );
}

export function forbidden(): GraphQLError {
  return new LocalizedError(text('无权进行此操作。', 'Not allowed for this caller.'), { code: 'FORBIDDEN' });
}

export function badInput(message: Text, field: string[], problems?: unknown[]): GraphQLError {
  return new LocalizedError(message, problems ? { code: 'BAD_USER_INPUT', field, problems } : { code: 'BAD_USER_INPUT', field });
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
