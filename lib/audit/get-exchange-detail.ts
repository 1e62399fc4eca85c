import "server-only";
import { listReviewLabels, type ReviewLabelView } from "@/lib/audit/list-review-labels";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Action, Severity } from "@/lib/generated/sqlite/enums";
import { type IdentifierContext, namesIn, redactIdentifiers } from "@/lib/privacy/detect-identifiers";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { openExchangeColumns, openFindingColumns, openJudgeScoreColumns } from "@/lib/privacy/open-sealed-columns";

// Everything recorded about one exchange, for a reviewer. Every free text that
// can carry what a person typed (question, answers, prompt, evidence, judges'
// reasoning, errors, conversation title) is shown with personal identifiers
// replaced; the raw answer is included even when it was blocked, because
// judging the block needs it. Retrieved passages are published documents and
// are shown as stored. Contract: the caller may read the audit trail.

export type ExchangeDetail = {
  id: string;
  createdAt: string;
  source: string;
  action: Action;
  needsReview: boolean;
  askedBy: { name: string; email: string } | null;
  conversation: { id: string; title: string; turn: number } | null;
  run: { id: string; name: string; item: string | null } | null;
  scenario: { id: string; name: string | null; provider: string; model: string; retrieval: boolean; options: Record<string, unknown> };
  question: string;
  rawAnswer: string | null;
  finalAnswer: string;
  prompt: string | null;
  findings: { id: string; ruleId: string; ruleVersion: number; severity: Severity; message: string; clauses: string[]; evidence: string | null }[];
  passages: { rank: number; chunkId: string; sourceTitle: string; label: string; score: number; text: string }[];
  judgeScores: {
    id: string;
    judgeId: string;
    judgeModel: string;
    status: "scored" | "unscored";
    helpfulness: number | null;
    compliance: number | null;
    verdict: Action | null;
    reasoning: string | null;
    error: string | null;
    attempts: number;
    latencyMs: number | null;
    createdAt: string;
  }[];
  /** Judges whose jobs have not finished yet. */
  pendingJudges: string[];
  /** Milliseconds per stage, in pipeline order. */
  stages: { stage: string; ms: number }[];
  totalMs: number;
  versions: { ruleSet: number; settings: number; store: string | null };
  /** The approval under which the question went to a service outside Australia; null when it stayed onshore. */
  transfer: { service: string; assessment: string; decidedBy: string | null; decidedAt: string } | null;
  error: { stage: string | null; message: string } | null;
  labels: ReviewLabelView[];
};

const redactOrNull = (text: string | null, context: IdentifierContext) => (text === null ? null : redactIdentifiers(text, context));

/** The pipeline's stages in the order they run; PostgreSQL's jsonb does not keep key order, so it is restored here. */
const STAGE_ORDER = ["retrieval", "generation", "checking", "audit"];
const stageRank = (stage: string) => (STAGE_ORDER.includes(stage) ? STAGE_ORDER.indexOf(stage) : STAGE_ORDER.length);

/** The stage timings from the latency JSON ({ retrievalMs, generationMs, ... }), without the total. */
function stagesOf(latency: unknown): ExchangeDetail["stages"] {
  if (!latency || typeof latency !== "object" || Array.isArray(latency)) return [];
  return Object.entries(latency as Record<string, unknown>)
    .filter(([name, ms]) => typeof ms === "number" && Number.isFinite(ms) && name !== "totalMs")
    .map(([name, ms]) => ({ stage: name.replace(/Ms$/, ""), ms: ms as number }))
    .sort((a, b) => stageRank(a.stage) - stageRank(b.stage) || a.stage.localeCompare(b.stage));
}

const clausesOf = (clauses: unknown) => (Array.isArray(clauses) ? clauses.filter((clause): clause is string => typeof clause === "string") : []);

const optionsOf = (options: unknown) =>
  options && typeof options === "object" && !Array.isArray(options) ? (options as Record<string, unknown>) : {};

/** The exchange with everything recorded about it; 404 when there is none. */
export async function getExchangeDetail(db: Db, id: string): Promise<ExchangeDetail> {
  const [exchange, labels] = await Promise.all([
    db.exchange.findUnique({
      where: { id },
      include: {
        user: { select: { name: true, email: true } },
        conversation: { select: { id: true, title: true } },
        evaluationRun: { select: { id: true, name: true } },
        scenario: { select: { name: true } },
        transferApproval: { include: { decidedBy: { select: { email: true } } } },
        passages: { orderBy: { rank: "asc" } },
        findings: { orderBy: { id: "asc" } },
        judgeScores: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        judgeJobs: { where: { status: { in: ["pending", "running"] } }, select: { judgeId: true } },
      },
    }),
    listReviewLabels(db, id),
  ]);
  if (!exchange) throw new AppError("not_found", "There is no exchange with this id. Search for it again from the audit list.");
  const keyring = getKeyring(env());
  const sealed = openExchangeColumns(keyring, { question: exchange.question, rawAnswer: exchange.rawAnswer, prompt: exchange.prompt });
  // Names the question introduced are hidden wherever the other texts repeat them.
  const context: IdentifierContext = { knownNames: namesIn(sealed.question) };
  return {
    id: exchange.id,
    createdAt: exchange.createdAt.toISOString(),
    source: exchange.source,
    action: exchange.action,
    needsReview: exchange.needsReview,
    askedBy: exchange.user,
    conversation: exchange.conversation
      ? { id: exchange.conversation.id, title: redactIdentifiers(exchange.conversation.title), turn: exchange.turn }
      : null,
    run: exchange.evaluationRun ? { id: exchange.evaluationRun.id, name: exchange.evaluationRun.name, item: exchange.runItem } : null,
    scenario: {
      id: exchange.scenarioId,
      name: exchange.scenario?.name ?? null,
      provider: exchange.provider,
      model: exchange.model,
      retrieval: exchange.retrieval,
      options: optionsOf(exchange.options),
    },
    question: exchange.questionRedacted,
    rawAnswer: redactOrNull(sealed.rawAnswer, context),
    finalAnswer: exchange.finalAnswerRedacted,
    prompt: redactOrNull(sealed.prompt, context),
    findings: exchange.findings.map((finding) => ({
      id: finding.id,
      ruleId: finding.ruleId,
      ruleVersion: finding.ruleVersion,
      severity: finding.severity,
      message: finding.message,
      clauses: clausesOf(finding.clauses),
      evidence: redactOrNull(openFindingColumns(keyring, finding).evidence, context),
    })),
    passages: exchange.passages.map(({ rank, chunkId, sourceTitle, label, score, text }) => ({ rank, chunkId, sourceTitle, label, score, text })),
    judgeScores: exchange.judgeScores.map((score) => ({
      id: score.id,
      judgeId: score.judgeId,
      judgeModel: score.judgeModel,
      status: score.status,
      helpfulness: score.helpfulness,
      compliance: score.compliance,
      verdict: score.verdict,
      reasoning: redactOrNull(openJudgeScoreColumns(keyring, score).reasoning, context),
      error: redactOrNull(score.error, context),
      attempts: score.attempts,
      latencyMs: score.latencyMs,
      createdAt: score.createdAt.toISOString(),
    })),
    pendingJudges: exchange.judgeJobs.map((job) => job.judgeId),
    stages: stagesOf(exchange.latency),
    totalMs: exchange.totalMs,
    versions: { ruleSet: exchange.ruleSetVersion, settings: exchange.settingsVersion, store: exchange.storeVersion },
    transfer: exchange.transferApproval
      ? {
          service: exchange.transferApproval.service,
          assessment: exchange.transferApproval.assessment,
          decidedBy: exchange.transferApproval.decidedBy?.email ?? null,
          decidedAt: exchange.transferApproval.createdAt.toISOString(),
        }
      : null,
    error: exchange.error ? { stage: exchange.errorStage, message: redactIdentifiers(exchange.error) } : null,
    labels,
  };
}
