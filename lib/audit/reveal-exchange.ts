import "server-only";
import { appendToChain } from "@/lib/audit/chain/append-to-chain";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { openExchangeColumns, openFindingColumns, openJudgeScoreColumns } from "@/lib/privacy/open-sealed-columns";
import type { RevealBody, RevealedExchange } from "@/lib/schemas/reveal";

/** The fields a reveal opens, as recorded in RevealEvent.field. */
const REVEALED_FIELDS = "question,prompt,rawAnswer,finalAnswer,evidence,reasoning";

/**
 * Opens the original text of an exchange for someone allowed to see it. The
 * reveal (who, which exchange, when, why) is recorded and chained before any
 * text is returned: no record, no text. Contract: the caller holds audit.reveal.
 */
export async function revealExchange(db: Db, input: { exchangeId: string; userId: string; body: RevealBody }): Promise<RevealedExchange> {
  const exchange = await db.exchange.findUnique({
    where: { id: input.exchangeId },
    select: {
      question: true,
      prompt: true,
      rawAnswer: true,
      finalAnswer: true,
      findings: { select: { id: true, ruleId: true, evidence: true }, orderBy: { id: "asc" } },
      judgeScores: { select: { id: true, judgeId: true, reasoning: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!exchange) throw new AppError("not_found", "There is no exchange with this id. Open it again from the audit list.");
  const event = await db.$transaction(async (tx) => {
    const created = await tx.revealEvent.create({
      data: { userId: input.userId, exchangeId: input.exchangeId, field: REVEALED_FIELDS, reason: input.body.reason },
      select: { id: true },
    });
    await appendToChain(tx, { kind: "reveal_event", recordId: created.id });
    return created;
  });
  const keyring = getKeyring(env());
  const { findings, judgeScores, ...texts } = openExchangeColumns(keyring, exchange);
  return {
    revealEventId: event.id,
    ...texts,
    findings: findings.map((finding) => openFindingColumns(keyring, finding)),
    judgeReasoning: judgeScores.map((score) => openJudgeScoreColumns(keyring, score)),
  };
}
