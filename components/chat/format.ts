import type { AgentStage } from "@/lib/agent/answer-question";
import type { ConversationTurn, TurnCitation } from "@/lib/schemas/conversations";

// Words and numbers the playground shows, in one place.

/** A duration: milliseconds below a second, else seconds with one decimal. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A similarity in [0, 1] as a whole percentage. */
export const formatScore = (score: number) => `${Math.round(score * 100)}%`;

/** "p. 4", "pp. 4–6", or null when the pages are not known. */
export function formatPages(citation: Pick<TurnCitation, "pageStart" | "pageEnd">): string | null {
  const { pageStart, pageEnd } = citation;
  if (pageStart === null) return null;
  return pageEnd === null || pageEnd === pageStart ? `p. ${pageStart}` : `pp. ${pageStart}–${pageEnd}`;
}

/** What each pipeline stage is doing, as the waiting indicator says it. */
export const stageLabels: Record<AgentStage, string> = {
  retrieving: "Retrieving passages",
  generating: "Asking the model",
  checking: "Checking the answer",
  recording: "Recording the exchange",
};

/** The stages a question passes through, in order; scenarios without retrieval skip the first. */
export const stagesFor = (retrieval: boolean): AgentStage[] =>
  retrieval ? ["retrieving", "generating", "checking", "recording"] : ["generating", "checking", "recording"];

/** CAM's decision in words; the badge shows colour and icon beside them. */
export const actionLabels: Record<ConversationTurn["action"], string> = {
  allow: "Allowed",
  warn: "Warned",
  block: "Blocked",
};

/** A title for a conversation that has just started, until the server's arrives (the same rule as the server's). */
export function provisionalTitle(question: string): string {
  const title = question.replace(/\s+/g, " ").trim();
  return title.length > 80 ? `${title.slice(0, 77)}…` : title;
}
