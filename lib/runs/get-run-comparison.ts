import "server-only";
import type { Db } from "@/lib/db";
import { compareRunMetrics, type RunMetricsComparison } from "@/lib/runs/compare-runs";
import { getRunDetails } from "@/lib/runs/get-run-details";
import type { RunDetails } from "@/lib/runs/run-types";

export type RunComparison = { a: Omit<RunDetails, "metrics">; b: Omit<RunDetails, "metrics"> } & RunMetricsComparison;

const withoutMetrics = ({ metrics: _metrics, ...run }: RunDetails) => run;

/** Runs A and B and their metrics compared (compare-runs.ts). */
export async function getRunComparison(db: Db, options: { a: string; b: string }): Promise<RunComparison> {
  const [a, b] = await Promise.all([getRunDetails(db, options.a), getRunDetails(db, options.b)]);
  return { a: withoutMetrics(a), b: withoutMetrics(b), ...compareRunMetrics(a.metrics, b.metrics) };
}
