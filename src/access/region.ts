import { badInput, forbidden } from './guard';

/** The effective region prefix of a filter: inside the caller's own region, or FORBIDDEN. */
export function effectiveRegion(
  callerRegion: string,
  requested: string | null | undefined,
  field: string[] = ['filter', 'regionCode'],
): string {
  if (requested == null) return callerRegion;
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(requested)) {
    throw badInput('regionCode is an administrative-division code prefix of 2, 4, 6 or 9 digits.', field);
  }
  if (requested.startsWith(callerRegion)) return requested;
  throw forbidden();
}
