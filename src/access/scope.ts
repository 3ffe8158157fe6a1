import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { forbidden } from './guard';
import { Caller, Role } from './roles';

// What a caller learns about ids it may not see. A caller whose scope is narrower than the whole
// hub (a region, or one department) gets the same answer for an id outside its scope and for an id
// that does not exist, so it cannot probe which ids exist elsewhere: FORBIDDEN. Only a caller who
// sees everything (region '' and no department) is told "no such thing", which can leak nothing.

/** True when nothing of the hub lies outside the caller's scope. */
export function seesEverything(caller: Caller): boolean {
  return caller.region === '' && caller.role !== Role.DEPARTMENT;
}

/**
 * The row when it exists and `visible` (the caller may see it); null when it does not exist and the
 * caller sees everything; FORBIDDEN otherwise (outside the scope, or unknown to a narrower scope).
 */
export function withinScope<T>(caller: Caller, row: T | null | undefined, visible: boolean): T | null {
  if (row != null && visible) return row;
  if (row == null && seesEverything(caller)) return null;
  throw forbidden();
}

// Identity numbers (身份证号码) in lists. Browsing many households shows them masked for everyone;
// a case or referral opened on purpose, and the referrals a department claims to act on, show them
// whole to the roles that need them, and each such showing goes to the access log.
const BROWSING_FIELDS = new Set(['cases', 'referrals', 'registerHouseholds', 'registerReviews', 'refusalNotices', 'supervisionNotices']);

/** Whether this read of a person's identity number shows it whole (the caller's role and where the person was reached). */
export function showsWholeIdNumber(caller: Caller | null, info: Pick<GraphQLResolveInfo, 'path' | 'operation' | 'fragments'>): boolean {
  if (!caller || caller.role === Role.DASHBOARD) return false;
  let root = info.path;
  while (root.prev) root = root.prev;
  const field = rootFieldName(info.operation.selectionSet, String(root.key), info.fragments);
  return field !== null && !BROWSING_FIELDS.has(field);
}

/** The field name behind a root response key (which may be an alias, or sit inside a fragment). */
function rootFieldName(set: SelectionSetNode, key: string, fragments: GraphQLResolveInfo['fragments']): string | null {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD && (s.alias ?? s.name).value === key) return s.name.value;
    const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : s.kind === Kind.FRAGMENT_SPREAD ? fragments[s.name.value]?.selectionSet : undefined;
    const found = inner ? rootFieldName(inner, key, fragments) : null;
    if (found !== null) return found;
  }
  return null;
}
