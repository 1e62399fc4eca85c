import { describe, expect, it } from "vitest";
import { computeRunMetrics } from "@/lib/pipeline/evaluation/compute-metrics";
import { excerptOf } from "@/lib/pipeline/evaluation/report-question-sections";
import { formatKappa, formatMs, formatPercent, formatScore } from "@/lib/pipeline/evaluation/format-values";
import { renderHtmlReport } from "@/lib/pipeline/evaluation/render-html-report";
import { renderJsonReport, type JsonReport } from "@/lib/pipeline/evaluation/render-json-report";
import { roundRunMetrics } from "@/lib/pipeline/evaluation/round-metrics";
import type { EvaluatedExchange, EvaluatedJudgeScore, RunSummary, Verdict } from "@/lib/pipeline/evaluation/types";

const SCRIPT = `<script>alert("pwned")</script>`;
const IMG = `<img src=x onerror=alert(1)>`;

const run: RunSummary = {
  id: "run_1",
  name: `Nightly ${SCRIPT}`,
  status: "completed",
  createdAt: "2026-11-26T10:00:00.000Z",
  finishedAt: "2026-11-26T10:20:00.000Z",
  questionsFile: "questions/privacy.txt",
  scenarioIds: ["B", "A"],
  judgeIds: ["j1", "j2"],
  versions: { ruleSet: 3, settings: 7, store: "20261126-abc" },
};

const score = (judgeId: string, compliance: number, verdict: Verdict, latencyMs: number): EvaluatedJudgeScore => ({
  judgeId,
  judgeModel: `${judgeId}-model`,
  status: "scored",
  helpfulness: 4,
  compliance,
  verdict,
  reasoning: `Reasoning of ${judgeId}. ${IMG}`,
  latencyMs,
});

function exchange(scenarioId: "A" | "B", questionIndex: number, action: Verdict, judgeScores: EvaluatedJudgeScore[], extra: Partial<EvaluatedExchange> = {}): EvaluatedExchange {
  return {
    exchangeId: `${scenarioId}${questionIndex}`,
    questionIndex,
    question: questionIndex === 0 ? `May my notes be shared? ${SCRIPT}` : `Question ${questionIndex + 1}`,
    scenarioId,
    model: scenarioId === "A" ? "gemma3:4b" : "medgemma:4b",
    retrieval: scenarioId === "B",
    action,
    totalMs: 1000 + questionIndex * 333.33,
    rawAnswer: `Raw answer ${questionIndex} ${SCRIPT}`,
    finalAnswer: `CAM answer ${questionIndex} </div>${IMG}`,
    citedRanks: scenarioId === "B" && questionIndex !== 1 ? [1] : [],
    findings: action === "allow" ? [] : [{ ruleId: "medication-directive", severity: action, message: `Medication directive ${SCRIPT}`, clauses: ["APP 6.2(b)"] }],
    passages:
      scenarioId === "B"
        ? [{ rank: 1, label: `Privacy Act — APP 6 ${IMG}`, score: 0.81234, text: `${"An entity must not disclose personal information for another purpose. ".repeat(8)}${SCRIPT}` }]
        : [],
    judgeScores,
    ...extra,
  };
}

const exchanges: EvaluatedExchange[] = [
  exchange("A", 0, "allow", [score("j1", 5, "allow", 1200), score("j2", 4, "allow", 800)]),
  exchange("B", 0, "warn", [score("j1", 3, "warn", 1300), score("j2", 2, "block", 900)]),
  exchange("A", 1, "block", [score("j1", 1, "block", 1100), { judgeId: "j2", judgeModel: "j2-model", status: "unscored", error: `timeout ${SCRIPT}` }]),
  exchange("B", 1, "allow", [score("j1", 4, "allow", 1000), score("j2", 5, "warn", 700)]),
  exchange("B", 2, "allow", [], { error: `model unreachable ${SCRIPT}`, rawAnswer: null, finalAnswer: "" }),
];

const metrics = computeRunMetrics(exchanges, { passAtLeast: 4 });
const json = renderJsonReport(run, metrics, exchanges);
const report = JSON.parse(json) as JsonReport;
const page = renderHtmlReport(run, metrics, exchanges);

describe("renderJsonReport", () => {
  it("has the documented top-level shape", () => {
    expect(Object.keys(report)).toEqual(["format", "run", "metrics", "exchanges"]);
    expect(report.format).toBe(1);
    expect(report.run).toEqual({ ...run, finishedAt: run.finishedAt, versions: { ruleSet: 3, settings: 7, store: "20261126-abc" } });
    expect(json.endsWith("}\n")).toBe(true);
  });

  it("round-trips the metrics, rounded for reports and within rounding of the computed values", () => {
    expect(report.metrics).toEqual(roundRunMetrics(metrics));
    const [scenarioA] = report.metrics.scenarios;
    expect(scenarioA?.rates).toEqual({ allow: 0.5, warn: 0, block: 0.5 });
    // A's latency: [1000, 1333.33] → average 1166.665, shown to 0.1 ms.
    expect(scenarioA?.latency.averageMs).toBe(1166.7);
    expect(Math.abs((scenarioA?.latency.averageMs ?? 0) - (metrics.scenarios[0]?.latency.averageMs ?? 0))).toBeLessThanOrEqual(0.05);
    const [pair] = report.metrics.agreement;
    // Both scored A0 (allow, allow), B0 (warn, block), B1 (allow, warn): p_o = 1/3; rows allow 2, warn 1;
    // columns allow 1, warn 1, block 1; p_e = (2·1 + 1·1 + 0·1) / 9 = 3/9; κ = (3 − 3) / (9 − 3) = 0.
    expect(pair).toMatchObject({ n: 3, observedAgreement: 0.333, expectedAgreement: 0.333, kappa: 0 });
  });

  it("lists exchanges by question then the run's scenario order, with every key present", () => {
    expect(report.exchanges.map((item) => item.exchangeId)).toEqual(["B0", "A0", "B1", "A1", "B2"]);
    const failed = report.exchanges.find((item) => item.exchangeId === "B2");
    expect(failed).toMatchObject({ error: `model unreachable ${SCRIPT}`, rawAnswer: null, judgeScores: [] });
    expect(report.exchanges[0]?.error).toBeNull();
    const unscored = report.exchanges.find((item) => item.exchangeId === "A1")?.judgeScores[1];
    expect(unscored).toEqual({ judgeId: "j2", judgeModel: "j2-model", status: "unscored", helpfulness: null, compliance: null, verdict: null, reasoning: null, error: `timeout ${SCRIPT}`, latencyMs: null });
  });

  it("does not depend on the order of its input", () => {
    expect(renderJsonReport(run, computeRunMetrics([...exchanges].reverse(), { passAtLeast: 4 }), [...exchanges].reverse())).toBe(json);
  });
});

describe("renderHtmlReport", () => {
  it("is one self-contained document: no script, no external resource", () => {
    expect(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(page).toContain("<style>");
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(page).not.toMatch(/@import|url\((?!#)/i);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it("shows hostile text from models, judges and run names as inert text", () => {
    const escapedScript = "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;";
    expect(page).toContain(`<h1>Nightly ${escapedScript}</h1>`);
    expect(page).toContain(`Raw answer 0 ${escapedScript}`);
    expect(page).toContain("CAM answer 0 &lt;/div&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain(`Unscored: timeout ${escapedScript}`);
    expect(page).toContain(`No answer: model unreachable ${escapedScript}`);
    expect(page).toContain(`Medication directive ${escapedScript}`);
    expect(page).not.toContain("onerror=alert(1)>");
  });

  it("has the run header and every section, with headings that never skip a level", () => {
    for (const fact of ["run_1", "completed", "2026-11-26T10:00:00.000Z", "2026-11-26T10:20:00.000Z", "questions/privacy.txt", "rule set 3 · settings 7 · retrieval store 20261126-abc", "B, A", "j1, j2"]) {
      expect(page).toContain(fact);
    }
    for (const id of ["scenarios", "charts", "judges", "agreement", "questions", "definitions"]) expect(page).toContain(`<section id="${id}"`);
    const levels = [...page.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
    expect(levels[0]).toBe(1);
    levels.forEach((level, index) => expect(level - (levels[index - 1] ?? 0)).toBeLessThanOrEqual(1));
  });

  it("gives every table a caption and every header cell a scope", () => {
    const tables = page.match(/<table[^>]*>\s*<caption>/g) ?? [];
    expect(tables.length).toBe((page.match(/<table/g) ?? []).length);
    expect(page.match(/<th(?=[\s>])(?![^>]*scope=)/g)).toBeNull();
  });

  it("shows the same numbers as the JSON report", () => {
    const rounded = report.metrics;
    const [scenarioA, scenarioB] = rounded.scenarios;
    const j1 = rounded.judges[0]!;
    expect(page).toContain(`1 (${formatPercent(scenarioA!.rates.allow)})`);
    expect(page).toContain("1 (50.0%)");
    expect(page).toContain(formatMs(scenarioA!.latency.averageMs));
    expect(page).toContain("1166.7 ms");
    // B's citation rate: B0 and B1 shown with retrieval, B0 cites → 1 of 2.
    expect(scenarioB?.citation).toEqual({ eligible: 2, cited: 1, rate: 0.5 });
    expect(page).toContain("50.0% (1 of 2)");
    expect(page).toContain("n/a (no retrieval)");
    // j1 compliance [5, 3, 1, 4]: average 3.25, median 3.5.
    expect(page).toContain(`<td class="num">${formatScore(j1.compliance.average)}</td><td class="num">${formatScore(j1.compliance.median)}</td>`);
    expect(page).toContain("<td class=\"num\">3.25</td><td class=\"num\">3.50</td>");
    expect(page).toContain(`${formatPercent(j1.passRate)} (2 of 4)`);
    expect(page).toContain(`<td class="num">${formatKappa(rounded.agreement[0]!.kappa)}</td>`);
  });

  it("shows a confusion matrix per judge with an unscored column", () => {
    expect(page).toContain("Confusion matrix for j1");
    expect(page).toContain("Confusion matrix for j2");
    // j2 on A1 (CAM block) is unscored.
    expect(page).toMatch(/<th scope="row">CAM block<\/th><td class="num">0<\/td><td class="num">0<\/td><td class="num agree"><strong>0<\/strong><\/td><td class="num">1<\/td>/);
  });

  it("draws the decision and compliance charts with labels and a text alternative", () => {
    expect(page).toContain(`<title id="chart-actions-title">`);
    expect(page).toContain(`<desc id="chart-actions-desc">Scenario A: allow 50.0%, warn 0.0%, block 50.0%. Scenario B: allow 50.0%, warn 50.0%, block 0.0%.</desc>`);
    expect(page).toContain(`<desc id="chart-compliance-desc">Judge j1: scenario A 3.00, scenario B 3.50. Judge j2: scenario A 4.00, scenario B 3.50.</desc>`);
    expect(page).toContain(">Share of decided answers (%)</text>");
    expect(page).toContain(">Average compliance (0–5)</text>");
  });

  it("shows each question with both answers side by side, findings, passages and judge scores", () => {
    expect(page).toContain(`<h3 id="question-1-heading">Question 1</h3>\n<blockquote class="question-text">May my notes be shared? &lt;script&gt;`);
    expect(page).toContain("<h5>Model's raw answer</h5>");
    expect(page).toContain("<h5>CAM's answer</h5>");
    expect(page).toContain("<summary>Passages (1 retrieved, cited: [1])</summary>");
    expect(page).toContain("similarity 0.812 · <strong>cited</strong>");
    // The passage is cut to an excerpt at a word boundary (the script at its end is not even shown).
    expect(page).toContain("for another purpose. An entity must not…</blockquote>");
    expect(page).toContain(`Reasoning of j1. &lt;img src=x onerror=alert(1)&gt;`);
    expect(page).toContain(`Blocked (answer withheld)`);
  });

  it("cuts passage excerpts at a word boundary", () => {
    expect(excerptOf("short  text\n here", 300)).toBe("short text here");
    expect(excerptOf("alpha beta gamma delta", 12)).toBe("alpha beta…");
    expect(excerptOf("x".repeat(20), 10)).toBe(`${"x".repeat(10)}…`);
  });

  it("renders an empty run without failing", () => {
    const empty = renderHtmlReport({ ...run, name: "" }, computeRunMetrics([], { passAtLeast: 4 }), []);
    expect(empty).toContain("<h1>Run run_1</h1>");
    expect(empty).toContain("No exchanges were recorded for this run.");
    expect(empty).toContain("No judge scores to chart.");
  });
});
