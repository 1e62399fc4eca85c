import { html } from "@/lib/pipeline/evaluation/html-escape";
import type { RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import { renderChartSection } from "@/lib/pipeline/evaluation/report-chart-section";
import { renderDefinitionsSection } from "@/lib/pipeline/evaluation/report-definitions";
import { renderAgreementSection, renderJudgeSection } from "@/lib/pipeline/evaluation/report-judge-sections";
import { renderQuestionSections } from "@/lib/pipeline/evaluation/report-question-sections";
import { renderRunHeader, renderScenarioSection, runTitle } from "@/lib/pipeline/evaluation/report-run-sections";
import { REPORT_STYLES } from "@/lib/pipeline/evaluation/report-styles";
import { roundRunMetrics } from "@/lib/pipeline/evaluation/round-metrics";
import type { EvaluatedExchange, RunSummary } from "@/lib/pipeline/evaluation/types";

// The human-readable report of an evaluation run: one self-contained HTML file
// (inline CSS and SVG, no script, font, image or other request), readable on
// screen, offline and printed. Every outside text is escaped (html-escape.ts).
// Numbers are the JSON report's: both render roundRunMetrics(metrics). Pure.

/** The run's HTML report. */
export function renderHtmlReport(run: RunSummary, metrics: RunMetrics, exchanges: EvaluatedExchange[]): string {
  const rounded = roundRunMetrics(metrics);
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${runTitle(run)} · CAM evaluation report</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
${renderRunHeader(run, rounded)}
<main>
${renderScenarioSection(rounded)}
${renderChartSection(rounded)}
${renderJudgeSection(rounded)}
${renderAgreementSection(rounded)}
${renderQuestionSections(run, exchanges)}
${renderDefinitionsSection(rounded)}
</main>
</body>
</html>
`;
  return page.value;
}
