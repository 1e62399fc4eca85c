import { formatMs, formatPercent } from "@/components/charts/format-chart-values";
import { MetricsTable } from "@/components/runs/metrics-table";
import type { RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import { VERDICTS } from "@/lib/pipeline/evaluation/types";

/** Per scenario: answers, failures, CAM's decisions (count and rate), latency and citation rate, as in the HTML report. */
export function ScenarioMetricsTable({ metrics }: { metrics: RunMetrics }) {
  return (
    <MetricsTable
      caption="Scenarios: CAM's decisions (rates over decided answers), answer time and citations"
      columns={[
        { key: "scenario", header: "Scenario" },
        { key: "total", header: "Answers", numeric: true },
        { key: "failed", header: "Failed", numeric: true },
        ...VERDICTS.map((action) => ({ key: action, header: action[0]?.toUpperCase() + action.slice(1), numeric: true })),
        { key: "average", header: "Average time", numeric: true },
        { key: "p95", header: "p95 time", numeric: true },
        { key: "citation", header: "Citation rate", numeric: true },
      ]}
      rows={metrics.scenarios.map((scenario) => ({
        key: scenario.scenarioId,
        cells: {
          scenario: (
            <>
              {scenario.scenarioId}
              <span className="block text-xs font-normal text-slate-600">
                {scenario.model}, retrieval {scenario.retrieval ? "on" : "off"}
              </span>
            </>
          ),
          total: scenario.total,
          failed: scenario.failed,
          ...Object.fromEntries(VERDICTS.map((action) => [action, `${scenario.counts[action]} (${formatPercent(scenario.rates[action])})`])),
          average: formatMs(scenario.latency.averageMs),
          p95: formatMs(scenario.latency.p95Ms),
          citation: scenario.citation ? `${formatPercent(scenario.citation.rate)} (${scenario.citation.cited}/${scenario.citation.eligible})` : "no retrieval",
        },
      }))}
    />
  );
}
