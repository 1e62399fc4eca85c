// Equality of configuration as data: two rules or settings that differ only in
// the order of their keys are the same. Pure and client-safe.

const sortKeys = (_key: string, value: unknown) =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value;

/** JSON text with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortKeys) ?? "undefined";
}

/** Whether two JSON-like values are equal as data. */
export const sameData = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
