import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { createAgentDeps } from "@/lib/agent/create-agent-deps";
import { configNouns } from "@/lib/config/config-draft-rows";
import { type ConfigVersions, getConfigWith, runConfigVersions } from "@/lib/config/get-config-with";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createJudgeClient } from "@/lib/judges/create-judge-client";
import type { JudgeConfig } from "@/lib/judges/judge-config";
import { readDigest } from "@/lib/judges/queue/read-digest";
import { renderHtmlReport } from "@/lib/pipeline/evaluation/render-html-report";
import { renderJsonReport } from "@/lib/pipeline/evaluation/render-json-report";
import { planEvaluation, readQuestions } from "@/lib/pipeline/plan-evaluation";
import { type EvaluationEvent, runEvaluation, startEvaluationRun } from "@/lib/pipeline/run-evaluation";
import { verifyStore } from "@/lib/retrieval/verify-store";
import { computeRunMetricsNow } from "@/lib/runs/compute-run-metrics-now";
import { countRunProgress } from "@/lib/runs/list-evaluation-runs";
import { runCommand } from "../run-command";
import { runIngest, runVerifyStore } from "./store";

const list = (value: string) => value.split(",").map((item) => item.trim()).filter(Boolean);

/** "rules:12,settings:7" → { rules: 12, settings: 7 }. */
const draftsSchema = z.string().transform((text, context) => {
  const versions: ConfigVersions = {};
  for (const part of list(text)) {
    const match = /^(rules|settings):(\d+)$/.exec(part);
    if (!match) {
      context.addIssue({ code: "custom", message: 'must be rules:<version> and/or settings:<version>, e.g. "rules:12" or "rules:12,settings:7"' });
      return z.NEVER;
    }
    versions[match[1] as "rules" | "settings"] = Number(match[2]);
  }
  return versions;
});

/** "draft rule pack 12 and draft settings 7", or null when a run uses what is in force. */
function describeDrafts(versions: ConfigVersions): string | null {
  const parts = (["rules", "settings"] as const).flatMap((kind) => (versions[kind] === undefined ? [] : [`draft ${configNouns[kind]} ${versions[kind]}`]));
  return parts.length ? parts.join(" and ") : null;
}

const optionsSchema = z.object({
  questions: z.string().min(1).optional(),
  scenarios: z.string().optional(),
  judges: z.union([z.string(), z.literal(false)]).optional(),
  refreshStore: z.boolean().default(false),
  docs: z.string().optional(),
  dryRun: z.boolean().default(false),
  resume: z.string().min(1).optional(),
  retryFailed: z.boolean().default(false),
  draft: draftsSchema.optional(),
  concurrency: z.coerce.number().int().min(1, { error: "must be at least 1" }).max(16, { error: "must be at most 16" }).default(2),
  html: z.string().optional(),
  json: z.string().optional(),
  name: z.string().optional(),
});

type Options = z.infer<typeof optionsSchema>;

const judgeProblem = (judge: JudgeConfig) => {
  const client = createJudgeClient(judge, env());
  return "disabled" in client ? client.disabled : undefined;
};

function printItem(event: EvaluationEvent): void {
  const position = `[${String(event.done).padStart(String(event.total).length)}/${event.total}]`;
  const what = `q${event.questionIndex + 1} × ${event.scenarioId}${event.attempt > 1 && event.outcome !== "skipped" ? ` (attempt ${event.attempt})` : ""}`;
  const outcome = event.outcome === "failed" ? `failed: ${event.detail ?? "see the exchange"}` : event.outcome;
  const judges = event.judges.length ? `  judges: ${event.judges.map((judge) => `${judge.judgeId} ${judge.summary}`).join(", ")}` : "";
  console.log(`${position} ${what.padEnd(10)} ${outcome.padEnd(7)} ${(event.ms / 1000).toFixed(1)} s${judges}`);
}

async function writeReports(runId: string, options: Options): Promise<void> {
  const db = getDb();
  const run = await db.evaluationRun.findUniqueOrThrow({ where: { id: runId }, select: { id: true, options: true } });
  // Fresh metrics (none stored to reuse): the pass cut-off is that of the settings the run answered under.
  const { summary, exchanges, metrics } = await computeRunMetricsNow(db, { ...run, metrics: null });
  await db.evaluationRun.update({ where: { id: runId }, data: { metrics: JSON.parse(JSON.stringify(metrics)) } });
  for (const [path, render, field] of [
    [options.html, () => renderHtmlReport(summary, metrics, exchanges), "reportHtmlPath"],
    [options.json, () => renderJsonReport(summary, metrics, exchanges), "reportJsonPath"],
  ] as const) {
    if (!path) continue;
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync(path, render());
    await db.evaluationRun.update({ where: { id: runId }, data: { [field]: resolve(path) } });
    console.log(`Wrote ${relative(process.cwd(), resolve(path))}`);
  }
  const rate = (value: number | null) => (value === null ? "n/a" : `${Math.round(value * 100)}%`);
  for (const scenario of metrics.scenarios) {
    console.log(
      `Scenario ${scenario.scenarioId}: ${scenario.total} answers, ${scenario.failed} failed; ` +
        `allow ${rate(scenario.rates.allow)}, warn ${rate(scenario.rates.warn)}, block ${rate(scenario.rates.block)}`,
    );
  }
  for (const judge of metrics.judges) {
    const average = judge.compliance.average === null ? "n/a" : judge.compliance.average.toFixed(2);
    console.log(`Judge ${judge.judgeId}: ${judge.scored} scored, ${judge.failures} unscored; compliance ${average}/5, pass rate ${rate(judge.passRate)}`);
  }
}

async function pipeline(raw: Record<string, unknown>): Promise<number> {
  const options = optionsSchema.parse(raw);
  if (options.draft && options.resume) {
    throw new AppError("validation_failed", "A resumed run keeps the configuration it started with: leave out --draft when you pass --resume.");
  }
  if (options.retryFailed && !options.resume) {
    throw new AppError("validation_failed", "--retry-failed answers again the failed items of an earlier run: use it with --resume <runId>.");
  }
  if (options.refreshStore) {
    if ((await runIngest({ docs: options.docs, catalogue: "health_docs/sources.tsv", chunkWords: 280, overlapWords: 60, embedder: "auto" })) !== 0) return 1;
    if ((await runVerifyStore({})) !== 0) return 1;
  }
  const db = getDb();
  let runId = options.resume;
  let judges: JudgeConfig[];
  if (runId) {
    const run = await db.evaluationRun.findUnique({ where: { id: runId } });
    if (!run) throw new AppError("not_found", `There is no evaluation run ${runId}.`);
    const versions = runConfigVersions(run.options);
    const configured = (await getConfigWith(db, versions)).settings.values.judges.models;
    judges = configured.filter((judge) => (run.judgeIds as string[]).includes(judge.id) && !judgeProblem(judge));
    // Counted from the exchanges: the run's own counters are stale when it was killed.
    const progress = (await countRunProgress(db, [run])).get(run.id);
    const retrying = options.retryFailed ? `; retrying the ${progress?.failed ?? 0} that failed` : "";
    console.log(`Resuming run ${runId} (${progress?.done ?? 0} of ${run.totalItems} items were finished${retrying}).`);
    const drafts = describeDrafts(versions);
    if (drafts) console.log(`This run tries ${drafts}, as when it started.`);
  } else {
    if (!options.questions) {
      if (options.dryRun && options.refreshStore) return 0;
      throw new AppError("validation_failed", "Say which questions to run: --questions <file> (one question per line), or --resume <runId>.");
    }
    const plan = await planEvaluation({
      db,
      questions: readQuestions(options.questions),
      scenarioIds: options.scenarios ? list(options.scenarios) : undefined,
      judgeIds: typeof options.judges === "string" ? list(options.judges) : undefined,
      noJudges: options.judges === false,
      drafts: options.draft,
      judgeProblem,
    });
    for (const warning of plan.warnings) console.log(`warning: ${warning}`);
    const drafts = describeDrafts(plan.configVersions);
    if (drafts) console.log(`Trying ${drafts} instead of what is in force: answers are checked and recorded under the draft, which stays a draft.`);
    if (plan.scenarios.some((scenario) => scenario.retrieval)) {
      const check = await verifyStore(env().RAG_STORE_DIR);
      if (!check.ok) {
        throw new AppError("service_unavailable", `The retrieval store cannot be used (${check.problems[0]}). Build it with \`cam ingest\` or pass --refresh-store.`);
      }
    }
    const items = plan.questions.length * plan.scenarios.length;
    console.log(
      `${plan.questions.length} questions × ${plan.scenarios.length} scenarios (${plan.scenarios.map((scenario) => scenario.id).join(", ")}) = ${items} answers; ` +
        `judges: ${plan.judges.map((judge) => judge.id).join(", ") || "none"}.`,
    );
    if (options.dryRun) return 0;
    runId = await startEvaluationRun(db, { name: options.name ?? `Run of ${options.questions}`, plan, questionsFile: options.questions, concurrency: options.concurrency });
    judges = plan.judges;
    console.log(`Run ${runId} started. If it is interrupted, continue it with: cam pipeline --resume ${runId}`);
  }

  const controller = new AbortController();
  const interrupt = () => {
    console.log(`\nStopping after the answers in progress. Continue with: cam pipeline --resume ${runId}`);
    controller.abort();
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  const config = env();
  await runEvaluation(
    {
      db,
      agent: { ...createAgentDeps({ requestId: `pipeline-${runId}` }), judgesFor: undefined },
      judgeClientFor: (judge) => createJudgeClient(judge, config),
      digest: () => readDigest(config.RAG_STORE_DIR),
      onEvent: printItem,
    },
    { runId, judges, concurrency: options.concurrency, retryFailed: options.retryFailed, signal: controller.signal },
  );
  process.off("SIGINT", interrupt);
  process.off("SIGTERM", interrupt);
  if (controller.signal.aborted) return 130;
  await writeReports(runId, options);
  const run = await db.evaluationRun.findUniqueOrThrow({ where: { id: runId } });
  console.log(`Run ${runId} completed: ${run.completedItems} of ${run.totalItems} answers, ${run.failedItems} failed.`);
  if (run.failedItems > 0) console.log(`Once the cause is fixed, answer the failed ones again with: cam pipeline --resume ${runId} --retry-failed`);
  return run.completedItems > 0 && run.failedItems === run.completedItems ? 1 : 0;
}

/** `cam pipeline`: batch evaluation of scenarios with judges, and reports. */
export function registerPipelineCommand(program: Command): void {
  program
    .command("pipeline")
    .description("run a question set through scenarios, score the answers with judges, and write reports")
    .option("--questions <file>", "questions, one per line")
    .option("--scenarios <ids>", "comma-separated scenario ids (default: every enabled scenario)")
    .option("--judges <ids>", "comma-separated judge ids (default: every enabled judge that is configured)")
    .option("--no-judges", "do not score the answers")
    .option("--refresh-store", "rebuild and verify the retrieval store first (from --docs)")
    .option("--docs <dir>", "documents for --refresh-store (default: HEALTH_DOCS_DIR)")
    .option("--dry-run", "check everything (and refresh the store if asked), then stop before answering")
    .option("--resume <runId>", "continue an interrupted run without redoing finished answers")
    .option("--draft <kind:version>", "try a draft before it is approved: rules:<version>, settings:<version> or both, comma-separated")
    .option("--retry-failed", "with --resume: answer again the items whose answer failed (the failed attempt stays in the audit trail)")
    .option("--concurrency <n>", "questions answered at the same time", "2")
    .option("--html <file>", "write a self-contained HTML report")
    .option("--json <file>", "write a JSON report with the same numbers")
    .option("--name <name>", "a name for the run")
    .action((options: Record<string, unknown>) => runCommand(() => pipeline(options)));
}
