import "server-only";
import { z } from "zod";
import { citedRanks } from "@/lib/conversations/split-answer-text";
import type { Db, Prisma } from "@/lib/db";
import { notYours } from "@/lib/auth/not-yours";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getKeyring, type Keyring } from "@/lib/privacy/encryption-keys";
import { openExchangeColumns, openJudgeScoreColumns } from "@/lib/privacy/open-sealed-columns";
import type { ConversationDetail, ConversationTurn } from "@/lib/schemas/conversations";

// One of the caller's conversations with every question in it, as the
// playground shows them: the final text (never the raw answer), the decision,
// findings without their evidence (it can quote a withheld answer), the
// passages, timings and judge scores. Someone else's conversation is "not
// found", exactly like one that does not exist. Callers are authorised.

/** Stored timings; older records may lack a stage, which then counts as 0. */
const storedLatencySchema = z
  .object({
    retrievalMs: z.number().catch(0),
    generationMs: z.number().catch(0),
    checkingMs: z.number().catch(0),
    auditMs: z.number().catch(0),
  })
  .catch({ retrievalMs: 0, generationMs: 0, checkingMs: 0, auditMs: 0 });

const clausesSchema = z.array(z.string()).catch([]);

const notFound = () => new AppError("not_found", "That conversation does not exist. Start a new conversation.");

const exchangeSelect = {
  id: true,
  turn: true,
  createdAt: true,
  question: true,
  scenarioId: true,
  model: true,
  retrieval: true,
  scenario: { select: { name: true } },
  finalAnswer: true,
  action: true,
  needsReview: true,
  error: true,
  latency: true,
  totalMs: true,
  // Selected field by field: `evidence` must never leave the audit record through here.
  findings: { orderBy: { id: "asc" }, select: { ruleId: true, ruleVersion: true, severity: true, message: true, clauses: true } },
  passages: { orderBy: { rank: "asc" }, select: { rank: true, chunkId: true, sourceTitle: true, label: true, score: true, text: true } },
  judgeScores: {
    orderBy: { createdAt: "asc" },
    select: { judgeId: true, judgeModel: true, status: true, helpfulness: true, compliance: true, verdict: true, reasoning: true, error: true, latencyMs: true, createdAt: true },
  },
  judgeJobs: { where: { status: { in: ["pending", "running"] } }, select: { judgeId: true } },
} as const satisfies Prisma.ExchangeSelect;

type ExchangeRow = Prisma.ExchangeGetPayload<{ select: typeof exchangeSelect }>;

/** The caller's conversation with its turns in order; refuses anyone else's (403). */
export async function getConversation(db: Db, options: { conversationId: string; userId: string }): Promise<ConversationDetail> {
  const conversation = await db.conversation.findUnique({
    where: { id: options.conversationId },
    select: {
      id: true,
      userId: true,
      title: true,
      createdAt: true,
      updatedAt: true,
      exchanges: { orderBy: [{ turn: "asc" }, { createdAt: "asc" }], select: exchangeSelect },
    },
  });
  if (!conversation) throw notFound();
  if (conversation.userId !== options.userId) throw notYours("conversation");
  return {
    id: conversation.id,
    title: conversation.title,
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
    turns: conversation.exchanges.map((row) => toTurn(getKeyring(env()), row)),
  };
}

/** One turn, its sealed texts opened: the caller asked it, so they see it as they wrote it. */
function toTurn(keyring: Keyring, sealed: ExchangeRow): ConversationTurn {
  const row = openExchangeColumns(keyring, sealed);
  const cited = new Set(citedRanks(row.finalAnswer));
  return {
    exchangeId: row.id,
    turn: row.turn,
    createdAt: row.createdAt.toISOString(),
    question: row.question,
    scenario: { id: row.scenarioId, name: row.scenario?.name ?? null, model: row.model, retrieval: row.retrieval },
    action: row.action,
    text: row.finalAnswer,
    withheld: row.action === "block" && !row.error,
    needsReview: row.needsReview,
    error: row.error ? row.finalAnswer : null,
    findings: row.findings.map((finding) => ({ ...finding, clauses: clausesSchema.parse(finding.clauses) })),
    citations: row.passages.map((passage) => ({ ...passage, pageStart: null, pageEnd: null, cited: cited.has(passage.rank) })),
    latency: { ...storedLatencySchema.parse(row.latency), totalMs: row.totalMs },
    judges: {
      pending: row.judgeJobs.map((job) => job.judgeId),
      scores: row.judgeScores.map((score) => ({ ...openJudgeScoreColumns(keyring, score), createdAt: score.createdAt.toISOString() })),
    },
  };
}
