import { formatMs, formatPercent, formatScore } from "@/components/charts/format-chart-values";
import { formatKappa } from "@/lib/pipeline/evaluation/format-values";
import { MetricsTable } from "@/components/runs/metrics-table";
import type { RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";

/** Per judge over the whole run: scores, averages, pass and disagreement rates, latency. */
export function JudgeMetricsTable({ metrics }: { metrics: RunMetrics }) {
  return (
    <MetricsTable
      caption={`Judges: scores out of 5; a score passes at ${metrics.options.passAtLeast} or above`}
      columns={[
        { key: "judge", header: "Judge" },
        { key: "scored", header: "Scored", numeric: true },
        { key: "unscored", header: "Unscored", numeric: true },
        { key: "compliance", header: "Compliance avg", numeric: true },
        { key: "median", header: "Median", numeric: true },
        { key: "sd", header: "Std dev", numeric: true },
        { key: "helpfulness", header: "Helpfulness avg", numeric: true },
        { key: "pass", header: "Pass rate", numeric: true },
        { key: "disagreement", header: "Disagrees with CAM", numeric: true },
        { key: "latency", header: "Average time", numeric: true },
      ]}
      rows={metrics.judges.map((judge) => ({
        key: judge.judgeId,
        cells: {
          judge: (
            <>
              {judge.judgeId}
              <span className="block text-xs font-normal text-slate-600">{judge.judgeModels.join(", ")}</span>
            </>
          ),
          scored: judge.scored,
          unscored: judge.failures,
          compliance: formatScore(judge.compliance.average),
          median: formatScore(judge.compliance.median),
          sd: formatScore(judge.compliance.stdDev),
          helpfulness: formatScore(judge.helpfulness.average),
          pass: formatPercent(judge.passRate),
          disagreement: formatPercent(judge.disagreementRate),
          latency: formatMs(judge.latency.averageMs),
        },
      }))}
    />
  );
}

/** Each judge's compliance average and pass rate per scenario. */
export function JudgeScenarioTable({ metrics }: { metrics: RunMetrics }) {
  return (
    <MetricsTable
      caption="Judges by scenario: average compliance (pass rate, scores)"
      columns={[{ key: "scenario", header: "Scenario" }, ...metrics.judges.map((judge) => ({ key: judge.judgeId, header: judge.judgeId, numeric: true }))]}
      rows={metrics.scenarios.map((scenario) => ({
        key: scenario.scenarioId,
        cells: {
          scenario: scenario.scenarioId,
          ...Object.fromEntries(
            metrics.judges.map((judge) => {
              const stats = judge.byScenario.find((entry) => entry.scenarioId === scenario.scenarioId);
              return [judge.judgeId, stats ? `${formatScore(stats.compliance.average)} (${formatPercent(stats.passRate)}, ${stats.scored})` : "n/a"];
            }),
          ),
        },
      }))}
    />
  );
}

/** Cohen's kappa between each pair of judges; nothing when the run had fewer than two judges. */
export function AgreementTable({ metrics }: { metrics: RunMetrics }) {
  if (metrics.agreement.length === 0) return null;
  return (
    <MetricsTable
      caption="Agreement between judges (Cohen's kappa on verdicts)"
      columns={[
        { key: "pair", header: "Judges" },
        { key: "n", header: "Answers both scored", numeric: true },
        { key: "observed", header: "Observed agreement", numeric: true },
        { key: "kappa", header: "Kappa", numeric: true },
      ]}
      rows={metrics.agreement.map((pair) => ({
        key: `${pair.judgeA}-${pair.judgeB}`,
        cells: { pair: `${pair.judgeA} and ${pair.judgeB}`, n: pair.n, observed: formatPercent(pair.observedAgreement), kappa: formatKappa(pair.kappa) },
      }))}
    />
  );
}
