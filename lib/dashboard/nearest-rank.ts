// Nearest-rank percentiles in SQL. The dashboard's latency percentiles use the
// same definition as the run reports (statistics.ts nearestRankPercentile):
// the value at 1-based rank ceil(p × n / 100) of the sorted values. SQL has no
// portable CEIL, so the rank is written with integer division, which SQLite
// and PostgreSQL both truncate: ceil(p·n/100) = floor((p·n + 99) / 100) for
// whole percents p and counts n. Pure.

/** The percentiles the latency chart shows. */
export const LATENCY_PERCENTILES = [50, 95] as const;
export type LatencyPercentile = (typeof LATENCY_PERCENTILES)[number];

/** The 1-based rank of the nearest-rank `percent`-th percentile of `count` values, as the SQL computes it. */
export function nearestRank(count: number, percent: number): number {
  return Math.floor((percent * count + 99) / 100);
}
