import { formatKappa, formatMs, formatPercent, formatScore } from "@/lib/pipeline/evaluation/format-values";
import { html, type SafeHtml } from "@/lib/pipeline/evaluation/html-escape";
import type { JudgeAgreement, JudgeMetrics, JudgeStats, RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import { VERDICTS } from "@/lib/pipeline/evaluation/types";

// The HTML report's judge tables, confusion matrices and agreement table. Pure.

const STATS_HEADINGS = [
  "Scores",
  "Scored",
  "Unscored",
  "Compliance average",
  "Compliance median",
  "Compliance SD",
  "Helpfulness average",
  "Pass rate",
  "Disagrees with CAM",
  "Latency average",
  "Latency p95",
];

const headings = (first: string[]) => html`<thead><tr>${[...first, ...STATS_HEADINGS].map((text) => html`<th scope="col">${text}</th>`)}</tr></thead>`;

const statsCells = (stats: JudgeStats) => html`<td class="num">${stats.count}</td><td class="num">${stats.scored}</td><td class="num">${stats.failures}</td>
<td class="num">${formatScore(stats.compliance.average)}</td><td class="num">${formatScore(stats.compliance.median)}</td><td class="num">${formatScore(stats.compliance.stdDev)}</td>
<td class="num">${formatScore(stats.helpfulness.average)}</td>
<td class="num">${formatPercent(stats.passRate)} (${stats.passed} of ${stats.compliance.n})</td>
<td class="num">${formatPercent(stats.disagreementRate)} (${stats.disagreed})</td>
<td class="num">${formatMs(stats.latency.averageMs)}</td><td class="num">${formatMs(stats.latency.p95Ms)}</td>`;

const judgeLabel = (judge: JudgeMetrics) => (judge.judgeModels.length > 0 ? `${judge.judgeId} (${judge.judgeModels.join(", ")})` : judge.judgeId);

function renderConfusionMatrix(judge: JudgeMetrics): SafeHtml {
  const columns = [...VERDICTS, "unscored"] as const;
  const rows = VERDICTS.map(
    (action) =>
      html`<tr><th scope="row">CAM ${action}</th>${columns.map((column) =>
        column === action
          ? html`<td class="num agree"><strong>${judge.confusion[action][column]}</strong></td>`
          : html`<td class="num">${judge.confusion[action][column]}</td>`,
      )}</tr>`,
  );
  return html`<table class="confusion">
<caption>Confusion matrix for ${judge.judgeId}: rows are CAM's decision, columns the judge's verdict. Cells where they agree are in bold on a shaded background.</caption>
<thead><tr><th scope="col">CAM decision</th>${columns.map((column) => html`<th scope="col">Judge ${column}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function renderJudge(judge: JudgeMetrics, index: number): SafeHtml {
  // Judge ids are outside text: number the element ids instead of using them.
  const rows = judge.byScenario.map((stats) => html`<tr><th scope="row">${stats.scenarioId}</th>${statsCells(stats)}</tr>`);
  return html`<section class="judge" aria-labelledby="judge-${index + 1}-heading">
<h3 id="judge-${index + 1}-heading">Judge ${judgeLabel(judge)}</h3>
<div class="table-scroll"><table>
<caption>Judge ${judge.judgeId} per scenario.</caption>
${headings(["Scenario"])}
<tbody>${rows}</tbody>
</table></div>
${renderConfusionMatrix(judge)}
</section>`;
}

/** The judges overall, then each judge per scenario with its confusion matrix. */
export function renderJudgeSection(metrics: RunMetrics): SafeHtml {
  const rows = metrics.judges.map((judge) => html`<tr><th scope="row">${judge.judgeId}</th><td>${judge.judgeModels.join(", ")}</td>${statsCells(judge)}</tr>`);
  const overview =
    metrics.judges.length === 0
      ? html`<p>No judge scored any decided exchange in this run.</p>`
      : html`<div class="table-scroll"><table>
<caption>Judges over all scenarios. Pass rate: compliance ≥ ${metrics.options.passAtLeast} among scored answers. "Disagrees with CAM": the judge's verdict differs from CAM's decision.</caption>
${headings(["Judge", "Model"])}
<tbody>${rows}</tbody>
</table></div>`;
  return html`<section id="judges" aria-labelledby="judges-heading">
<h2 id="judges-heading">Judges</h2>
${overview}
${metrics.judges.map(renderJudge)}
</section>`;
}

function kappaText(pair: JudgeAgreement): string {
  if (pair.kappa !== null) return formatKappa(pair.kappa);
  return pair.n === 0 ? "undefined (no answer scored by both)" : "undefined (both gave a single, identical verdict throughout)";
}

/** Cohen's kappa for every pair of judges. */
export function renderAgreementSection(metrics: RunMetrics): SafeHtml {
  const rows = metrics.agreement.map(
    (pair) => html`<tr><th scope="row">${pair.judgeA} and ${pair.judgeB}</th><td class="num">${pair.n}</td>
<td class="num">${formatPercent(pair.observedAgreement)}</td><td class="num">${formatPercent(pair.expectedAgreement)}</td><td class="num">${kappaText(pair)}</td></tr>`,
  );
  const content =
    rows.length === 0
      ? html`<p>Agreement needs at least two judges; this run has ${metrics.judges.length}.</p>`
      : html`<div class="table-scroll"><table>
<caption>Agreement between judges on their verdicts (allow, warn, block), over the answers both judges scored. Cohen's kappa: 1 is perfect agreement, 0 is what chance alone would give, below 0 is worse than chance.</caption>
<thead><tr><th scope="col">Judges</th><th scope="col">Answers both scored</th><th scope="col">Observed agreement</th><th scope="col">Agreement expected by chance</th><th scope="col">Cohen's kappa</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
  return html`<section id="agreement" aria-labelledby="agreement-heading">
<h2 id="agreement-heading">Agreement between judges</h2>
${content}
</section>`;
}
