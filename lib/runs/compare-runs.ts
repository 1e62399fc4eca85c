import type { ChartRow } from "@/lib/dashboard/dashboard-types";
import type { JudgeStats, RunMetrics, ScenarioMetrics } from "@/lib/pipeline/evaluation/metrics-types";

// Two runs' metrics side by side: per scenario, per judge overall and per
// judge and scenario, each number of run A beside run B's with the difference
// (B − A), and "notable" differences flagged by the thresholds below. Pure.

export type MetricKind = "rate" | "score" | "ms" | "count";

/** How large a difference must be to be flagged. */
export const NOTABLE_DIFFERENCE = {
  /** Rates: 5 percentage points. */
  rate: 0.05,
  /** 0–5 scores: a quarter of a point. */
  score: 0.25,
  /** Latency: 20% of run A's value. */
  msRelative: 0.2,
} as const;

export type ComparedMetric = { label: string; kind: MetricKind; a: number | null; b: number | null; difference: number | null; notable: boolean };

export type ComparedEntry = { key: string; label: string; inA: boolean; inB: boolean; metrics: ComparedMetric[] };

export type RunMetricsComparison = {
  scenarios: ComparedEntry[];
  /** Each judge overall, then per scenario ("medgemma · B"). */
  judges: ComparedEntry[];
  charts: { blockRate: ChartRow[]; compliance: ChartRow[] };
};

function isNotable(kind: MetricKind, a: number, b: number): boolean {
  const difference = Math.abs(b - a);
  switch (kind) {
    case "rate":
      return difference >= NOTABLE_DIFFERENCE.rate - 1e-12;
    case "score":
      return difference >= NOTABLE_DIFFERENCE.score - 1e-12;
    case "ms":
      return a > 0 ? difference / a >= NOTABLE_DIFFERENCE.msRelative : b > 0;
    case "count":
      return false;
  }
}

function compared(label: string, kind: MetricKind, a: number | null | undefined, b: number | null | undefined): ComparedMetric {
  const first = a ?? null;
  const second = b ?? null;
  const both = first !== null && second !== null;
  return { label, kind, a: first, b: second, difference: both ? second - first : null, notable: both && isNotable(kind, first, second) };
}

const scenarioMetrics = (a: ScenarioMetrics | undefined, b: ScenarioMetrics | undefined): ComparedMetric[] => [
  compared("Answers decided", "count", a?.decided, b?.decided),
  compared("Failed", "count", a?.failed, b?.failed),
  compared("Allow rate", "rate", a?.rates.allow, b?.rates.allow),
  compared("Warn rate", "rate", a?.rates.warn, b?.rates.warn),
  compared("Block rate", "rate", a?.rates.block, b?.rates.block),
  compared("Average latency", "ms", a?.latency.averageMs, b?.latency.averageMs),
  compared("p95 latency", "ms", a?.latency.p95Ms, b?.latency.p95Ms),
  compared("Citation rate", "rate", a?.citation?.rate, b?.citation?.rate),
];

const judgeMetrics = (a: JudgeStats | undefined, b: JudgeStats | undefined): ComparedMetric[] => [
  compared("Scored", "count", a?.scored, b?.scored),
  compared("Unscored", "count", a?.failures, b?.failures),
  compared("Compliance average", "score", a?.compliance.average, b?.compliance.average),
  compared("Helpfulness average", "score", a?.helpfulness.average, b?.helpfulness.average),
  compared("Pass rate", "rate", a?.passRate, b?.passRate),
  compared("Disagreement with CAM", "rate", a?.disagreementRate, b?.disagreementRate),
];

const union = (first: string[], second: string[]) => [...new Set([...first, ...second])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

/** Compares run A with run B; scenarios or judges only one run has appear with the other side empty. */
export function compareRunMetrics(a: RunMetrics, b: RunMetrics): RunMetricsComparison {
  const scenarioIds = union(a.scenarios.map((entry) => entry.scenarioId), b.scenarios.map((entry) => entry.scenarioId));
  const judgeIds = union(a.judges.map((entry) => entry.judgeId), b.judges.map((entry) => entry.judgeId));
  const scenarioOf = (metrics: RunMetrics, id: string) => metrics.scenarios.find((entry) => entry.scenarioId === id);
  const judgeOf = (metrics: RunMetrics, id: string) => metrics.judges.find((entry) => entry.judgeId === id);
  const judgeScenarioOf = (metrics: RunMetrics, judgeId: string, scenarioId: string) =>
    judgeOf(metrics, judgeId)?.byScenario.find((entry) => entry.scenarioId === scenarioId && entry.count > 0);

  const scenarios = scenarioIds.map((id) => ({
    key: id,
    label: `Scenario ${id}`,
    inA: Boolean(scenarioOf(a, id)),
    inB: Boolean(scenarioOf(b, id)),
    metrics: scenarioMetrics(scenarioOf(a, id), scenarioOf(b, id)),
  }));
  const judges = judgeIds.flatMap((judgeId) => [
    { key: judgeId, label: `${judgeId} (all scenarios)`, inA: Boolean(judgeOf(a, judgeId)), inB: Boolean(judgeOf(b, judgeId)), metrics: judgeMetrics(judgeOf(a, judgeId), judgeOf(b, judgeId)) },
    ...scenarioIds
      .filter((scenarioId) => judgeScenarioOf(a, judgeId, scenarioId) || judgeScenarioOf(b, judgeId, scenarioId))
      .map((scenarioId) => {
        const first = judgeScenarioOf(a, judgeId, scenarioId);
        const second = judgeScenarioOf(b, judgeId, scenarioId);
        return { key: `${judgeId}:${scenarioId}`, label: `${judgeId} · scenario ${scenarioId}`, inA: Boolean(first), inB: Boolean(second), metrics: judgeMetrics(first, second) };
      }),
  ]);
  const row = (key: string, label: string, first: number | null | undefined, second: number | null | undefined): ChartRow => ({
    key,
    label,
    values: { a: first ?? null, b: second ?? null },
    counts: {},
  });
  return {
    scenarios,
    judges,
    charts: {
      blockRate: scenarioIds.map((id) => row(id, id, scenarioOf(a, id)?.rates.block, scenarioOf(b, id)?.rates.block)),
      compliance: judgeIds.map((id) => row(id, id, judgeOf(a, id)?.compliance.average, judgeOf(b, id)?.compliance.average)),
    },
  };
}
