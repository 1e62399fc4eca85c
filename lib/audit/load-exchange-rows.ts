import "server-only";
import { excerptAround, truncateText } from "@/lib/audit/excerpt";
import type { Db } from "@/lib/db";
import type { Action, Escalation, ReviewVerdict } from "@/lib/generated/sqlite/enums";

// The second half of a search: the rows for a page of exchange ids, with what
// a list or an export shows of each. Only redacted text is read here; the
// original question and the raw answer never leave through lists or exports.

/** One exchange as a list or export shows it. Dates are ISO strings so the row is JSON as it stands. */
export type ExchangeRow = {
  id: string;
  createdAt: string;
  source: string;
  action: Action;
  needsReview: boolean;
  scenarioId: string;
  provider: string;
  model: string;
  totalMs: number;
  /** Redacted question and final answer: whole in exports, excerpts in lists. */
  question: string;
  answer: string;
  /** Distinct rules that fired, in the order they were recorded. */
  rules: string[];
  findingCount: number;
  judges: { judgeId: string; status: "scored" | "unscored"; verdict: Action | null; compliance: number | null }[];
  /** The newest review label, if any; earlier ones are on the exchange page. */
  review: { verdict: ReviewVerdict; escalation: Escalation | null; createdAt: string } | null;
  labelCount: number;
  errorStage: string | null;
  conversationId: string | null;
  evaluationRunId: string | null;
};

/** How much text each row carries: excerpts for a list page (around the search term), or everything for an export. */
export type RowText = { mode: "excerpt"; term?: string } | { mode: "full" };

const QUESTION_EXCERPT_CHARS = 240;
const ANSWER_EXCERPT_CHARS = 180;

/** The rows for these ids, in the same order; ids that no longer exist are left out. */
export async function loadExchangeRows(db: Db, ids: string[], text: RowText): Promise<ExchangeRow[]> {
  if (ids.length === 0) return [];
  const found = await db.exchange.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      createdAt: true,
      source: true,
      action: true,
      needsReview: true,
      scenarioId: true,
      provider: true,
      model: true,
      totalMs: true,
      questionRedacted: true,
      finalAnswerRedacted: true,
      errorStage: true,
      conversationId: true,
      evaluationRunId: true,
      findings: { select: { ruleId: true }, orderBy: { id: "asc" } },
      judgeScores: { select: { judgeId: true, status: true, verdict: true, compliance: true }, orderBy: [{ judgeId: "asc" }, { createdAt: "asc" }] },
      reviewLabels: { select: { verdict: true, escalation: true, createdAt: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 },
      _count: { select: { reviewLabels: true } },
    },
  });
  const byId = new Map(found.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const latest = row.reviewLabels[0];
    return [
      {
        id: row.id,
        createdAt: row.createdAt.toISOString(),
        source: row.source,
        action: row.action,
        needsReview: row.needsReview,
        scenarioId: row.scenarioId,
        provider: row.provider,
        model: row.model,
        totalMs: row.totalMs,
        question: text.mode === "full" ? row.questionRedacted : truncateText(row.questionRedacted, QUESTION_EXCERPT_CHARS),
        answer: text.mode === "full" ? row.finalAnswerRedacted : excerptAround(row.finalAnswerRedacted, text.term, ANSWER_EXCERPT_CHARS),
        rules: [...new Set(row.findings.map((finding) => finding.ruleId))],
        findingCount: row.findings.length,
        judges: row.judgeScores,
        review: latest ? { verdict: latest.verdict, escalation: latest.escalation, createdAt: latest.createdAt.toISOString() } : null,
        labelCount: row._count.reviewLabels,
        errorStage: row.errorStage,
        conversationId: row.conversationId,
        evaluationRunId: row.evaluationRunId,
      },
    ];
  });
}
