import { formatPercent, formatScore } from "@/lib/pipeline/evaluation/format-values";
import { html, type SafeHtml } from "@/lib/pipeline/evaluation/html-escape";
import type { RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import { judgeStyle, VERDICT_STYLES } from "@/lib/pipeline/evaluation/report-theme";
import { renderGroupedBarChart, renderStackedBarChart } from "@/lib/pipeline/evaluation/svg-charts";
import { VERDICTS } from "@/lib/pipeline/evaluation/types";

// The HTML report's charts: CAM's decision rates per scenario and average
// judge compliance per scenario, from the same metrics as the tables. Pure.

const scenarioLabel = (scenarioId: string, model: string) => (model ? `${scenarioId} (${model})` : scenarioId);

function renderActionChart(metrics: RunMetrics): SafeHtml {
  const rows = metrics.scenarios.map((scenario) => ({
    label: scenarioLabel(scenario.scenarioId, scenario.model),
    values: VERDICTS.map((action) => scenario.rates[action]),
  }));
  const description = metrics.scenarios
    .map((scenario) => `Scenario ${scenario.scenarioId}: ${VERDICTS.map((action) => `${action} ${formatPercent(scenario.rates[action])}`).join(", ")}.`)
    .join(" ");
  return renderStackedBarChart({
    id: "chart-actions",
    title: "CAM's decisions per scenario: allow, warn and block as shares of decided answers",
    description,
    formatValue: formatPercent,
    axisLabel: "Share of decided answers (%)",
    rowAxisLabel: "Scenario",
    series: VERDICTS.map((action) => ({ label: action, style: VERDICT_STYLES[action] })),
    rows,
  });
}

function renderComplianceChart(metrics: RunMetrics): SafeHtml {
  const description = metrics.judges
    .map(
      (judge) =>
        `Judge ${judge.judgeId}: ${judge.byScenario.map((stats) => `scenario ${stats.scenarioId} ${formatScore(stats.compliance.average)}`).join(", ")}.`,
    )
    .join(" ");
  return renderGroupedBarChart({
    id: "chart-compliance",
    title: "Average judge compliance score (0 to 5) per scenario, one bar per judge",
    description,
    formatValue: formatScore,
    valueAxisLabel: "Average compliance (0–5)",
    groupAxisLabel: "Scenario",
    maxValue: 5,
    ticks: [0, 1, 2, 3, 4, 5],
    series: metrics.judges.map((judge, index) => ({ label: judge.judgeId, style: judgeStyle(index) })),
    groups: metrics.scenarios.map((scenario, scenarioIndex) => ({
      label: scenario.scenarioId,
      values: metrics.judges.map((judge) => judge.byScenario[scenarioIndex]?.compliance.average ?? null),
    })),
  });
}

/** Both charts, each in a figure with a visible caption; a sentence instead of an empty chart. */
export function renderChartSection(metrics: RunMetrics): SafeHtml {
  const actions =
    metrics.scenarios.length === 0 ? html`<p>No exchanges to chart.</p>` : html`<figure>${renderActionChart(metrics)}<figcaption>CAM's decisions per scenario (values as in the Scenarios table).</figcaption></figure>`;
  const compliance =
    metrics.judges.length === 0 || metrics.scenarios.length === 0
      ? html`<p>No judge scores to chart.</p>`
      : html`<figure>${renderComplianceChart(metrics)}<figcaption>Average compliance per judge and scenario ("n/a": no scored answers); values as in the Judges tables.</figcaption></figure>`;
  return html`<section id="charts" aria-labelledby="charts-heading">
<h2 id="charts-heading">Charts</h2>
${actions}
${compliance}
</section>`;
}
