import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { openExchangeColumns, openJudgeScoreColumns } from "@/lib/privacy/open-sealed-columns";
import type { EvaluatedExchange, RunSummary } from "@/lib/pipeline/evaluation/types";
import { latestAttempts, parseRunItem } from "@/lib/pipeline/run-items";

// A run's stored results in the shape metrics and reports read: one entry per
// finished (question, scenario) item, its latest attempt, with its passages,
// findings and judge scores.

/** The passage numbers a final answer cites: "(...; see [2])", not "(see [9]: no such source)". */
export function citedRanks(finalAnswer: string): number[] {
  const ranks = [...finalAnswer.matchAll(/see \[(\d+)\](?!: no such source)/g)].map((match) => Number(match[1]));
  return [...new Set(ranks)].sort((a, b) => a - b);
}

/** Loads a run and its exchanges. */
export async function loadRunResults(db: Db, runId: string): Promise<{ summary: RunSummary; exchanges: EvaluatedExchange[] }> {
  const run = await db.evaluationRun.findUnique({ where: { id: runId } });
  if (!run) throw new AppError("not_found", `There is no evaluation run ${runId}.`);
  const rows = latestAttempts(await db.exchange.findMany({
    where: { evaluationRunId: runId },
    include: {
      passages: { orderBy: { rank: "asc" } },
      findings: { orderBy: { id: "asc" } },
      judgeScores: { orderBy: { createdAt: "asc" } },
    },
  }));
  const questions = run.questions as string[];
  const keyring = getKeyring(env());
  const exchanges = rows.map((sealed): EvaluatedExchange => {
    const row = openExchangeColumns(keyring, sealed);
    const { questionIndex } = parseRunItem(row.runItem ?? "");
    return {
      exchangeId: row.id,
      questionIndex,
      question: questions[questionIndex] ?? row.question,
      scenarioId: row.scenarioId,
      model: row.model,
      retrieval: row.retrieval,
      action: row.action,
      error: row.error ?? undefined,
      totalMs: row.totalMs,
      rawAnswer: row.rawAnswer,
      finalAnswer: row.finalAnswer,
      citedRanks: citedRanks(row.finalAnswer),
      findings: row.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        clauses: finding.clauses as string[],
      })),
      passages: row.passages.map((passage) => ({ rank: passage.rank, label: passage.label, score: passage.score, text: passage.text })),
      judgeScores: row.judgeScores.map((sealedScore) => openJudgeScoreColumns(keyring, sealedScore)).map((score) => ({
        judgeId: score.judgeId,
        judgeModel: score.judgeModel,
        status: score.status,
        helpfulness: score.helpfulness ?? undefined,
        compliance: score.compliance ?? undefined,
        verdict: score.verdict ?? undefined,
        reasoning: score.reasoning ?? undefined,
        error: score.error ?? undefined,
        latencyMs: score.latencyMs ?? undefined,
      })),
    };
  });
  const options = run.options as { questionsFile?: string | null };
  const store = rows.find((row) => row.storeVersion)?.storeVersion ?? run.storeVersion ?? undefined;
  return {
    summary: {
      id: run.id,
      name: run.name,
      status: run.status,
      createdAt: run.createdAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString(),
      questionsFile: options.questionsFile ?? undefined,
      scenarioIds: run.scenarioIds as string[],
      judgeIds: run.judgeIds as string[],
      versions: { ruleSet: run.ruleSetVersion ?? undefined, settings: run.settingsVersion ?? undefined, store },
    },
    exchanges,
  };
}
