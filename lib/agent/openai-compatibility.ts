import type { AgentAnswer } from "@/lib/agent/answer-question";
import type { PriorTurn } from "@/lib/agent/build-prompt";
import { AppError } from "@/lib/errors";
import { estimateTokens } from "@/lib/retrieval/fit-context-budget";
import type { OpenAiChatBody } from "@/lib/schemas/openai-chat";

// Translation between OpenAI's chat-completions format and CAM's agent, so any
// OpenAI SDK can route questions through CAM. Pure.

/** The question (the last user message) and the earlier user/assistant turns. System messages are ignored: CAM writes its own. */
export function fromOpenAiMessages(body: OpenAiChatBody): { question: string; history: PriorTurn[] } {
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

/** Estimates (about 6 characters per token): CAM does not see every provider's token counts. */
function usageOf(answer: AgentAnswer, question: string) {
  const promptTokens = estimateTokens(question);
  const completionTokens = estimateTokens(answer.text);
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

/** CAM's decision about an answer, sent beside OpenAI's fields. */
function camFields(answer: AgentAnswer) {
  return {
    exchange_id: answer.exchangeId,
    action: answer.action,
    withheld: answer.withheld,
    needs_review: answer.needsReview,
    findings: answer.findings.map((finding) => ({ rule_id: finding.ruleId, severity: finding.severity, message: finding.message, clauses: finding.clauses })),
    citations: answer.citations.map((citation) => ({ rank: citation.rank, label: citation.label, source_title: citation.sourceTitle, score: citation.score, cited: citation.cited })),
    scenario: answer.scenario,
    latency_ms: answer.latency,
    judges_pending: answer.judges.pending,
  };
}

/**
 * The same answer as chat.completion.chunk objects, for `stream: true`. CAM
 * checks the whole answer before anyone sees it, so the text arrives in one
 * chunk once it is decided; the last chunk carries CAM's decision, and usage
 * follows when the client asked for it (`stream_options.include_usage`).
 */
export function toOpenAiChunks(answer: AgentAnswer, question: string, options: { includeUsage: boolean }) {
  const head = { id: `chatcmpl-${answer.exchangeId}`, object: "chat.completion.chunk" as const, created: Math.floor(Date.parse(answer.createdAt) / 1000), model: answer.scenario.id };
  const chunks: object[] = [
    { ...head, choices: [{ index: 0, delta: { role: "assistant" as const, content: answer.text }, logprobs: null, finish_reason: null }] },
    { ...head, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }], cam: camFields(answer) },
  ];
  if (options.includeUsage) chunks.push({ ...head, choices: [], usage: usageOf(answer, question) });
  return chunks;
}

/** A chat.completion response carrying CAM's final text, with CAM's decision in an extra `cam` field. */
export function toOpenAiCompletion(answer: AgentAnswer, question: string) {
  return {
    id: `chatcmpl-${answer.exchangeId}`,
    object: "chat.completion" as const,
    created: Math.floor(Date.parse(answer.createdAt) / 1000),
    model: answer.scenario.id,
    choices: [{ index: 0, message: { role: "assistant" as const, content: answer.text }, finish_reason: "stop", logprobs: null }],
    usage: usageOf(answer, question),
    cam: camFields(answer),
  };
}
