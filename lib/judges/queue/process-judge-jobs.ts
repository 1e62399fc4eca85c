import "server-only";
import type { Db } from "@/lib/db";
import { approvedJudgeClient } from "@/lib/judges/approved-judge-client";
import type { JudgeConfig } from "@/lib/judges/judge-config";
import { loadJudgeInput } from "@/lib/judges/queue/load-judge-input";
import { recordJudgeScore } from "@/lib/judges/queue/record-judge-score";
import { runJudge } from "@/lib/judges/run-judge";
import { throttleFor } from "@/lib/judges/throttle";
import type { JudgeThresholds } from "@/lib/judges/types";
import type { ModelClient } from "@/lib/llm/types";
import { recordJudgeOutcome } from "@/lib/metrics/judge-metrics";

// The judging queue in the database. Jobs are claimed with a conditional
// update (pending -> running), so when several workers or instances poll the
// same database each job is taken by exactly one. A job whose worker died is
// taken again once its lock is stale. Every job ends with a stored score or an
// "unscored" record saying why; none is dropped.

/** A running job whose worker has not finished in this long is presumed dead. Judges on CPUs can take minutes. */
export const STALE_LOCK_MS = 15 * 60_000;
/** Jobs taken per poll: small, so several instances share the work. */
const BATCH = 4;

export type JudgeJobsContext = {
  db: Db;
  workerId: string;
  judges: JudgeConfig[];
  thresholds: JudgeThresholds;
  digest: () => Promise<string>;
  /** The client for a judge, or why it cannot run (no credentials). */
  clientFor: (judge: JudgeConfig) => ModelClient | { disabled: string };
  /** Judge attempts' base delay, for tests. */
  retryBaseDelayMs?: number;
};

/** Takes up to a batch of due jobs and claims each; returns the ids this worker now owns. */
async function claimJobs(context: JudgeJobsContext, now: Date): Promise<string[]> {
  const stale = new Date(now.getTime() - STALE_LOCK_MS);
  const due = await context.db.judgeJob.findMany({
    where: { OR: [{ status: "pending", runAfter: { lte: now } }, { status: "running", lockedAt: { lt: stale } }] },
    orderBy: { createdAt: "asc" },
    take: BATCH,
    select: { id: true, status: true, lockedAt: true },
  });
  const claimed: string[] = [];
  for (const job of due) {
    const { count } = await context.db.judgeJob.updateMany({
      where: { id: job.id, status: job.status, lockedAt: job.lockedAt },
      data: { status: "running", lockedBy: context.workerId, lockedAt: now, attempts: { increment: 1 } },
    });
    if (count === 1) claimed.push(job.id);
  }
  return claimed;
}

async function runJob(context: JudgeJobsContext, jobId: string): Promise<void> {
  const job = await context.db.judgeJob.findUniqueOrThrow({ where: { id: jobId } });
  const judge = context.judges.find((candidate) => candidate.id === job.judgeId);
  const input = await loadJudgeInput(context.db, job.exchangeId, await context.digest());
  const finish = (lastError?: string) =>
    context.db.judgeJob.update({ where: { id: jobId }, data: { status: "done", lockedBy: null, lastError } });
  if (!input) return void (await finish("the exchange no longer exists"));
  const client = judge ? await approvedJudgeClient(context.db, judge, context.clientFor) : { disabled: `no judge "${job.judgeId}" is configured any more` };
  const outcome =
    "disabled" in client
      ? { status: "unscored" as const, judgeId: job.judgeId, judgeModel: judge?.model ?? "unknown", error: `The judge is disabled: ${client.disabled}`, attempts: 0, latencyMs: 0 }
      : await runJudge({ judge: judge as JudgeConfig, client, input, thresholds: context.thresholds, throttle: throttleFor(judge as JudgeConfig), retryBaseDelayMs: context.retryBaseDelayMs });
  await context.db.$transaction(async (tx) => {
    await recordJudgeScore(tx, job.exchangeId, outcome);
    await tx.judgeJob.update({ where: { id: jobId }, data: { status: "done", lockedBy: null, lastError: outcome.status === "unscored" ? outcome.error : null } });
  });
  recordJudgeOutcome(outcome);
}

/** Runs one batch of due judge jobs; returns how many it finished. */
export async function processJudgeJobs(context: JudgeJobsContext, now = new Date()): Promise<number> {
  const claimed = await claimJobs(context, now);
  for (const jobId of claimed) await runJob(context, jobId);
  return claimed.length;
}
