import { Authorized, type AuthChecker } from 'type-graphql';
import type { RequestContext } from '../common/request-context';
import { forbidden, unauthenticated } from './guard';
import { Role, type Caller, type Department } from './roles';

// Who may call an operation is declared where the operation is declared — `@Allow(Role.CLERK)` on
// a query or mutation, `@SignedIn()` for any verified caller — and checked here, once, before the
// resolver runs. A test walks the schema and fails for an operation without a rule
// (test/unit/operation-access.test.ts). Row scope (region, department) is the services' through
// access/region.ts and access/department-view.ts: a rule here says who may ask at all.

/** The roles that may call this query or mutation. */
export const Allow = (...roles: [Role, ...Role[]]) => Authorized<Role>(...roles);

/** Any verified caller, whatever the role. */
export const SignedIn = () => Authorized<Role>();

/** TypeGraphQL's authChecker: no caller is UNAUTHENTICATED; a role not listed is FORBIDDEN. */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  authorize(context.caller, roles);
  return true;
};

/** The same rule for what TypeGraphQL does not route (federation's entity references). */
export function authorize(caller: Caller | null, roles: readonly Role[]): Caller {
  if (!caller) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(caller.role)) throw forbidden();
  return caller;
}

/**
 * The request's caller, in a service behind a declared rule (which has already refused a request
 * without one). A service reached without a caller is a wiring mistake, not a user's: it fails
 * as UNAUTHENTICATED all the same, never as a stack trace.
 */
export function callerOf(ctx: Pick<RequestContext, 'caller'>): Caller {
  return authorize(ctx.caller, []);
}

/** Every role: for the rules written as data (entity references) rather than as decorators. */
export const ALL_ROLES: readonly Role[] = Object.values(Role);

/**
 * The caller a partner system acts as when the hub applies its answers (callbacks, status queries)
 * or discloses data to it (deliveries): its department, the whole country (the referrals it is
 * given are already its own), and the department's name as the actor on the timeline and in the
 * access log, as for every delivery event.
 */
export function partnerCaller(department: Department): Caller {
  return { sub: department, role: Role.DEPARTMENT, region: '', department };
}
