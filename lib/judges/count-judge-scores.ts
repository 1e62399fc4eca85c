import "server-only";
import type { Db } from "@/lib/db";

/** How many judge scores are recorded, and how many of those could not be scored. */
export async function countJudgeScores(db: Db) {
  const [total, unscored] = await Promise.all([
    db.judgeScore.count(),
    db.judgeScore.count({ where: { status: "unscored" } }),
  ]);
  return { total, unscored };
}
