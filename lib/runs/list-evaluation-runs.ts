import "server-only";
import type { Db, Prisma } from "@/lib/db";
import { RETRY_MARK } from "@/lib/pipeline/run-items";
import { headlineOf, readStoredMetrics } from "@/lib/runs/read-stored-metrics";
import type { RunListItem, RunProgress } from "@/lib/runs/run-types";

/** The run columns the list and the run page read (not the questions or answers). */
export const RUN_LIST_SELECT = {
  id: true,
  name: true,
  status: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  scenarioIds: true,
  judgeIds: true,
  totalItems: true,
  metrics: true,
} as const;

type RunRow = {
  id: string;
  name: string;
  status: RunListItem["status"];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  scenarioIds: unknown;
  judgeIds: unknown;
  totalItems: number;
  metrics: unknown;
};

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

/** A run as the list shows it, given its progress. */
export function toRunListItem(run: RunRow, progress: RunProgress): RunListItem {
  const scenarioIds = strings(run.scenarioIds);
  const metrics = readStoredMetrics(run.metrics);
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    scenarioIds,
    judgeIds: strings(run.judgeIds),
    // Every question runs through every scenario, so the items divide evenly.
    questions: scenarioIds.length === 0 ? 0 : run.totalItems / scenarioIds.length,
    progress,
    headline: metrics && headlineOf(metrics),
  };
}

/**
 * Finished and failed items per run, counted from the exchanges (the run row's
 * own counters are only updated when a run stops). An item's retries are
 * further exchanges, each replacing one failed attempt (run-items.ts), so they
 * are taken off both counts.
 */
export async function countRunProgress(db: Db, runs: { id: string; totalItems: number }[]): Promise<Map<string, RunProgress>> {
  const ids = runs.map((run) => run.id);
  const countWhere = (where: Prisma.ExchangeWhereInput) =>
    db.exchange.groupBy({ by: ["evaluationRunId"], where: { evaluationRunId: { in: ids }, ...where }, _count: { _all: true } });
  const [exchanges, failures, retries] = await Promise.all([
    countWhere({}),
    countWhere({ error: { not: null } }),
    countWhere({ runItem: { contains: RETRY_MARK } }),
  ]);
  const count = (groups: typeof exchanges, id: string) => groups.find((group) => group.evaluationRunId === id)?._count._all ?? 0;
  return new Map(
    runs.map((run) => [
      run.id,
      { total: run.totalItems, done: count(exchanges, run.id) - count(retries, run.id), failed: count(failures, run.id) - count(retries, run.id) },
    ]),
  );
}

/** Evaluation runs, newest first, with live progress and their headline metrics. */
export async function listEvaluationRuns(db: Db, options: { take: number }): Promise<RunListItem[]> {
  const runs = await db.evaluationRun.findMany({ orderBy: { createdAt: "desc" }, take: options.take, select: RUN_LIST_SELECT });
  const progress = await countRunProgress(db, runs);
  return runs.map((run) => toRunListItem(run, progress.get(run.id) ?? { total: run.totalItems, done: 0, failed: 0 }));
}
