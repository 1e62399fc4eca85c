import { PRECISION, roundTo } from "@/lib/pipeline/evaluation/round-metrics";

// Text for numbers in the HTML report, at the precision of round-metrics.ts so
// the HTML shows the JSON report's numbers: a rate of 0.667 is "66.7%"
// (3 decimals as a fraction, 1 as a percentage). Missing values are "n/a". Pure.

/** Shown for a value with nothing to compute it from (a null metric). */
export const NOT_AVAILABLE = "n/a";

/** A fraction as a percentage: 0.667 → "66.7%". */
export function formatPercent(rate: number | null): string {
  const rounded = roundTo(rate, PRECISION.rate);
  return rounded === null ? NOT_AVAILABLE : `${(rounded * 100).toFixed(PRECISION.rate - 2)}%`;
}

/** Milliseconds: 1234.56 → "1234.6 ms". */
export function formatMs(value: number | null): string {
  const rounded = roundTo(value, PRECISION.ms);
  return rounded === null ? NOT_AVAILABLE : `${rounded.toFixed(PRECISION.ms)} ms`;
}

/** A 0–5 score summary (average, median, standard deviation): 4.333 → "4.33". */
export function formatScore(value: number | null): string {
  const rounded = roundTo(value, PRECISION.score);
  return rounded === null ? NOT_AVAILABLE : rounded.toFixed(PRECISION.score);
}

/** Cohen's kappa: 0.61977 → "0.620". */
export function formatKappa(value: number | null): string {
  const rounded = roundTo(value, PRECISION.rate);
  return rounded === null ? NOT_AVAILABLE : rounded.toFixed(PRECISION.rate);
}

/** A single judge's score as given (0–5, at most 2 decimals): 4 → "4", 3.5 → "3.5". */
export function formatJudgeScore(value: number | undefined): string {
  return value === undefined ? NOT_AVAILABLE : String(roundTo(value, PRECISION.score));
}
