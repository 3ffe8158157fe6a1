import { GraphQLError } from 'graphql';
import { Caller, Role } from './roles';

// The two access failures. Their messages say nothing about what exists: a caller outside a
// region gets the same FORBIDDEN whether or not the thing is there.

export function unauthenticated(): GraphQLError {
  return new GraphQLError('Authentication required: send Authorization: Bearer <token>.', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
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
