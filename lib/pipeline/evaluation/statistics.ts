// Descriptive statistics for evaluation metrics. Every function returns null,
// never NaN, when there is nothing to summarise. Pure.

/** numerator / denominator, or null when the denominator is 0. */
export function rateOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Arithmetic mean, or null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Median (the mean of the two middle values for an even count), or null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** Population standard deviation (divides by n, not n - 1: the run is the whole population we report on), or null for no values. */
export function populationStdDev(values: readonly number[]): number | null {
  const average = mean(values);
  if (average === null) return null;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / values.length);
}

/**
 * Nearest-rank percentile: the value at 1-based rank ceil(percent / 100 × n) of
 * the values sorted ascending, i.e. the smallest observed value with at least
 * `percent`% of the values at or below it. Never interpolates, so it is always
 * a value that was observed: p95 of 1 to 19 values is their maximum, of 20
 * values the 19th. Null for no values.
 */
export function nearestRankPercentile(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // percent × n is an exact integer for whole percents, so the rank has no rounding error.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((percent * sorted.length) / 100)));
  return sorted[rank - 1] as number;
}

export type LatencySummary = { n: number; averageMs: number | null; p95Ms: number | null };

/** Average and nearest-rank p95 of durations in milliseconds. */
export function summariseLatency(values: readonly number[]): LatencySummary {
  return { n: values.length, averageMs: mean(values), p95Ms: nearestRankPercentile(values, 95) };
}
