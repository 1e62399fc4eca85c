import { formatMs, formatPercent, formatScore, NOT_AVAILABLE } from "@/lib/pipeline/evaluation/format-values";

// Numbers in charts and tables, at the precision of the run reports
// (format-values.ts) so the console and the reports agree. Client-safe.

export { formatMs, formatPercent, formatScore, NOT_AVAILABLE };

/** A count with thousands separators. */
export const formatCount = (value: number | null) => (value === null ? NOT_AVAILABLE : value.toLocaleString("en-AU"));

/** An axis tick for a 0–1 rate: "25%". */
export const percentTick = (value: number) => `${Math.round(value * 100)}%`;

/** A difference between two rates in percentage points, signed: "+7.5 pts". */
export function formatPointsDifference(difference: number): string {
  const points = Math.round(difference * 1000) / 10 || 0;
  return `${points > 0 ? "+" : points < 0 ? "−" : "±"}${Math.abs(points).toFixed(1)} pts`;
}

/** A signed difference: "+0.25", "−120.0 ms". */
export function formatSignedDifference(difference: number, format: (value: number) => string): string {
  const text = format(Math.abs(difference));
  return difference > 0 ? `+${text}` : difference < 0 ? `−${text}` : `±${text}`;
}
