import "server-only";
import { getConfigWith, runConfigVersions } from "@/lib/config/get-config-with";
import type { Db } from "@/lib/db";
import { computeRunMetrics } from "@/lib/pipeline/evaluation/compute-metrics";
import type { RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import type { EvaluatedExchange, RunSummary } from "@/lib/pipeline/evaluation/types";
import { loadRunResults } from "@/lib/pipeline/load-run-results";
import { readStoredMetrics } from "@/lib/runs/read-stored-metrics";

/**
 * A run's metrics computed from its exchanges as recorded now, the way `cam
 * pipeline` computes them. The pass cut-off is the one the run's stored
 * metrics used, so recomputing never changes a finished run's pass rates; a
 * run without stored metrics uses the allow cut-off of the settings it ran
 * under (those in force, or the draft it tried), as the pipeline would.
 */
export async function computeRunMetricsNow(
  db: Db,
  run: { id: string; metrics: unknown; options: unknown },
): Promise<{ metrics: RunMetrics; summary: RunSummary; exchanges: EvaluatedExchange[] }> {
  const { summary, exchanges } = await loadRunResults(db, run.id);
  const passAtLeast =
    readStoredMetrics(run.metrics)?.options.passAtLeast ?? (await getConfigWith(db, runConfigVersions(run.options))).settings.values.judges.allowAtLeast;
  return { metrics: computeRunMetrics(exchanges, { passAtLeast }), summary, exchanges };
}
