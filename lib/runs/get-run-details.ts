import "server-only";
import { runConfigVersions } from "@/lib/config/get-config-with";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { computeRunMetricsNow } from "@/lib/runs/compute-run-metrics-now";
import { countRunProgress, RUN_LIST_SELECT, toRunListItem } from "@/lib/runs/list-evaluation-runs";
import { headlineOf, readStoredMetrics } from "@/lib/runs/read-stored-metrics";
import type { RunDetails } from "@/lib/runs/run-types";

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

/**
 * A run with its metrics: the stored ones for a completed run (what its
 * reports show), otherwise computed now from the exchanges recorded so far, so
 * a run in progress or interrupted still shows where it stands.
 */
export async function getRunDetails(db: Db, runId: string): Promise<RunDetails> {
  const run = await db.evaluationRun.findUnique({
    where: { id: runId },
    select: { ...RUN_LIST_SELECT, options: true, error: true, ruleSetVersion: true, settingsVersion: true, storeVersion: true },
  });
  if (!run) throw new AppError("not_found", `There is no evaluation run ${runId}. Choose a run from the Runs page.`);
  const [progressByRun, storedWith] = await Promise.all([
    countRunProgress(db, [run]),
    // The store version is recorded per exchange (the run row has it only when set at the start), as the reports read it.
    db.exchange.findFirst({ where: { evaluationRunId: run.id, storeVersion: { not: null } }, select: { storeVersion: true } }),
  ]);
  const progress = progressByRun.get(run.id) ?? { total: run.totalItems, done: 0, failed: 0 };
  const stored = run.status === "completed" ? readStoredMetrics(run.metrics) : null;
  const metrics = stored ?? (await computeRunMetricsNow(db, run)).metrics;
  const options = (run.options ?? {}) as { questionsFile?: unknown; warnings?: unknown };
  return {
    ...toRunListItem(run, progress),
    headline: headlineOf(metrics),
    questionsFile: typeof options.questionsFile === "string" ? options.questionsFile : null,
    versions: { ruleSet: run.ruleSetVersion, settings: run.settingsVersion, store: storedWith?.storeVersion ?? run.storeVersion },
    drafts: runConfigVersions(run.options),
    warnings: strings(options.warnings),
    error: run.error,
    metrics,
    metricsSource: stored ? "stored" : "live",
  };
}
