import type { ConfusionMatrix, JudgeStats } from "@/lib/pipeline/evaluation/metrics-types";
import { mean, median, populationStdDev, rateOf, summariseLatency } from "@/lib/pipeline/evaluation/statistics";
import type { EvaluatedJudgeScore, Verdict } from "@/lib/pipeline/evaluation/types";

// One judge's statistics over a set of its scores, each paired with CAM's
// action on the exchange it scored. Pure.

export type JudgedAction = { action: Verdict; score: EvaluatedJudgeScore };

const isNumber = (value: number | undefined): value is number => typeof value === "number" && Number.isFinite(value);

function emptyConfusion(): ConfusionMatrix {
  const row = () => ({ allow: 0, warn: 0, block: 0, unscored: 0 });
  return { allow: row(), warn: row(), block: row() };
}

/** Counts, score summaries, pass and disagreement rates, confusion matrix and latency of one judge's scores. */
export function computeJudgeStats(entries: readonly JudgedAction[], passAtLeast: number): JudgeStats {
  const scored = entries.filter((entry) => entry.score.status === "scored");
  const compliance = scored.map((entry) => entry.score.compliance).filter(isNumber);
  const helpfulness = scored.map((entry) => entry.score.helpfulness).filter(isNumber);
  const withVerdict = scored.filter((entry) => entry.score.verdict !== undefined);
  const passed = compliance.filter((value) => value >= passAtLeast).length;
  const disagreed = withVerdict.filter((entry) => entry.score.verdict !== entry.action).length;
  const confusion = emptyConfusion();
  for (const entry of entries) {
    // A "scored" score without a verdict cannot be placed in a verdict column: count it as unscored there.
    const column = entry.score.status === "scored" && entry.score.verdict ? entry.score.verdict : "unscored";
    confusion[entry.action][column] += 1;
  }
  return {
    count: entries.length,
    scored: scored.length,
    failures: entries.length - scored.length,
    compliance: { n: compliance.length, average: mean(compliance), median: median(compliance), stdDev: populationStdDev(compliance) },
    helpfulness: { n: helpfulness.length, average: mean(helpfulness) },
    passed,
    passRate: rateOf(passed, compliance.length),
    disagreed,
    disagreementRate: rateOf(disagreed, withVerdict.length),
    confusion,
    latency: summariseLatency(entries.map((entry) => entry.score.latencyMs).filter(isNumber)),
  };
}
