import type { ActionRates, RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";

// What the runs pages and GET /api/runs... return: plain JSON (dates as ISO
// strings) so the same data serves Server Components, the API and the
// browser. Client-safe (types only).

export const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Items of the run finished so far, from its exchanges (so a run in progress shows live progress). */
export type RunProgress = { total: number; done: number; failed: number };

/** The headline numbers of a run, from its stored metrics. */
export type RunHeadline = {
  scenarios: { scenarioId: string; model: string; decided: number; rates: ActionRates }[];
  judges: { judgeId: string; scored: number; complianceAverage: number | null }[];
};

export type RunListItem = {
  id: string;
  name: string;
  status: RunStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  scenarioIds: string[];
  judgeIds: string[];
  questions: number;
  progress: RunProgress;
  /** Null until the run has finished once and its metrics were stored. */
  headline: RunHeadline | null;
};

export type RunDetails = RunListItem & {
  questionsFile: string | null;
  versions: { ruleSet: number | null; settings: number | null; store: string | null };
  /** Draft versions the run tried instead of those in force (`cam pipeline --draft`); {} when none. */
  drafts: { rules?: number; settings?: number };
  /** Warnings the pipeline printed when it planned the run (a judge left out...). */
  warnings: string[];
  error: string | null;
  metrics: RunMetrics;
  /** "stored": the metrics the pipeline saved when the run finished; "live": computed now from the exchanges recorded so far. */
  metricsSource: "stored" | "live";
};
