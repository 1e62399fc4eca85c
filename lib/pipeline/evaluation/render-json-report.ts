import type { RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import { orderExchanges, orderJudgeScores } from "@/lib/pipeline/evaluation/order-exchanges";
import { roundRunMetrics } from "@/lib/pipeline/evaluation/round-metrics";
import type { EvaluatedExchange, RunSummary, Verdict } from "@/lib/pipeline/evaluation/types";

// The machine-readable report of an evaluation run. Its shape is a contract
// (bump `format` on any incompatible change):
//   { format: 1, run, metrics, exchanges }
// - run: the run summary, every key present (missing optional values are null);
// - metrics: RunMetrics (metrics-types.ts) rounded by roundRunMetrics, the same
//   numbers the HTML report shows (rates and kappa to 3 decimals, ms to 1,
//   0–5 scores to 2; rates are fractions, the HTML shows them as percentages);
// - exchanges: ordered by question, then scenario in the run's order; every key
//   present, missing optional values null; passages by rank; judge scores in
//   the run's judge order.
// Pretty-printed with two spaces and a final newline so runs diff well. Pure.

/** Version of the report's shape. */
export const JSON_REPORT_FORMAT = 1;

export type JsonReportRun = {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  finishedAt: string | null;
  questionsFile: string | null;
  scenarioIds: string[];
  judgeIds: string[];
  versions: { ruleSet: number | null; settings: number | null; store: string | null };
};

export type JsonReportJudgeScore = {
  judgeId: string;
  judgeModel: string;
  status: "scored" | "unscored";
  helpfulness: number | null;
  compliance: number | null;
  verdict: Verdict | null;
  reasoning: string | null;
  error: string | null;
  latencyMs: number | null;
};

export type JsonReportExchange = Omit<EvaluatedExchange, "error" | "judgeScores"> & { error: string | null; judgeScores: JsonReportJudgeScore[] };

export type JsonReport = { format: typeof JSON_REPORT_FORMAT; run: JsonReportRun; metrics: RunMetrics; exchanges: JsonReportExchange[] };

function toReportRun(run: RunSummary): JsonReportRun {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt ?? null,
    questionsFile: run.questionsFile ?? null,
    scenarioIds: [...run.scenarioIds],
    judgeIds: [...run.judgeIds],
    versions: { ruleSet: run.versions.ruleSet ?? null, settings: run.versions.settings ?? null, store: run.versions.store ?? null },
  };
}

function toReportExchange(run: RunSummary, exchange: EvaluatedExchange): JsonReportExchange {
  return {
    exchangeId: exchange.exchangeId,
    questionIndex: exchange.questionIndex,
    question: exchange.question,
    scenarioId: exchange.scenarioId,
    model: exchange.model,
    retrieval: exchange.retrieval,
    action: exchange.action,
    error: exchange.error ?? null,
    totalMs: exchange.totalMs,
    rawAnswer: exchange.rawAnswer,
    finalAnswer: exchange.finalAnswer,
    citedRanks: [...exchange.citedRanks].sort((a, b) => a - b),
    findings: exchange.findings.map((finding) => ({ ruleId: finding.ruleId, severity: finding.severity, message: finding.message, clauses: [...finding.clauses] })),
    passages: [...exchange.passages]
      .sort((a, b) => a.rank - b.rank)
      .map((passage) => ({ rank: passage.rank, label: passage.label, score: passage.score, text: passage.text })),
    judgeScores: orderJudgeScores(run, exchange.judgeScores).map((score) => ({
      judgeId: score.judgeId,
      judgeModel: score.judgeModel,
      status: score.status,
      helpfulness: score.helpfulness ?? null,
      compliance: score.compliance ?? null,
      verdict: score.verdict ?? null,
      reasoning: score.reasoning ?? null,
      error: score.error ?? null,
      latencyMs: score.latencyMs ?? null,
    })),
  };
}

/** The run's JSON report (see the shape above). */
export function renderJsonReport(run: RunSummary, metrics: RunMetrics, exchanges: EvaluatedExchange[]): string {
  const report: JsonReport = {
    format: JSON_REPORT_FORMAT,
    run: toReportRun(run),
    metrics: roundRunMetrics(metrics),
    exchanges: orderExchanges(run, exchanges).map((exchange) => toReportExchange(run, exchange)),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
