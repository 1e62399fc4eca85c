import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { JudgeOutcome } from "@/lib/judges/types";

/** Stores one judge's outcome for an exchange: its scores and verdict, or "unscored" with the reason. Never skipped. */
export async function recordJudgeScore(db: Db | Tx, exchangeId: string, outcome: JudgeOutcome): Promise<void> {
  await db.judgeScore.create({
    data:
      outcome.status === "scored"
        ? {
            exchangeId,
            judgeId: outcome.judgeId,
            judgeModel: outcome.judgeModel,
            status: "scored",
            helpfulness: outcome.helpfulness,
            compliance: outcome.compliance,
            verdict: outcome.verdict,
            reasoning: outcome.reasoning,
            attempts: outcome.attempts,
            latencyMs: outcome.latencyMs,
          }
        : {
            exchangeId,
            judgeId: outcome.judgeId,
            judgeModel: outcome.judgeModel,
            status: "unscored",
            error: outcome.error,
            attempts: outcome.attempts,
            latencyMs: outcome.latencyMs,
          },
  });
}
