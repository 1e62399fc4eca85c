import "server-only";
import { type AgentDeps, answerQuestion } from "@/lib/agent/answer-question";
import { getActiveConfig } from "@/lib/config/get-active-config";
import { getConfigWith, runConfigVersions } from "@/lib/config/get-config-with";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { approvedJudgeClient } from "@/lib/judges/approved-judge-client";
import type { JudgeConfig } from "@/lib/judges/judge-config";
import { loadJudgeInput } from "@/lib/judges/queue/load-judge-input";
import { recordJudgeScore } from "@/lib/judges/queue/record-judge-score";
import { runJudge } from "@/lib/judges/run-judge";
import { throttleFor } from "@/lib/judges/throttle";
import type { JudgeOutcome } from "@/lib/judges/types";
import type { ModelClient } from "@/lib/llm/types";
import { recordEvaluationRunFinished } from "@/lib/metrics/evaluation-metrics";
import type { EvaluationPlan } from "@/lib/pipeline/plan-evaluation";
import { attemptRunItem, latestAttempts, parseRunItem, runItemKey } from "@/lib/pipeline/run-items";

// Batch evaluation: every question through every scenario with the same agent
// the console uses, each answer scored by the chosen judges, all recorded as
// one evaluation run. Each (question, scenario) pair is one item (run-items.ts);
// a resumed run skips finished items and only completes what is missing (for
// example a judge that had not scored yet), and on request answers again the
// items whose latest attempt failed.

export type EvaluationEvent = {
  type: "item";
  done: number;
  total: number;
  questionIndex: number;
  scenarioId: string;
  /** "skipped" when a resumed run had already finished this item. */
  outcome: "allow" | "warn" | "block" | "failed" | "skipped";
  /** 2 or more when this answer retried an item that had failed. */
  attempt: number;
  detail?: string;
  ms: number;
  judges: { judgeId: string; summary: string }[];
};

export type EvaluationDeps = {
  db: Db;
  agent: AgentDeps;
  judgeClientFor: (judge: JudgeConfig) => ModelClient | { disabled: string };
  digest: () => Promise<string>;
  onEvent?: (event: EvaluationEvent) => void;
  /** Judge attempts' base delay, for tests. */
  retryBaseDelayMs?: number;
};

type Item = { questionIndex: number; question: string; scenarioId: string; key: string };

/** Records a new run for a plan; returns its id. */
export async function startEvaluationRun(
  db: Db,
  options: { name: string; plan: EvaluationPlan; questionsFile?: string; concurrency: number },
): Promise<string> {
  const { plan } = options;
  const { ruleSet, settings } = await getConfigWith(db, plan.configVersions);
  const run = await db.evaluationRun.create({
    data: {
      name: options.name,
      status: "running",
      questions: plan.questions,
      scenarioIds: plan.scenarios.map((scenario) => scenario.id),
      judgeIds: plan.judges.map((judge) => judge.id),
      options: { questionsFile: options.questionsFile ?? null, concurrency: options.concurrency, warnings: plan.warnings, configVersions: plan.configVersions },
      totalItems: plan.questions.length * plan.scenarios.length,
      ruleSetVersion: ruleSet.version,
      settingsVersion: settings.version,
      startedAt: new Date(),
    },
  });
  return run.id;
}

const judgeSummary = (outcome: JudgeOutcome) =>
  outcome.status === "scored" ? `${outcome.compliance}/5 ${outcome.verdict}` : `unscored (${outcome.error})`;

/** Runs (or resumes) a recorded run until every item is finished or `signal` aborts. */
export async function runEvaluation(
  deps: EvaluationDeps,
  options: { runId: string; judges: JudgeConfig[]; concurrency: number; retryFailed?: boolean; signal?: AbortSignal },
): Promise<void> {
  const { db } = deps;
  const run = await db.evaluationRun.findUnique({ where: { id: options.runId } });
  if (!run) throw new AppError("not_found", `There is no evaluation run ${options.runId}. List runs in the console's Runs page.`);
  const questions = run.questions as string[];
  const scenarioIds = run.scenarioIds as string[];
  const items: Item[] = questions.flatMap((question, questionIndex) =>
    scenarioIds.map((scenarioId) => ({ questionIndex, question, scenarioId, key: runItemKey(questionIndex, scenarioId) })),
  );
  const existing = await db.exchange.findMany({
    where: { evaluationRunId: run.id },
    select: { id: true, runItem: true, action: true, error: true, judgeScores: { select: { judgeId: true } } },
  });
  // A run trying a draft answers every item under that draft, however long it takes or whenever it is resumed.
  const versions = runConfigVersions(run.options);
  const config = Object.keys(versions).length ? await getConfigWith(db, versions) : undefined;
  const agent = config ? { ...deps.agent, config: async () => config } : deps.agent;
  const thresholds = (config ?? (await getActiveConfig(db))).settings.values.judges;
  const byKey = new Map(
    latestAttempts(existing).map((exchange) => {
      const { key, attempt } = parseRunItem(exchange.runItem ?? "");
      return [key, { ...exchange, attempt }];
    }),
  );
  await db.evaluationRun.update({ where: { id: run.id }, data: { status: "running", finishedAt: null } });

  let next = 0;
  let done = 0;
  const judge = async (exchangeId: string, judges: JudgeConfig[]) => {
    const summaries: EvaluationEvent["judges"] = [];
    if (judges.length === 0) return summaries;
    const input = await loadInput(db, exchangeId, await deps.digest());
    for (const config of judges) {
      const client = await approvedJudgeClient(db, config, deps.judgeClientFor);
      const outcome: JudgeOutcome =
        "disabled" in client
          ? { status: "unscored", judgeId: config.id, judgeModel: config.model, error: `The judge is disabled: ${client.disabled}`, attempts: 0, latencyMs: 0 }
          : await runJudge({
              judge: config,
              client,
              input,
              thresholds,
              throttle: throttleFor(config),
              retryBaseDelayMs: deps.retryBaseDelayMs,
              signal: options.signal,
            });
      await db.$transaction((tx) => recordJudgeScore(tx, exchangeId, outcome));
      summaries.push({ judgeId: config.id, summary: judgeSummary(outcome) });
    }
    return summaries;
  };

  const work = async () => {
    for (;;) {
      if (options.signal?.aborted) return;
      const item = items[next];
      next += 1;
      if (!item) return;
      const started = performance.now();
      const found = byKey.get(item.key);
      const attempt = found ? found.attempt + 1 : 1;
      const event = { type: "item" as const, total: items.length, questionIndex: item.questionIndex, scenarioId: item.scenarioId };
      if (found && !(found.error && options.retryFailed)) {
        const scored = new Set(found.judgeScores.map((score) => score.judgeId));
        const missing = found.error ? [] : options.judges.filter((config) => !scored.has(config.id));
        const judges = await judge(found.id, missing);
        done += 1;
        const outcome = !missing.length ? "skipped" : found.error ? "failed" : found.action;
        deps.onEvent?.({ ...event, done, outcome, attempt: found.attempt, ms: Math.round(performance.now() - started), judges });
        continue;
      }
      try {
        const answer = await answerQuestion(agent, {
          question: item.question,
          scenarioId: item.scenarioId,
          userId: null,
          source: "pipeline",
          evaluationRunId: run.id,
          runItem: attemptRunItem(item.key, attempt),
        });
        const judges = await judge(answer.exchangeId, options.judges);
        done += 1;
        deps.onEvent?.({ ...event, done, outcome: answer.action, attempt, ms: Math.round(performance.now() - started), judges });
      } catch (error) {
        if (options.signal?.aborted) return;
        done += 1;
        deps.onEvent?.({ ...event, done, outcome: "failed", attempt, detail: (error as Error).message, ms: Math.round(performance.now() - started), judges: [] });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, work));

  const results = latestAttempts(await db.exchange.findMany({ where: { evaluationRunId: run.id }, select: { runItem: true, error: true } }));
  const completed = results.length;
  const failed = results.filter((result) => result.error !== null).length;
  await db.evaluationRun.update({
    where: { id: run.id },
    data: {
      completedItems: completed,
      failedItems: failed,
      status: options.signal?.aborted ? "cancelled" : "completed",
      finishedAt: options.signal?.aborted ? null : new Date(),
    },
  });
  recordEvaluationRunFinished({ cancelled: Boolean(options.signal?.aborted), failedItems: failed });
}

async function loadInput(db: Db, exchangeId: string, digest: string) {
  const input = await loadJudgeInput(db, exchangeId, digest);
  if (!input) throw new AppError("not_found", `Exchange ${exchangeId} disappeared while it was being judged.`);
  return input;
}
