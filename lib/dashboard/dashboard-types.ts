import type { DashboardFilters } from "@/lib/dashboard/dashboard-filters";
import type { SpikeCheck } from "@/lib/dashboard/detect-spikes";
import type { TimeBucket } from "@/lib/dashboard/time-buckets";
import type { Verdict } from "@/lib/pipeline/evaluation/types";

// What each GET /api/dashboard/<chart> returns: series prepared on the server
// from one aggregate query, ready to draw and to show as a table. Values are
// unrounded; the console rounds for display. Client-safe (types only).

export type ScoreMetric = "compliance" | "helpfulness";

/** A series in a chart (a judge, a scenario...) and how to name it. */
export type SeriesInfo = { key: string; label: string };

/** One x-axis position (a bucket, a score, a scenario) with a value per series key; null when there is nothing to show. */
export type ChartRow = { key: string; label: string; values: Record<string, number | null>; counts: Record<string, number> };

type Charted = { filters: DashboardFilters };

/** Histogram of judge scores, in half-point buckets from 0 to 5, one series per judge. */
export type ScoreDistributionData = Charted & {
  judges: SeriesInfo[];
  /** Per metric: one row per score bucket (key "0", "0.5" … "5"); values and counts are numbers of scores. */
  rows: Record<ScoreMetric, ChartRow[]>;
  /** Scores per judge and metric. */
  totals: Record<ScoreMetric, Record<string, number>>;
};

/** Average judge scores per time bucket, one series per judge. */
export type ScoreTrendData = Charted & {
  buckets: TimeBucket[];
  judges: SeriesInfo[];
  /** Per metric: one row per bucket (key = bucket key); values are averages, counts the scores averaged. */
  rows: Record<ScoreMetric, ChartRow[]>;
};

export type ScoreGrouping = "scenario" | "model";

/** Average judge scores per scenario or model, one series per judge. */
export type ScoresByGroupData = Charted & {
  by: ScoreGrouping;
  judges: SeriesInfo[];
  /** Per metric: one row per scenario or model; values are averages, counts the scores averaged. */
  rows: Record<ScoreMetric, ChartRow[]>;
};

/** CAM's decisions in one time bucket. */
export type DecisionBucket = {
  key: string;
  /** Answers CAM decided on (not failed). */
  decided: number;
  /** Questions that failed (no answer, no decision). */
  failed: number;
  counts: Record<Verdict, number>;
  /** counts / decided; null for a bucket without decided answers. */
  rates: Record<Verdict, number | null>;
} & SpikeCheck;

/** Allow, warn and block rates per time bucket, with block-rate spikes marked. */
export type DecisionTrendData = Charted & {
  buckets: TimeBucket[];
  rows: DecisionBucket[];
  rule: { baselineBuckets: number; minBaselineBuckets: number; standardDeviations: number; minRise: number; minBlocked: number };
};

export type MatrixColumn = Verdict | "unscored";

/** CAM's action × one judge's verdict. */
export type DecisionMatrix = {
  judgeId: string;
  total: number;
  /** One row per CAM action: counts per judge verdict (or unscored), and shares of the row's total. */
  rows: { action: Verdict; total: number; counts: Record<MatrixColumn, number>; shares: Record<MatrixColumn, number | null> }[];
  /** Scores whose verdict equals CAM's action, over scores with a verdict. */
  agreement: number | null;
};

export type DecisionMatrixData = Charted & { judges: DecisionMatrix[] };

/** Latency percentiles of answered questions per time bucket. */
export type LatencyTrendData = Charted & {
  buckets: TimeBucket[];
  rows: { key: string; n: number; p50Ms: number | null; p95Ms: number | null; averageMs: number | null }[];
};

/** The choices the filter bar offers. */
export type DashboardFilterOptions = {
  scenarios: { id: string; name: string }[];
  judges: string[];
  models: string[];
};
