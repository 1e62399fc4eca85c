import type { KappaResult } from "@/lib/pipeline/evaluation/cohen-kappa";
import type { JudgeStats, RunMetrics, ScenarioMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import type { LatencySummary } from "@/lib/pipeline/evaluation/statistics";

// Rounding for reports, in one place so the JSON and HTML reports show the
// same numbers. Metrics themselves stay unrounded. Pure.

/** Decimal places per kind of number: rates and kappa as fractions (0.667), milliseconds, 0–5 scores. */
export const PRECISION = { rate: 3, ms: 1, score: 2 } as const;

/** Half-up rounding to `digits` decimals; null stays null, and −0 becomes 0. */
export function roundTo(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor || 0;
}

const rate = (value: number | null) => roundTo(value, PRECISION.rate);
const ms = (value: number | null) => roundTo(value, PRECISION.ms);
const score = (value: number | null) => roundTo(value, PRECISION.score);

const roundLatency = (latency: LatencySummary): LatencySummary => ({ n: latency.n, averageMs: ms(latency.averageMs), p95Ms: ms(latency.p95Ms) });

function roundScenario(scenario: ScenarioMetrics): ScenarioMetrics {
  return {
    ...scenario,
    rates: { allow: rate(scenario.rates.allow), warn: rate(scenario.rates.warn), block: rate(scenario.rates.block) },
    latency: roundLatency(scenario.latency),
    citation: scenario.citation && { ...scenario.citation, rate: rate(scenario.citation.rate) },
  };
}

function roundJudgeStats<T extends JudgeStats>(stats: T): T {
  const { compliance, helpfulness } = stats;
  return {
    ...stats,
    compliance: { n: compliance.n, average: score(compliance.average), median: score(compliance.median), stdDev: score(compliance.stdDev) },
    helpfulness: { n: helpfulness.n, average: score(helpfulness.average) },
    passRate: rate(stats.passRate),
    disagreementRate: rate(stats.disagreementRate),
    latency: roundLatency(stats.latency),
  };
}

function roundKappa<T extends KappaResult>(result: T): T {
  return { ...result, observedAgreement: rate(result.observedAgreement), expectedAgreement: rate(result.expectedAgreement), kappa: rate(result.kappa) };
}

/** The metrics with every derived number rounded to its report precision; counts are unchanged. */
export function roundRunMetrics(metrics: RunMetrics): RunMetrics {
  return {
    ...metrics,
    scenarios: metrics.scenarios.map(roundScenario),
    judges: metrics.judges.map((judge) => ({ ...roundJudgeStats(judge), byScenario: judge.byScenario.map(roundJudgeStats) })),
    agreement: metrics.agreement.map(roundKappa),
  };
}
