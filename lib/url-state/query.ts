/**
 * Query strings for the console's shareable views (the stage diff's pair, the history filters):
 * known keys only, empty values left out, a fixed order, so one view has one URL.
 */
export const DIFF_PAIR_KEYS = ["a", "b"] as const;
export const HISTORY_FILTER_KEYS = ["actor", "action", "entityType", "entity", "from", "to"] as const;

/** `?k=v&…` of the given keys in the given order, or "" when none has a value. */
export function querySearch(keys: readonly string[], values: Record<string, string | undefined | null>): string {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = values[key]?.trim();
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The stage diff comparing a with b (each "draft", "stage:<name>" or "deployment:<id>"). */
export const diffPairHref = (apiId: string, a: string, b: string) => `/apis/${apiId}/stages/diff${querySearch(DIFF_PAIR_KEYS, { a, b })}`;

/** A history page (workspace or API) with these filters. */
export const historyFilterHref = (basePath: string, filters: Record<string, string | undefined>) => `${basePath}${querySearch(HISTORY_FILTER_KEYS, filters)}`;
