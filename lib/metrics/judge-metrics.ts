import "server-only";
import { Counter, Histogram } from "prom-client";
import type { JudgeOutcome } from "@/lib/judges/types";
import { SCORE_BUCKETS } from "@/lib/metrics/buckets";
import { defineMetrics } from "@/lib/metrics/registry";

// The background judges: the scores they give and how often they give none.

/** The judges' metric set, created on first use. */
export const judgeMetrics = defineMetrics("judges", (registry) => ({
  helpfulness: new Histogram({
    name: "cam_judge_helpfulness_score",
    help: "Helpfulness scores (0-5) given by each judge to console answers.",
    labelNames: ["judge"] as const,
    buckets: SCORE_BUCKETS,
    registers: [registry],
  }),
  compliance: new Histogram({
    name: "cam_judge_compliance_score",
    help: "Compliance scores (0-5) given by each judge to console answers.",
    labelNames: ["judge"] as const,
    buckets: SCORE_BUCKETS,
    registers: [registry],
  }),
  failures: new Counter({
    name: "cam_judge_failures_total",
    help: "Judge jobs that ended unscored (judge unreachable, disabled or unreadable), by judge.",
    labelNames: ["judge"] as const,
    registers: [registry],
  }),
}));

/** Counts one judge's outcome for one answer: its scores, or a failure. */
export function recordJudgeOutcome(outcome: Pick<JudgeOutcome, "judgeId"> & ({ status: "scored"; helpfulness: number; compliance: number } | { status: "unscored" })): void {
  const metrics = judgeMetrics();
  const labels = { judge: outcome.judgeId };
  if (outcome.status === "unscored") return void metrics.failures.inc(labels);
  metrics.helpfulness.observe(labels, outcome.helpfulness);
  metrics.compliance.observe(labels, outcome.compliance);
}
