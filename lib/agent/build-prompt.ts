import type { ChatMessage } from "@/lib/llm/types";
import { estimateTokens, fitContextBudget } from "@/lib/retrieval/fit-context-budget";
import type { RetrievalHit } from "@/lib/retrieval/search-loaded-store";

// The prompt CAM sends a model: instructions, numbered sources (for retrieval
// scenarios), earlier turns of the conversation, and the question. Everything
// must fit the model's context window with room left for the answer; sources
// outrank history, and the lowest-ranked of each are dropped first. Pure.

export type PriorTurn = { question: string; answer: string };

export type BuiltPrompt = {
  messages: ChatMessage[];
  /** The passages the prompt numbers [1]..[n], in that order. */
  passages: RetrievalHit[];
  droppedPassages: number;
  turnsIncluded: number;
  /** The whole prompt as one text, for the audit record. */
  text: string;
};

/** Share of the room left after the question and answer that earlier turns may use. */
const HISTORY_SHARE = 0.3;

function groundedInstructions(disclaimer: string): string {
  return [
    "You are CAM, a careful assistant for clinicians and health services in Australia.",
    "Answer the question using only the numbered sources below, which are extracts from health regulations, codes of conduct and standards.",
    "",
    "Follow these rules:",
    "1. Ground every statement in the sources. Put a citation such as (see [2]) after each claim.",
    "2. Prefer Australian sources. Use international codes only where no Australian source covers the point, and say that they are international.",
    '3. Refer to a clause (for example "APP 6.2(b)" or "s 150") only when that exact clause appears in the sources. Never invent clause numbers.',
    "4. If the sources do not answer the question, say so plainly and suggest who could help (the treating practitioner, a supervisor, a privacy officer or the relevant Board). Do not guess.",
    "5. Do not tell anyone to start, stop or change a medication, do not give doses, and do not diagnose; advise talking to the treating practitioner.",
    "6. If the question suggests someone may be at risk of harm, say first that they should contact emergency services (000) or Lifeline (13 11 14).",
    "7. Write plain English in short paragraphs.",
    `8. End the answer with this sentence: "${disclaimer}"`,
  ].join("\n");
}

function ungroundedInstructions(disclaimer: string): string {
  return [
    "You are CAM, a careful assistant for clinicians and health services in Australia.",
    "Answer the question from your knowledge of Australian health regulation and professional codes of conduct.",
    "",
    "Follow these rules:",
    "1. Do not cite clause numbers you are not sure of. If you are unsure, say so and suggest who could help (a supervisor, a privacy officer or the relevant Board).",
    "2. Do not tell anyone to start, stop or change a medication, do not give doses, and do not diagnose; advise talking to the treating practitioner.",
    "3. If the question suggests someone may be at risk of harm, say first that they should contact emergency services (000) or Lifeline (13 11 14).",
    "4. Write plain English in short paragraphs.",
    `5. End the answer with this sentence: "${disclaimer}"`,
  ].join("\n");
}

/** One numbered source as the prompt shows it. */
export function formatSource(rank: number, passage: RetrievalHit): string {
  const region = passage.region === "AU" ? "Australian" : passage.region === "international" ? "international" : "source";
  return `[${rank}] ${passage.label} (${region})\n${passage.text}`;
}

/** Earlier turns, newest first, that fit in `budget` tokens; returned oldest first. */
function recentTurns(turns: PriorTurn[], budget: number): PriorTurn[] {
  const kept: PriorTurn[] = [];
  let remaining = budget;
  for (const turn of [...turns].reverse()) {
    const cost = estimateTokens(turn.question) + estimateTokens(turn.answer);
    if (cost > remaining) break;
    kept.unshift(turn);
    remaining -= cost;
  }
  return kept;
}

/** Builds the messages for a question; see the module comment. */
export function buildPrompt(options: {
  question: string;
  retrieval: boolean;
  hits: RetrievalHit[];
  history: PriorTurn[];
  disclaimer: string;
  contextTokens: number;
  answerTokens: number;
}): BuiltPrompt {
  const instructions = options.retrieval ? groundedInstructions(options.disclaimer) : ungroundedInstructions(options.disclaimer);
  const fixed = estimateTokens(instructions) + estimateTokens(options.question) + options.answerTokens;
  const room = Math.max(0, options.contextTokens - fixed);
  const turns = recentTurns(options.history, Math.floor(room * HISTORY_SHARE));
  const historyTokens = turns.reduce((sum, turn) => sum + estimateTokens(turn.question) + estimateTokens(turn.answer), 0);
  const withHeadings = options.hits.map((hit, index) => ({ hit, text: formatSource(index + 1, hit) }));
  const { kept, dropped } = fitContextBudget({
    passages: withHeadings,
    contextTokens: options.contextTokens,
    reservedTokens: fixed + historyTokens,
  });
  const passages = kept.map(({ hit }, index) => ({ ...hit, rank: index + 1 }));

  const system = options.retrieval
    ? `${instructions}\n\nSources:\n\n${passages.map((passage, index) => formatSource(index + 1, passage)).join("\n\n")}`
    : instructions;
  const messages: ChatMessage[] = [
    { role: "system", content: system },
    ...turns.flatMap((turn): ChatMessage[] => [
      { role: "user", content: turn.question },
      { role: "assistant", content: turn.answer },
    ]),
    { role: "user", content: options.question },
  ];
  return {
    messages,
    passages,
    droppedPassages: dropped.length,
    turnsIncluded: turns.length,
    text: messages.map((message) => `### ${message.role}\n${message.content}`).join("\n\n"),
  };
}
