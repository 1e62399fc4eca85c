import { isFailedExchange } from "@/lib/pipeline/evaluation/compute-metrics";
import { formatJudgeScore, formatMs } from "@/lib/pipeline/evaluation/format-values";
import { html, type SafeHtml } from "@/lib/pipeline/evaluation/html-escape";
import { orderExchanges, orderJudgeScores } from "@/lib/pipeline/evaluation/order-exchanges";
import type { EvaluatedExchange, RunSummary } from "@/lib/pipeline/evaluation/types";

// The HTML report's answers by question: for each question, each scenario's raw
// and CAM answers side by side, CAM's decision and findings, the passages and
// the judges' scores. All of it is model or user text, escaped by `html`. Pure.

/** Characters of a passage shown in the report; the full text is in the JSON report. */
export const PASSAGE_EXCERPT_CHARS = 300;

/** The start of `text`, cut at a word boundary, with an ellipsis when shortened. */
export function excerptOf(text: string, maxChars = PASSAGE_EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

const DECISION_LABELS = { allow: "Allowed", warn: "Allowed with warnings", block: "Blocked (answer withheld)" } as const;

function renderDecision(exchange: EvaluatedExchange): SafeHtml {
  if (isFailedExchange(exchange)) {
    return html`<p class="decision"><span class="badge badge-failed">Failed</span> No answer: ${exchange.error}</p>`;
  }
  return html`<p class="decision">CAM decision: <span class="badge badge-${exchange.action}">${DECISION_LABELS[exchange.action]}</span> · ${formatMs(exchange.totalMs)}</p>`;
}

function renderFindings(exchange: EvaluatedExchange): SafeHtml {
  if (exchange.findings.length === 0) return html`<p>No findings.</p>`;
  const items = exchange.findings.map(
    (finding) =>
      html`<li><strong class="severity">${finding.severity.toUpperCase()}</strong> <code>${finding.ruleId}</code>: ${finding.message}${finding.clauses.length > 0 ? ` (${finding.clauses.join(", ")})` : ""}</li>`,
  );
  return html`<ul class="findings">${items}</ul>`;
}

function renderPassages(exchange: EvaluatedExchange): SafeHtml {
  if (exchange.passages.length === 0) return html`<p>${exchange.retrieval ? "No passages retrieved." : "Retrieval off: no passages."}</p>`;
  const cited = new Set(exchange.citedRanks);
  const items = [...exchange.passages]
    .sort((a, b) => a.rank - b.rank)
    .map(
      (passage) =>
        html`<li><p><strong>[${passage.rank}] ${passage.label}</strong> · similarity ${passage.score.toFixed(3)}${cited.has(passage.rank) ? html` · <strong>cited</strong>` : ""}</p><blockquote>${excerptOf(passage.text)}</blockquote></li>`,
    );
  const citedText = exchange.citedRanks.length > 0 ? `cited: ${[...exchange.citedRanks].sort((a, b) => a - b).map((rank) => `[${rank}]`).join(", ")}` : "none cited";
  return html`<details><summary>Passages (${exchange.passages.length} retrieved, ${citedText})</summary><ol class="passages">${items}</ol></details>`;
}

function renderJudgeScores(run: RunSummary, exchange: EvaluatedExchange, caption: string): SafeHtml {
  if (exchange.judgeScores.length === 0) return html`<p>No judge scores.</p>`;
  const rows = orderJudgeScores(run, exchange.judgeScores).map((score) =>
    score.status === "scored"
      ? html`<tr><th scope="row">${score.judgeId}</th><td>${score.judgeModel}</td><td class="num">${formatJudgeScore(score.helpfulness)}</td><td class="num">${formatJudgeScore(score.compliance)}</td><td>${score.verdict ?? "n/a"}</td><td class="prose">${score.reasoning ?? ""}</td></tr>`
      : html`<tr><th scope="row">${score.judgeId}</th><td>${score.judgeModel}</td><td colspan="3">unscored</td><td class="prose">Unscored: ${score.error ?? "no reason recorded"}</td></tr>`,
  );
  return html`<table class="scores"><caption>${caption}</caption>
<thead><tr><th scope="col">Judge</th><th scope="col">Model</th><th scope="col">Helpfulness</th><th scope="col">Compliance</th><th scope="col">Verdict</th><th scope="col">Reasoning</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function renderExchange(run: RunSummary, exchange: EvaluatedExchange, questionNumber: number): SafeHtml {
  const heading = `Scenario ${exchange.scenarioId} · ${exchange.model} · retrieval ${exchange.retrieval ? "on" : "off"}`;
  const meta = html`<p class="meta">Exchange <code>${exchange.exchangeId}</code></p>`;
  if (isFailedExchange(exchange)) {
    return html`<article class="exchange">
<h4>${heading}</h4>
${renderDecision(exchange)}
<p>Failed exchanges are left out of the decision and judge metrics.</p>
${meta}
</article>`;
  }
  return html`<article class="exchange">
<h4>${heading}</h4>
${renderDecision(exchange)}
<div class="answers">
<section><h5>Model's raw answer</h5><div class="answer">${exchange.rawAnswer || "(no answer)"}</div></section>
<section><h5>CAM's answer</h5><div class="answer">${exchange.finalAnswer || "(no answer)"}</div></section>
</div>
<h5>Findings</h5>
${renderFindings(exchange)}
<h5>Passages</h5>
${renderPassages(exchange)}
<h5>Judges</h5>
${renderJudgeScores(run, exchange, `Judge scores for question ${questionNumber}, scenario ${exchange.scenarioId}`)}
${meta}
</article>`;
}

/** One section per question, in the questions file's order. */
export function renderQuestionSections(run: RunSummary, exchanges: readonly EvaluatedExchange[]): SafeHtml {
  const byQuestion = new Map<number, EvaluatedExchange[]>();
  for (const exchange of orderExchanges(run, exchanges)) byQuestion.set(exchange.questionIndex, [...(byQuestion.get(exchange.questionIndex) ?? []), exchange]);
  const sections = [...byQuestion.entries()].map(([questionIndex, group]) => {
    const number = questionIndex + 1;
    return html`<section class="question" id="question-${number}" aria-labelledby="question-${number}-heading">
<h3 id="question-${number}-heading">Question ${number}</h3>
<blockquote class="question-text">${group[0]?.question ?? ""}</blockquote>
${group.map((exchange) => renderExchange(run, exchange, number))}
</section>`;
  });
  return html`<section id="questions" aria-labelledby="questions-heading">
<h2 id="questions-heading">Answers by question</h2>
${sections.length > 0 ? sections : html`<p>No exchanges were recorded for this run.</p>`}
</section>`;
}
