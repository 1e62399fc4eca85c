import "server-only";
import type { Db } from "@/lib/db";

/** Evaluation runs, newest first. */
export function listEvaluationRuns(db: Db, options: { take: number }) {
  return db.evaluationRun.findMany({
    orderBy: { createdAt: "desc" },
    take: options.take,
    select: { id: true, name: true, status: true, totalItems: true, completedItems: true, failedItems: true, createdAt: true },
  });
}
