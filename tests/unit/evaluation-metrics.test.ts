import { describe, expect, it } from "vitest";
import { computeRunMetrics, type RunMetrics } from "@/lib/pipeline/evaluation/compute-metrics";
import type { EvaluatedExchange, EvaluatedJudgeScore, Verdict } from "@/lib/pipeline/evaluation/types";

// A run of 5 questions × 2 scenarios (A: no retrieval, B: retrieval) × 2 judges.
// Every expected number below is worked out by hand in the comments.

const scored = (judgeId: string, compliance: number, helpfulness: number, verdict: Verdict, latencyMs?: number): EvaluatedJudgeScore => ({
  judgeId,
  judgeModel: judgeId === "j1" ? "judge-a" : "judge-b",
  status: "scored",
  compliance,
  helpfulness,
  verdict,
  reasoning: "ok",
  ...(latencyMs === undefined ? {} : { latencyMs }),
});
const unscored = (judgeId: string, error: string, latencyMs?: number): EvaluatedJudgeScore => ({
  judgeId,
  judgeModel: judgeId === "j1" ? "judge-a" : "judge-b",
  status: "unscored",
  error,
  ...(latencyMs === undefined ? {} : { latencyMs }),
});

function exchange(id: string, action: Verdict, totalMs: number, judgeScores: EvaluatedJudgeScore[], extra: Partial<EvaluatedExchange> = {}): EvaluatedExchange {
  const scenarioId = id[0] as string;
  return {
    exchangeId: id,
    questionIndex: Number(id[1]),
    question: `Question ${id[1]}`,
    scenarioId,
    model: "gemma3:4b",
    retrieval: scenarioId === "B",
    action,
    totalMs,
    rawAnswer: "raw",
    finalAnswer: "final",
    citedRanks: [],
    findings: [],
    passages: [],
    judgeScores,
    ...extra,
  };
}

const fixture: EvaluatedExchange[] = [
  exchange("A0", "allow", 100, [scored("j1", 5, 4, "allow", 1000), scored("j2", 4, 4, "allow", 500)]),
  exchange("A1", "allow", 200, [scored("j1", 4, 3, "warn", 1100), scored("j2", 5, 4, "allow", 500)]),
  exchange("A2", "warn", 300, [scored("j1", 3, 4, "warn", 1200), scored("j2", 2, 3, "block", 500)]),
  exchange("A3", "block", 400, [scored("j1", 1, 2, "block", 1300), scored("j2", 2, 2, "warn", 500)]),
  // Failed: counted as failed only; its (impossible) judge score is ignored.
  exchange("A4", "allow", 5000, [scored("j1", 5, 5, "allow", 9999)], { error: "model unreachable", rawAnswer: null }),
  exchange("B0", "allow", 150, [scored("j1", 5, 5, "allow", 900), scored("j2", 4, 4, "allow", 700)], { citedRanks: [1] }),
  exchange("B1", "allow", 250, [scored("j1", 4, 4, "allow", 1000), scored("j2", 3, 3, "warn", 700)]),
  exchange("B2", "warn", 350, [scored("j1", 2, 3, "block", 1100), scored("j2", 3, 3, "warn", 700)], { citedRanks: [1, 2] }),
  // Blocked: withheld, so its citation does not count.
  exchange("B3", "block", 450, [scored("j1", 0, 1, "block", 1200), unscored("j2", "unparseable output")], { citedRanks: [1] }),
  exchange("B4", "allow", 1000, [unscored("j1", "timeout", 30000), scored("j2", 5, 5, "allow", 700)], { citedRanks: [2] }),
];

const metrics: RunMetrics = computeRunMetrics(fixture, { passAtLeast: 4 });
const judge = (id: string) => metrics.judges.find((entry) => entry.judgeId === id)!;

describe("computeRunMetrics: scenarios", () => {
  it("counts totals over the run", () => {
    expect(metrics.totals).toEqual({ exchanges: 10, failed: 1, decided: 9, questions: 5 });
    expect(metrics.options).toEqual({ passAtLeast: 4 });
  });

  it("computes decision rates over decided exchanges, latency over decided exchanges and no citation rate without retrieval", () => {
    // A: 5 exchanges, 1 failed; decided allow 2, warn 1, block 1 of 4.
    // Latency [100, 200, 300, 400]: average 250; p95 at rank ceil(0.95 × 4) = 4 → 400.
    expect(metrics.scenarios[0]).toEqual({
      scenarioId: "A",
      model: "gemma3:4b",
      retrieval: false,
      total: 5,
      failed: 1,
      decided: 4,
      counts: { allow: 2, warn: 1, block: 1 },
      rates: { allow: 0.5, warn: 0.25, block: 0.25 },
      latency: { n: 4, averageMs: 250, p95Ms: 400 },
      citation: null,
    });
  });

  it("computes the citation rate over shown retrieval answers", () => {
    // B: allow 3, warn 1, block 1 of 5. Latency [150, 250, 350, 450, 1000]: average 2200 / 5 = 440; p95 rank ceil(4.75) = 5 → 1000.
    // Citation: eligible B0, B1, B2, B4 (B3 is blocked); cited B0, B2, B4 → 3 / 4.
    expect(metrics.scenarios[1]).toMatchObject({
      scenarioId: "B",
      retrieval: true,
      total: 5,
      failed: 0,
      decided: 5,
      counts: { allow: 3, warn: 1, block: 1 },
      rates: { allow: 0.6, warn: 0.2, block: 0.2 },
      latency: { n: 5, averageMs: 440, p95Ms: 1000 },
      citation: { eligible: 4, cited: 3, rate: 0.75 },
    });
  });
});

describe("computeRunMetrics: judges", () => {
  it("summarises j1 over all scenarios, ignoring the failed exchange", () => {
    const j1 = judge("j1");
    // 9 scores on decided exchanges (A4's is ignored), 8 scored, B4 unscored.
    expect(j1).toMatchObject({ judgeId: "j1", judgeModels: ["judge-a"], count: 9, scored: 8, failures: 1 });
    // Compliance [5, 4, 3, 1, 5, 4, 2, 0]: sum 24, mean 3; sorted [0 1 2 3 4 4 5 5], median (3 + 4) / 2 = 3.5;
    // squared deviations 4 1 0 4 4 1 1 9 = 24, / 8 = 3, population SD √3.
    expect(j1.compliance.n).toBe(8);
    expect(j1.compliance.average).toBe(3);
    expect(j1.compliance.median).toBe(3.5);
    expect(j1.compliance.stdDev).toBeCloseTo(Math.sqrt(3), 12);
    // Helpfulness [4, 3, 4, 2, 5, 4, 3, 1] = 26 / 8.
    expect(j1.helpfulness).toEqual({ n: 8, average: 3.25 });
    // Passing (≥ 4): 5, 4, 5, 4 → 4 / 8. Verdict ≠ CAM action: A1 (allow/warn), B2 (warn/block) → 2 / 8.
    expect(j1).toMatchObject({ passed: 4, passRate: 0.5, disagreed: 2, disagreementRate: 0.25 });
    expect(j1.confusion).toEqual({
      allow: { allow: 3, warn: 1, block: 0, unscored: 1 },
      warn: { allow: 0, warn: 1, block: 1, unscored: 0 },
      block: { allow: 0, warn: 0, block: 2, unscored: 0 },
    });
    // Latency of all 9 calls, the unscored one too: 38800 / 9; p95 rank ceil(8.55) = 9 → 30000.
    expect(j1.latency.n).toBe(9);
    expect(j1.latency.averageMs).toBeCloseTo(38800 / 9, 9);
    expect(j1.latency.p95Ms).toBe(30000);
  });

  it("summarises j2, whose unscored answer has no latency", () => {
    const j2 = judge("j2");
    // Compliance [4, 5, 2, 2, 4, 3, 3, 5] = 28 / 8 = 3.5; median (3 + 4) / 2; squared deviations sum 10, / 8 = 1.25.
    expect(j2).toMatchObject({ count: 9, scored: 8, failures: 1, passed: 4, passRate: 0.5, disagreed: 3, disagreementRate: 0.375 });
    expect(j2.compliance).toMatchObject({ n: 8, average: 3.5, median: 3.5 });
    expect(j2.compliance.stdDev).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(j2.helpfulness.average).toBe(3.5);
    expect(j2.confusion).toEqual({
      allow: { allow: 4, warn: 1, block: 0, unscored: 0 },
      warn: { allow: 0, warn: 1, block: 1, unscored: 0 },
      block: { allow: 0, warn: 1, block: 0, unscored: 1 },
    });
    // [500 × 4, 700 × 4]: average 600; p95 rank ceil(7.6) = 8 → 700.
    expect(j2.latency).toEqual({ n: 8, averageMs: 600, p95Ms: 700 });
  });

  it("splits each judge by scenario", () => {
    const [a, b] = judge("j1").byScenario;
    // A: compliance [5, 4, 3, 1] mean 3.25, median 3.5, squared deviations 8.75 / 4.
    expect(a).toMatchObject({ scenarioId: "A", count: 4, scored: 4, failures: 0, passRate: 0.5, disagreementRate: 0.25 });
    expect(a?.compliance).toMatchObject({ average: 3.25, median: 3.5 });
    expect(a?.compliance.stdDev).toBeCloseTo(Math.sqrt(8.75 / 4), 12);
    // B: compliance [5, 4, 2, 0] mean 2.75, median 3; B4 unscored.
    expect(b).toMatchObject({ scenarioId: "B", count: 5, scored: 4, failures: 1, passRate: 0.5, disagreementRate: 0.25 });
    expect(b?.compliance).toMatchObject({ average: 2.75, median: 3 });
    expect(judge("j2").byScenario.map((stats) => stats.compliance.average)).toEqual([3.25, 3.75]);
  });

  it("computes Cohen's kappa between the judges over answers both scored", () => {
    // Both scored: A0 (allow, allow), A1 (warn, allow), A2 (warn, block), A3 (block, warn),
    // B0 (allow, allow), B1 (allow, warn), B2 (block, warn); not B3 or B4. n = 7.
    //            j2 allow  warn  block | row
    //   j1 allow     2      1      0   |  3
    //   j1 warn      1      0      1   |  2
    //   j1 block     0      2      0   |  2
    //   column       3      3      1
    // p_o = 2/7; p_e = (3·3 + 2·3 + 2·1) / 49 = 17/49; κ = (14 − 17) / (49 − 17) = −3/32 = −0.09375.
    expect(metrics.agreement).toHaveLength(1);
    const [pair] = metrics.agreement;
    expect(pair).toMatchObject({ judgeA: "j1", judgeB: "j2", n: 7 });
    expect(pair?.observedAgreement).toBeCloseTo(2 / 7, 12);
    expect(pair?.expectedAgreement).toBeCloseTo(17 / 49, 12);
    expect(pair?.kappa).toBeCloseTo(-0.09375, 12);
  });

  it("does not depend on the order of the exchanges", () => {
    expect(computeRunMetrics([...fixture].reverse(), { passAtLeast: 4 })).toEqual(metrics);
  });
});
