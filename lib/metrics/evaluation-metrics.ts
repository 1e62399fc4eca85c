import "server-only";
import { Counter } from "prom-client";
import { defineMetrics } from "@/lib/metrics/registry";

// Batch evaluation runs finished by this process. Runs started from the CLI
// end with their process, so the alerts read the database gauges
// (cam_evaluation_runs...) instead; this counter serves runs inside the app.

/** How a run ended: every item answered, some items failed, or stopped early. */
export type EvaluationRunOutcome = "completed" | "failed" | "cancelled";

/** The evaluation metric set, created on first use. */
export const evaluationMetrics = defineMetrics("evaluation", (registry) => ({
  finished: new Counter({
    name: "cam_evaluation_runs_finished_total",
    help: "Evaluation runs that ended in this process: completed, failed (some items failed) or cancelled.",
    labelNames: ["outcome"] as const,
    registers: [registry],
  }),
}));

/** The outcome label for a run that ended. */
export function evaluationRunOutcome(run: { cancelled: boolean; failedItems: number }): EvaluationRunOutcome {
  if (run.cancelled) return "cancelled";
  return run.failedItems > 0 ? "failed" : "completed";
}

/** Counts an evaluation run that ended. */
export function recordEvaluationRunFinished(run: { cancelled: boolean; failedItems: number }): void {
  evaluationMetrics().finished.inc({ outcome: evaluationRunOutcome(run) });
}
