import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db";
import { notYours } from "@/lib/auth/not-yours";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { openJudgeScoreColumns } from "@/lib/privacy/open-sealed-columns";

/**
 * The judge scores of an exchange so far, and the judges still working on it.
 * People see their own exchanges; readers of the audit trail see any.
 */
export async function getJudgeScores(db: Db, options: { exchangeId: string; caller: Caller }) {
  const exchange = await db.exchange.findUnique({
    where: { id: options.exchangeId },
    select: {
      userId: true,
      judgeJobs: { where: { status: { in: ["pending", "running"] } }, select: { judgeId: true } },
      judgeScores: {
        orderBy: { createdAt: "asc" },
        select: { judgeId: true, judgeModel: true, status: true, helpfulness: true, compliance: true, verdict: true, reasoning: true, error: true, latencyMs: true, createdAt: true },
      },
    },
  });
  if (!exchange) throw new AppError("not_found", "There is no exchange with this id.");
  if (exchange.userId !== options.caller.userId && !can(options.caller.role, "audit.read")) throw notYours("exchange");
  const keyring = getKeyring(env());
  return { pending: exchange.judgeJobs.map((job) => job.judgeId), scores: exchange.judgeScores.map((score) => openJudgeScoreColumns(keyring, score)) };
}
