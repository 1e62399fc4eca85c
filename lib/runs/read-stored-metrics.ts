import type { RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import type { RunHeadline } from "@/lib/runs/run-types";

// A run's stored metrics (EvaluationRun.metrics, written by `cam pipeline`).
// The column is JSON, so its shape is checked before use: a run recorded by an
// older version, or damaged, is treated as having no stored metrics and gets
// them computed again instead of breaking the page. Pure.

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The stored metrics when they have the shape RunMetrics describes, else null. */
export function readStoredMetrics(value: unknown): RunMetrics | null {
  if (!isObject(value) || !isObject(value.options) || typeof value.options.passAtLeast !== "number" || !isObject(value.totals)) return null;
  const { scenarios, judges, agreement } = value;
  if (!Array.isArray(scenarios) || !Array.isArray(judges) || !Array.isArray(agreement)) return null;
  const scenariosOk = scenarios.every((entry) => isObject(entry) && typeof entry.scenarioId === "string" && isObject(entry.rates) && isObject(entry.counts) && isObject(entry.latency));
  const judgesOk = judges.every(
    (entry) => isObject(entry) && typeof entry.judgeId === "string" && isObject(entry.compliance) && isObject(entry.confusion) && Array.isArray(entry.byScenario),
  );
  return scenariosOk && judgesOk ? (value as RunMetrics) : null;
}

/** The numbers the runs list shows for a run. */
export function headlineOf(metrics: RunMetrics): RunHeadline {
  return {
    scenarios: metrics.scenarios.map((scenario) => ({ scenarioId: scenario.scenarioId, model: scenario.model, decided: scenario.decided, rates: scenario.rates })),
    judges: metrics.judges.map((judge) => ({ judgeId: judge.judgeId, scored: judge.scored, complianceAverage: judge.compliance.average })),
  };
}
