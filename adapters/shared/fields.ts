// How every protocol's reader checks what a partner sends, one rule each: a required text is a
// string with something in it, within its length; an optional one may be absent or null; a list
// of materials asked for holds 1–20 texts of at most 100 characters.

export const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

export const optionalText = (v: unknown, max: number): boolean => v === undefined || v === null || (typeof v === 'string' && v.length <= max);

export function materialList(v: unknown): string[] | null {
  return Array.isArray(v) && v.length > 0 && v.length <= 20 && v.every((m) => text(m, 100)) ? (v as string[]) : null;
}
