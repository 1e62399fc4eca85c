import "server-only";
import type { StoredExchange } from "@/lib/config/replay-exchanges";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { openExchangeColumns } from "@/lib/privacy/open-sealed-columns";

/** The newest `limit` audited exchanges with what a replay needs: stored passages, raw answer and judge scores. */
export async function loadReplayExchanges(db: Db, limit: number): Promise<StoredExchange[]> {
  const rows = await db.exchange.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      createdAt: true,
      question: true,
      questionRedacted: true,
      retrieval: true,
      rawAnswer: true,
      action: true,
      errorStage: true,
      ruleSetVersion: true,
      settingsVersion: true,
      passages: { orderBy: { rank: "asc" }, select: { rank: true, label: true, text: true, score: true } },
      judgeScores: { where: { status: "scored", compliance: { not: null } }, select: { judgeId: true, compliance: true } },
    },
  });
  const keyring = getKeyring(env());
  return rows.map((row) => ({
    ...openExchangeColumns(keyring, row),
    createdAt: row.createdAt.toISOString(),
    judgeScores: row.judgeScores.map((score) => ({ judgeId: score.judgeId, compliance: score.compliance as number })),
  }));
}
