import "server-only";
import type { ComplianceFinding } from "@/lib/compliance/types";
import { randomUUID } from "node:crypto";
import { type Db, Prisma, type Tx } from "@/lib/db";
import type { ExchangeSource, ModelProvider } from "@/lib/generated/sqlite/enums";
import { appendToChain } from "@/lib/audit/chain/append-to-chain";
import { exchangeContent, type FindingContent, type PassageContent } from "@/lib/audit/chain/chain-content";
import { env } from "@/lib/env";
import { publishLiveEvent } from "@/lib/live/live-events";
import { namesIn, redactIdentifiers } from "@/lib/privacy/detect-identifiers";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { sealOptional, sealText } from "@/lib/privacy/sealed-text";

// Writes the audit record of one exchange: the exchange, its passages and its
// findings in one transaction, so a record is complete or absent. A new
// conversation is created, or an existing one touched, in the same transaction.
// Text that can hold health information is sealed (see sealed-text.ts); the
// redacted question and final answer are kept beside it for search and lists.

export type ExchangeRecord = {
  source: ExchangeSource;
  userId: string | null;
  /** The conversation it continues, a new one to start (titled from this text, redacted), or none (batch runs, the API). */
  conversation: { id: string; turn: number } | { startTitled: string } | null;
  evaluationRunId?: string;
  /** Within an evaluation run, the question and scenario ("q12:B"). */
  runItem?: string;
  scenario: { id: string; provider: ModelProvider; model: string; retrieval: boolean; options: Prisma.InputJsonValue };
  /** The approval under which the question went to a service outside Australia; null for onshore models. */
  transferApprovalId?: string | null;
  question: string;
  prompt: string | null;
  rawAnswer: string | null;
  finalAnswer: string;
  action: "allow" | "warn" | "block";
  needsReview: boolean;
  passages: { rank: number; chunkId: string; sourceTitle: string; label: string; score: number; text: string; pageStart?: number | null; pageEnd?: number | null }[];
  findings: ComplianceFinding[];
  latency: Record<string, number>;
  totalMs: number;
  versions: { ruleSet: number; settings: number; store: string | null };
  error?: { stage: string; message: string };
  /** Judges to score this exchange in the background; their jobs commit with the record. */
  judgeIds?: string[];
};

/**
 * Inserts the passages with one multi-row statement. The passages are the
 * bulk of an audit record (a dozen texts of ~2,000 characters), and Prisma's
 * createMany costs several times more here than the SQL itself.
 */
async function insertPassages(tx: Tx, exchangeId: string, passages: PassageContent[]): Promise<void> {
  const rows = passages.map(
    (passage) =>
      Prisma.sql`(${randomUUID()}, ${exchangeId}, ${passage.rank}, ${passage.chunkId}, ${passage.sourceTitle}, ${passage.label}, ${passage.score}, ${passage.text}, ${passage.pageStart}, ${passage.pageEnd})`,
  );
  await tx.$executeRaw`INSERT INTO "Passage" ("id", "exchangeId", "rank", "chunkId", "sourceTitle", "label", "score", "text", "pageStart", "pageEnd") VALUES ${Prisma.join(rows)}`;
}

/** A conversation title from its first question, with personal identifiers replaced: titles are not sealed. */
export function conversationTitle(question: string): string {
  const title = redactIdentifiers(question).replace(/\s+/g, " ").trim();
  return title.length > 80 ? `${title.slice(0, 77)}…` : title;
}

/** Writes one exchange with its passages and findings; returns its id, time and conversation. */
export async function recordExchange(
  db: Db,
  record: ExchangeRecord,
): Promise<{ id: string; createdAt: Date; conversationId: string | null }> {
  const createdAt = new Date();
  const keyring = getKeyring(env());
  return db.$transaction(async (tx) => {
    let conversationId: string | null = null;
    let turn = 0;
    if (record.conversation && "id" in record.conversation) {
      conversationId = record.conversation.id;
      turn = record.conversation.turn;
      await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: createdAt } });
    } else if (record.conversation && record.userId) {
      const started = await tx.conversation.create({ data: { userId: record.userId, title: conversationTitle(record.conversation.startTitled) } });
      conversationId = started.id;
    }
    const exchange = await tx.exchange.create({
      data: {
        createdAt,
        source: record.source,
        userId: record.userId,
        conversationId,
        turn,
        evaluationRunId: record.evaluationRunId,
        runItem: record.runItem,
        scenarioId: record.scenario.id,
        provider: record.scenario.provider,
        model: record.scenario.model,
        retrieval: record.scenario.retrieval,
        options: record.scenario.options,
        transferApprovalId: record.transferApprovalId,
        question: sealText(keyring, "Exchange.question", record.question),
        questionRedacted: redactIdentifiers(record.question),
        finalAnswerRedacted: redactIdentifiers(record.finalAnswer, { knownNames: namesIn(record.question) }),
        prompt: sealOptional(keyring, "Exchange.prompt", record.prompt),
        rawAnswer: sealOptional(keyring, "Exchange.rawAnswer", record.rawAnswer),
        finalAnswer: sealText(keyring, "Exchange.finalAnswer", record.finalAnswer),
        action: record.action,
        needsReview: record.needsReview,
        latency: record.latency,
        totalMs: record.totalMs,
        ruleSetVersion: record.versions.ruleSet,
        settingsVersion: record.versions.settings,
        storeVersion: record.versions.store,
        error: record.error?.message,
        errorStage: record.error?.stage,
      },
    });
    // Passages and findings as written are also what the chain hashes, so their
    // columns are named one by one: no other property of the caller's may ride along.
    const passages: PassageContent[] = record.passages.map(({ rank, chunkId, sourceTitle, label, score, text, pageStart, pageEnd }) => ({
      rank, chunkId, sourceTitle, label, score, text, pageStart: pageStart ?? null, pageEnd: pageEnd ?? null,
    }));
    const findings = record.findings.map((finding) => ({
      id: randomUUID(),
      ruleId: finding.ruleId,
      ruleVersion: finding.ruleVersion,
      severity: finding.severity,
      message: finding.message,
      clauses: finding.clauses,
      evidence: sealOptional(keyring, "Finding.evidence", finding.evidence),
      createdAt,
    })) satisfies FindingContent[];
    if (passages.length) await insertPassages(tx, exchange.id, passages);
    if (record.judgeIds?.length) {
      await tx.judgeJob.createMany({ data: record.judgeIds.map((judgeId) => ({ exchangeId: exchange.id, judgeId })) });
    }
    if (findings.length) await tx.finding.createMany({ data: findings.map((finding) => ({ ...finding, exchangeId: exchange.id })) });
    await appendToChain(tx, { kind: "exchange", recordId: exchange.id, content: exchangeContent({ row: exchange, passages, findings }, () => keyring) });
    await publishLiveEvent(tx, { type: "exchange", id: exchange.id, action: record.action, userId: record.userId, createdAt: createdAt.toISOString() });
    return { id: exchange.id, createdAt: exchange.createdAt, conversationId };
  });
}
