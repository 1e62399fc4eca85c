import "server-only";
import { Gauge } from "prom-client";
import type { Db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { defineMetrics } from "@/lib/metrics/registry";

// Numbers read from the database at scrape time, so they are right whichever
// instance or CLI process changed them: the judge queue's depth and the
// evaluation runs by status. Every instance reports the same values; alert on
// max(), not sum().

const JOB_STATUSES = ["pending", "running"] as const;
const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;

const databaseGauges = defineMetrics("database", (registry) => ({
  up: new Gauge({
    name: "cam_database_up",
    help: "1 when the last scrape could read the database, else 0 (the other cam_ database gauges are then absent).",
    registers: [registry],
  }),
  judgeJobs: new Gauge({
    name: "cam_judge_jobs",
    help: "Judge jobs in the queue, by status (pending: waiting; running: claimed by a worker).",
    labelNames: ["status"] as const,
    registers: [registry],
  }),
  runs: new Gauge({
    name: "cam_evaluation_runs",
    help: "Evaluation runs in the database, by status.",
    labelNames: ["status"] as const,
    registers: [registry],
  }),
  runsWithFailedItems: new Gauge({
    name: "cam_evaluation_runs_with_failed_items",
    help: "Completed evaluation runs in which at least one question failed.",
    registers: [registry],
  }),
}));

/** Reads the queue and run counts into their gauges; on a database failure reports cam_database_up 0 instead of stale values. */
export async function collectDatabaseGauges(db: Db): Promise<void> {
  const gauges = databaseGauges();
  try {
    const [jobs, runs, runsWithFailedItems] = await Promise.all([
      db.judgeJob.groupBy({ by: ["status"], where: { status: { in: [...JOB_STATUSES] } }, _count: true }),
      db.evaluationRun.groupBy({ by: ["status"], _count: true }),
      db.evaluationRun.count({ where: { status: "completed", failedItems: { gt: 0 } } }),
    ]);
    for (const status of JOB_STATUSES) gauges.judgeJobs.set({ status }, jobs.find((group) => group.status === status)?._count ?? 0);
    for (const status of RUN_STATUSES) gauges.runs.set({ status }, runs.find((group) => group.status === status)?._count ?? 0);
    gauges.runsWithFailedItems.set(runsWithFailedItems);
    gauges.up.set(1);
  } catch (error) {
    logger().warn({ err: error }, "metrics could not read the database");
    gauges.judgeJobs.reset();
    gauges.runs.reset();
    gauges.runsWithFailedItems.reset();
    gauges.up.set(0);
  }
}
