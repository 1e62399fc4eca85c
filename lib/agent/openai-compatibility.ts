import type { AgentAnswer } from "@/lib/agent/answer-question";
import type { PriorTurn } from "@/lib/agent/build-prompt";
import { AppError } from "@/lib/errors";
import { estimateTokens } from "@/lib/retrieval/fit-context-budget";
import type { OpenAiChatBody } from "@/lib/schemas/openai-chat";

// Translation between OpenAI's chat-completions format and CAM's agent, so any
// OpenAI SDK can route questions through CAM. Pure.

/** The question (the last user message) and the earlier user/assistant turns. System messages are ignored: CAM writes its own. */
export function fromOpenAiMessages(body: OpenAiChatBody): { question: string; history: PriorTurn[] } {
  if (body.stream) {
    throw new AppError("bad_request", "CAM answers only after checking the whole answer, so streaming is not supported. Send stream: false.");
  }
  const turns = body.messages.filter((message) => message.role === "user" || message.role === "assistant");
  const last = turns.at(-1);
  if (!last || last.role !== "user" || !last.content?.trim()) {
    throw new AppError("validation_failed", "The last message must be the user's question, with text content.");
  }
  const history: PriorTurn[] = [];
  let pending: string | undefined;
  for (const message of turns.slice(0, -1)) {
    if (message.role === "user") pending = message.content ?? "";
    else if (pending !== undefined) {
      history.push({ question: pending, answer: message.content ?? "" });
      pending = undefined;
    }
  }
  return { question: last.content, history };
}

/** A chat.completion response carrying CAM's final text, with CAM's decision in an extra `cam` field. */
export function toOpenAiCompletion(answer: AgentAnswer, question: string) {
  const promptTokens = estimateTokens(question);
  const completionTokens = estimateTokens(answer.text);
  return {
    id: `chatcmpl-${answer.exchangeId}`,
    object: "chat.completion" as const,
    created: Math.floor(Date.parse(answer.createdAt) / 1000),
    model: answer.scenario.id,
    choices: [{ index: 0, message: { role: "assistant" as const, content: answer.text }, finish_reason: "stop", logprobs: null }],
    /** Estimates (about 6 characters per token): CAM does not see every provider's token counts. */
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    cam: {
      exchange_id: answer.exchangeId,
      action: answer.action,
      withheld: answer.withheld,
      needs_review: answer.needsReview,
      findings: answer.findings.map((finding) => ({ rule_id: finding.ruleId, severity: finding.severity, message: finding.message, clauses: finding.clauses })),
      citations: answer.citations.map((citation) => ({ rank: citation.rank, label: citation.label, source_title: citation.sourceTitle, score: citation.score, cited: citation.cited })),
      scenario: answer.scenario,
      latency_ms: answer.latency,
      judges_pending: answer.judges.pending,
    },
  };
}
