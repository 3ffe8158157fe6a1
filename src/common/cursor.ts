import { badInput } from '../access/guard';

/** Opaque keyset cursors: base64url of the sort key of the last row seen. */
export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, field: string): string[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string')) return parts as string[];
  } catch {
    // fall through
  }
  throw badInput('This cursor was not issued by this query.', [field]);
}

export const MAX_PAGE = 100;

export function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}.`, ['first']);
}

/** The effective region prefix of a filter: inside the caller's own region, or FORBIDDEN. */
export function effectiveRegion(callerRegion: string, requested: string | null | undefined, forbidden: () => Error): string {
  if (requested == null) return callerRegion;
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(requested)) {
    throw badInput('regionCode is an administrative-division code prefix of 2, 4, 6 or 9 digits.', ['filter', 'regionCode']);
  }
  if (requested.startsWith(callerRegion)) return requested;
  throw forbidden();
}
