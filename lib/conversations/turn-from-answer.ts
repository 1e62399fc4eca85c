import type { AgentAnswer } from "@/lib/agent/answer-question";
import type { ConversationTurn } from "@/lib/schemas/conversations";

/** A just-streamed answer in the shape the conversation view renders (the same as a turn read back). Client-safe. */
export function turnFromAnswer(answer: AgentAnswer, context: { question: string; turn: number }): ConversationTurn {
  return {
    exchangeId: answer.exchangeId,
    turn: context.turn,
    createdAt: answer.createdAt,
    question: context.question.trim(),
    scenario: answer.scenario,
    action: answer.action,
    text: answer.text,
    withheld: answer.withheld,
    needsReview: answer.needsReview,
    error: null,
    findings: answer.findings.map(({ ruleId, ruleVersion, severity, message, clauses }) => ({ ruleId, ruleVersion, severity, message, clauses })),
    citations: answer.citations.map((citation) => ({
      rank: citation.rank,
      chunkId: citation.chunkId,
      sourceTitle: citation.sourceTitle,
      label: citation.label,
      score: citation.score,
      text: citation.text,
      pageStart: citation.pageStart ?? null,
      pageEnd: citation.pageEnd ?? null,
      cited: citation.cited,
    })),
    latency: answer.latency,
    judges: { pending: answer.judges.pending, scores: [] },
  };
}
