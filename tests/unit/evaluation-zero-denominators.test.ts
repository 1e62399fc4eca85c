import { describe, expect, it } from "vitest";
import { computeRunMetrics } from "@/lib/pipeline/evaluation/compute-metrics";
import type { EvaluatedExchange, EvaluatedJudgeScore } from "@/lib/pipeline/evaluation/types";

const base: EvaluatedExchange = {
  exchangeId: "x",
  questionIndex: 0,
  question: "q",
  scenarioId: "B",
  model: "medgemma:4b",
  retrieval: true,
  action: "allow",
  totalMs: 10,
  rawAnswer: "raw",
  finalAnswer: "final",
  citedRanks: [],
  findings: [],
  passages: [],
  judgeScores: [],
};
const failedScore = (judgeId: string): EvaluatedJudgeScore => ({ judgeId, judgeModel: "m", status: "unscored", error: "judge unreachable" });

/** Every number in `value`, with its path. */
function numbersIn(value: unknown, path = "metrics"): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, child]) => numbersIn(child, `${path}.${key}`));
  return [];
}

describe("computeRunMetrics with nothing to divide by", () => {
  it("returns empty metrics for no exchanges", () => {
    expect(computeRunMetrics([], { passAtLeast: 4 })).toEqual({
      options: { passAtLeast: 4 },
      totals: { exchanges: 0, failed: 0, decided: 0, questions: 0 },
      scenarios: [],
      judges: [],
      agreement: [],
    });
  });

  it("gives null rates, latency and citation rate for a scenario whose exchanges all failed", () => {
    const metrics = computeRunMetrics(
      [{ ...base, exchangeId: "1", error: "model down" }, { ...base, exchangeId: "2", questionIndex: 1, error: "model down" }],
      { passAtLeast: 4 },
    );
    expect(metrics.totals).toEqual({ exchanges: 2, failed: 2, decided: 0, questions: 2 });
    expect(metrics.scenarios[0]).toMatchObject({
      total: 2,
      failed: 2,
      decided: 0,
      counts: { allow: 0, warn: 0, block: 0 },
      rates: { allow: null, warn: null, block: null },
      latency: { n: 0, averageMs: null, p95Ms: null },
      citation: { eligible: 0, cited: 0, rate: null },
    });
  });

  it("gives a null citation rate when every retrieval answer was blocked", () => {
    const metrics = computeRunMetrics([{ ...base, action: "block", citedRanks: [1] }], { passAtLeast: 4 });
    expect(metrics.scenarios[0]?.citation).toEqual({ eligible: 0, cited: 0, rate: null });
    expect(metrics.scenarios[0]?.rates).toEqual({ allow: 0, warn: 0, block: 1 });
  });

  it("reports a judge that never scored with counts, null averages and rates, and the unscored column", () => {
    const exchanges: EvaluatedExchange[] = [
      { ...base, exchangeId: "1", judgeScores: [failedScore("broken"), { judgeId: "ok", judgeModel: "m", status: "scored", compliance: 5, helpfulness: 4, verdict: "allow" }] },
      { ...base, exchangeId: "2", action: "warn", judgeScores: [failedScore("broken"), { judgeId: "ok", judgeModel: "m", status: "scored", compliance: 3, helpfulness: 4, verdict: "warn" }] },
    ];
    const metrics = computeRunMetrics(exchanges, { passAtLeast: 4 });
    const broken = metrics.judges.find((judge) => judge.judgeId === "broken");
    expect(broken).toMatchObject({
      count: 2,
      scored: 0,
      failures: 2,
      compliance: { n: 0, average: null, median: null, stdDev: null },
      helpfulness: { n: 0, average: null },
      passed: 0,
      passRate: null,
      disagreed: 0,
      disagreementRate: null,
      latency: { n: 0, averageMs: null, p95Ms: null },
    });
    expect(broken?.confusion.allow.unscored).toBe(1);
    expect(broken?.confusion.warn.unscored).toBe(1);
    // No answer scored by both judges: kappa undefined.
    expect(metrics.agreement).toEqual([expect.objectContaining({ judgeA: "broken", judgeB: "ok", n: 0, kappa: null, observedAgreement: null })]);
    // A judge × scenario cell without scores is null too.
    expect(broken?.byScenario[0]?.passRate).toBeNull();
  });

  it("never produces NaN or Infinity", () => {
    const metrics = computeRunMetrics(
      [
        { ...base, exchangeId: "1", error: "down", judgeScores: [failedScore("j")] },
        { ...base, exchangeId: "2", scenarioId: "A", retrieval: false, judgeScores: [failedScore("j"), failedScore("k")] },
      ],
      { passAtLeast: 4 },
    );
    const bad = numbersIn(metrics).filter(([, value]) => !Number.isFinite(value));
    expect(bad).toEqual([]);
  });
});
