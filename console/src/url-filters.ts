// A list's filters in the URL (a list can be bookmarked and shared): enum codes read back only when
// they are codes the console knows; anything unknown or malformed is ignored.

/** A comma-separated list of known codes, e.g. ?status=OPEN,ANSWERED. */
export function listParam(params: URLSearchParams, key: string, known: Record<string, string>): string[] {
  return (params.get(key) ?? '').split(',').filter((v) => v in known);
}

/** One known code, or null. */
export function oneParam(params: URLSearchParams, key: string, known: Record<string, string>): string | null {
  const value = params.get(key);
  return value && value in known ? value : null;
}
