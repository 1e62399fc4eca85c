import type { DecisionBucket, DecisionMatrix, MatrixColumn } from "@/lib/dashboard/dashboard-types";
import { detectSpikes } from "@/lib/dashboard/detect-spikes";
import type { TimeBucket } from "@/lib/dashboard/time-buckets";
import { rateOf } from "@/lib/pipeline/evaluation/statistics";
import { VERDICTS, type Verdict } from "@/lib/pipeline/evaluation/types";

// CAM's decisions as series: rates per time bucket with spikes marked, and
// the matrix of CAM's action against each judge's verdict. Pure.

export type DecisionCountRow = { bucketKey: string; allow: number; warn: number; block: number; failed: number };

/**
 * Decision rates for every bucket of `buckets`. The first `leadIn` buckets are
 * history before the range: they feed the spike baseline of the first buckets
 * shown, then are dropped, so a spike on the first day of a range is still found.
 */
export function prepareDecisionTrend(rows: readonly DecisionCountRow[], buckets: TimeBucket[], leadIn: number): DecisionBucket[] {
  const byKey = new Map(rows.map((row) => [row.bucketKey, row]));
  const counted = buckets.map((bucket) => {
    const row = byKey.get(bucket.key);
    const counts: Record<Verdict, number> = { allow: row?.allow ?? 0, warn: row?.warn ?? 0, block: row?.block ?? 0 };
    const decided = counts.allow + counts.warn + counts.block;
    return { key: bucket.key, decided, failed: row?.failed ?? 0, counts };
  });
  const checks = detectSpikes(counted.map((bucket) => ({ decided: bucket.decided, blocked: bucket.counts.block })));
  return counted
    .map((bucket, index) => ({
      ...bucket,
      rates: { allow: rateOf(bucket.counts.allow, bucket.decided), warn: rateOf(bucket.counts.warn, bucket.decided), block: rateOf(bucket.counts.block, bucket.decided) },
      ...(checks[index] ?? { baseline: null, spike: false }),
    }))
    .slice(leadIn);
}

export type MatrixCountRow = { judgeKey: string; camAction: Verdict; judgeVerdict: MatrixColumn; n: number };

export const MATRIX_COLUMNS: readonly MatrixColumn[] = [...VERDICTS, "unscored"];

/** One matrix per judge (sorted by id): counts, shares of each row's total, and how often the judge agreed with CAM. */
export function prepareDecisionMatrices(rows: readonly MatrixCountRow[]): DecisionMatrix[] {
  const judgeIds = [...new Set(rows.map((row) => row.judgeKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return judgeIds.map((judgeId) => {
    const mine = rows.filter((row) => row.judgeKey === judgeId);
    const count = (action: Verdict, column: MatrixColumn) =>
      mine.filter((row) => row.camAction === action && row.judgeVerdict === column).reduce((sum, row) => sum + row.n, 0);
    const matrixRows = VERDICTS.map((action) => {
      const counts = Object.fromEntries(MATRIX_COLUMNS.map((column) => [column, count(action, column)])) as Record<MatrixColumn, number>;
      const total = MATRIX_COLUMNS.reduce((sum, column) => sum + counts[column], 0);
      const shares = Object.fromEntries(MATRIX_COLUMNS.map((column) => [column, rateOf(counts[column], total)])) as Record<MatrixColumn, number | null>;
      return { action, total, counts, shares };
    });
    const withVerdict = matrixRows.reduce((sum, row) => sum + row.total - row.counts.unscored, 0);
    const agreed = matrixRows.reduce((sum, row) => sum + row.counts[row.action], 0);
    return { judgeId, total: matrixRows.reduce((sum, row) => sum + row.total, 0), rows: matrixRows, agreement: rateOf(agreed, withVerdict) };
  });
}
