import { auditUrlKeys } from "@/lib/schemas/audit";

// The audit page keeps its whole view (filters, order, page) in the URL query,
// so a view can be bookmarked or shared. These helpers turn a query into the
// canonical plain-string form used for query keys and API calls. Client-safe.

/** The audit view as query-string values: only known, non-blank keys, in a fixed order. */
export type AuditUrlState = Partial<Record<(typeof auditUrlKeys)[number], string>>;

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** Reads the audit view from a URL query (a URLSearchParams or a Next.js searchParams object). */
export function readAuditUrlState(params: SearchParamsLike): AuditUrlState {
  const get = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const state: AuditUrlState = {};
  for (const key of auditUrlKeys) {
    const value = get(key)?.trim();
    if (value) state[key] = value;
  }
  return state;
}

/** The query string ("a=1&b=2", without "?") for a view, optionally with changes applied; undefined or "" removes a key. */
export function auditQueryString(state: AuditUrlState, changes: AuditUrlState = {}): string {
  const merged: AuditUrlState = { ...state, ...changes };
  const params = new URLSearchParams();
  for (const key of auditUrlKeys) {
    const value = merged[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/** Whether any filter (not the order or the page) is set. */
export function hasFilters(state: AuditUrlState): boolean {
  return Object.keys(state).some((key) => key !== "sort" && key !== "cursor");
}
