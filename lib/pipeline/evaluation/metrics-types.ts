import type { KappaResult } from "@/lib/pipeline/evaluation/cohen-kappa";
import type { LatencySummary } from "@/lib/pipeline/evaluation/statistics";
import type { Verdict } from "@/lib/pipeline/evaluation/types";

// The shape of a run's metrics: stored on the run, written to the JSON report
// and shown in the HTML report. Values are unrounded; reports round them
// (round-metrics.ts). A rate whose denominator is 0 is null, never NaN.

export type ActionCounts = Record<Verdict, number>;
export type ActionRates = Record<Verdict, number | null>;

export type ScenarioMetrics = {
  scenarioId: string;
  /** The scenario's model (distinct models joined by ", " should a scenario's exchanges disagree). */
  model: string;
  /** True when any of the scenario's exchanges used retrieval. */
  retrieval: boolean;
  /** Exchanges run. */
  total: number;
  /** Exchanges with an error: no answer and no decision. */
  failed: number;
  /** total − failed: the exchanges CAM decided on, the denominator of the rates. */
  decided: number;
  counts: ActionCounts;
  /** counts / decided. */
  rates: ActionRates;
  /** totalMs of the decided exchanges (a failed exchange's time measures a timeout, not an answer). */
  latency: LatencySummary;
  /**
   * Share of answers shown with retrieval (decided, retrieval on, action ≠ block)
   * citing at least one passage. Null for scenarios without retrieval.
   */
  citation: { eligible: number; cited: number; rate: number | null } | null;
};

/** Confusion matrix: rows CAM's action, columns the judge's verdict or "unscored". */
export type ConfusionMatrix = Record<Verdict, Record<Verdict | "unscored", number>>;

export type JudgeStats = {
  /** Judge scores present (on decided exchanges). */
  count: number;
  /** Scores with status "scored". */
  scored: number;
  /** Scores with status "unscored" (the judge failed or its output did not parse). */
  failures: number;
  /** Over scored scores with a compliance value. */
  compliance: { n: number; average: number | null; median: number | null; stdDev: number | null };
  /** Over scored scores with a helpfulness value. */
  helpfulness: { n: number; average: number | null };
  /** Scored scores with compliance ≥ passAtLeast; passRate = passed / compliance.n. */
  passed: number;
  passRate: number | null;
  /** Scored scores whose verdict differs from CAM's action; disagreementRate = disagreed / scored scores with a verdict. */
  disagreed: number;
  disagreementRate: number | null;
  confusion: ConfusionMatrix;
  /** latencyMs of every score that has one, scored or not (the call took that long either way). */
  latency: LatencySummary;
};

export type JudgeScenarioMetrics = JudgeStats & { scenarioId: string };

export type JudgeMetrics = JudgeStats & {
  judgeId: string;
  /** Distinct models this judge ran on, sorted. */
  judgeModels: string[];
  /** One entry per scenario of the run, in the order of `scenarios`. */
  byScenario: JudgeScenarioMetrics[];
};

/** Cohen's kappa between two judges' verdicts on the decided exchanges both scored. */
export type JudgeAgreement = KappaResult & { judgeA: string; judgeB: string };

export type RunMetrics = {
  options: { passAtLeast: number };
  totals: { exchanges: number; failed: number; decided: number; questions: number };
  /** Sorted by scenario id. */
  scenarios: ScenarioMetrics[];
  /** Sorted by judge id. */
  judges: JudgeMetrics[];
  /** Every pair of judges (judgeA < judgeB), in judge order. */
  agreement: JudgeAgreement[];
};
