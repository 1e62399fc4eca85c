import "server-only";
import { appendToChain } from "@/lib/audit/chain/append-to-chain";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { publishLiveEvent } from "@/lib/live/live-events";
import { redactIdentifiers } from "@/lib/privacy/detect-identifiers";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { sealText } from "@/lib/privacy/sealed-text";
import type { JudgeOutcome } from "@/lib/judges/types";

/**
 * Stores one judge's outcome for an exchange (its scores and verdict, or
 * "unscored" with the reason; never skipped) and chains it, inside the
 * caller's transaction. The reasoning can quote the question, so it is sealed.
 */
export async function recordJudgeScore(tx: Tx, exchangeId: string, outcome: JudgeOutcome): Promise<void> {
  const { id } = await tx.judgeScore.create({
    select: { id: true },
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
            reasoning: sealText(getKeyring(env()), "JudgeScore.reasoning", outcome.reasoning),
            attempts: outcome.attempts,
            latencyMs: outcome.latencyMs,
          }
        : {
            exchangeId,
            judgeId: outcome.judgeId,
            judgeModel: outcome.judgeModel,
            status: "unscored",
            // The reason can quote what the judge replied, so identifiers are replaced before it is kept.
            error: redactIdentifiers(outcome.error),
            attempts: outcome.attempts,
            latencyMs: outcome.latencyMs,
          },
  });
  await appendToChain(tx, { kind: "judge_score", recordId: id });
  const { userId } = await tx.exchange.findUniqueOrThrow({ where: { id: exchangeId }, select: { userId: true } });
  await publishLiveEvent(tx, { type: "judge-score", exchangeId, judgeId: outcome.judgeId, userId });
}
