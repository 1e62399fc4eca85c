import { formatMs, formatPercent, NOT_AVAILABLE } from "@/lib/pipeline/evaluation/format-values";
import { html, type SafeHtml } from "@/lib/pipeline/evaluation/html-escape";
import type { RunMetrics, ScenarioMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import type { RunSummary, Verdict } from "@/lib/pipeline/evaluation/types";

// The HTML report's run header, contents and scenario summary table. Pure.

/** The report's heading: the run's name, or its id when it has none. */
export const runTitle = (run: RunSummary) => run.name.trim() || `Run ${run.id}`;

const fact = (term: string, value: SafeHtml | string) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
const time = (value: string | undefined) => (value ? html`<time datetime="${value}">${value}</time>` : "not recorded");
const list = (items: string[]) => (items.length === 0 ? "none" : items.join(", "));

/** h1, the run's facts (id, status, dates, versions, scenarios, judges, totals) and the table of contents. */
export function renderRunHeader(run: RunSummary, metrics: RunMetrics): SafeHtml {
  const { versions } = run;
  const versionText = [
    `rule set ${versions.ruleSet ?? "not recorded"}`,
    `settings ${versions.settings ?? "not recorded"}`,
    `retrieval store ${versions.store ?? "not recorded"}`,
  ].join(" · ");
  const { totals } = metrics;
  return html`<header>
<p class="kicker">CAM evaluation report</p>
<h1>${runTitle(run)}</h1>
<dl class="facts">
${fact("Run id", html`<code>${run.id}</code>`)}
${fact("Status", run.status)}
${fact("Created", time(run.createdAt))}
${fact("Finished", time(run.finishedAt))}
${fact("Questions file", run.questionsFile ?? "not recorded")}
${fact("Versions", versionText)}
${fact("Scenarios", list(run.scenarioIds))}
${fact("Judges", list(run.judgeIds))}
${fact("Exchanges", `${totals.exchanges} (${totals.questions} questions; ${totals.decided} decided, ${totals.failed} failed)`)}
${fact("Judge pass mark", `compliance ≥ ${metrics.options.passAtLeast} of 5`)}
</dl>
</header>
<nav aria-label="Contents"><h2 class="contents-heading">Contents</h2><ol>
<li><a href="#scenarios">Scenarios</a></li>
<li><a href="#charts">Charts</a></li>
<li><a href="#judges">Judges</a></li>
<li><a href="#agreement">Agreement between judges</a></li>
<li><a href="#questions">Answers by question</a></li>
<li><a href="#definitions">How the numbers are computed</a></li>
</ol></nav>`;
}

const actionCell = (scenario: ScenarioMetrics, action: Verdict) =>
  html`<td class="num">${scenario.counts[action]} (${formatPercent(scenario.rates[action])})</td>`;

function citationCell(scenario: ScenarioMetrics): SafeHtml {
  if (!scenario.citation) return html`<td class="num">${NOT_AVAILABLE} (no retrieval)</td>`;
  const { cited, eligible, rate } = scenario.citation;
  return html`<td class="num">${formatPercent(rate)} (${cited} of ${eligible})</td>`;
}

/** One row per scenario: exchanges, failures, CAM's decisions, latency and citation rate. */
export function renderScenarioSection(metrics: RunMetrics): SafeHtml {
  const rows = metrics.scenarios.map(
    (scenario) => html`<tr>
<th scope="row">${scenario.scenarioId}</th><td>${scenario.model}</td><td>${scenario.retrieval ? "on" : "off"}</td>
<td class="num">${scenario.total}</td><td class="num">${scenario.failed}</td>
${actionCell(scenario, "allow")}${actionCell(scenario, "warn")}${actionCell(scenario, "block")}
<td class="num">${formatMs(scenario.latency.averageMs)}</td><td class="num">${formatMs(scenario.latency.p95Ms)}</td>
${citationCell(scenario)}
</tr>`,
  );
  const body = rows.length > 0 ? rows : html`<tr><td colspan="11">No exchanges were recorded for this run.</td></tr>`;
  return html`<section id="scenarios" aria-labelledby="scenarios-heading">
<h2 id="scenarios-heading">Scenarios</h2>
<div class="table-scroll"><table>
<caption>CAM's decisions per scenario. Percentages are of decided exchanges (failed ones excluded); latency is end-to-end per decided exchange.</caption>
<thead><tr><th scope="col">Scenario</th><th scope="col">Model</th><th scope="col">Retrieval</th><th scope="col">Exchanges</th><th scope="col">Failed</th><th scope="col">Allow</th><th scope="col">Warn</th><th scope="col">Block</th><th scope="col">Latency average</th><th scope="col">Latency p95</th><th scope="col">Answers citing a source</th></tr></thead>
<tbody>${body}</tbody>
</table></div>
</section>`;
}
