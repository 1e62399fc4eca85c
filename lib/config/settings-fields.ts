import type { Settings } from "@/lib/schemas/settings";

// Every setting an admin can see, by its path in the settings values: its
// label, and how a what-if preview can replay a change to it. Shared by the
// settings form, the settings diff and the preview. Pure and client-safe.

/**
 * replayed: the checks use it, so stored answers are re-checked with it;
 * approximated: it shapes retrieval, so stored passages are filtered with it;
 * judges: judge verdicts are recomputed from stored judge scores;
 * not-replayed: it changes how new questions are handled or what is shown, not decisions.
 */
export type ReplayKind = "replayed" | "approximated" | "judges" | "not-replayed";

export type SettingField = { path: string; label: string; replay: ReplayKind };

export const settingFields: SettingField[] = [
  { path: "retrieval.minSimilarity", label: "Minimum similarity", replay: "approximated" },
  { path: "retrieval.topK", label: "Passages per question (top-k)", replay: "approximated" },
  { path: "retrieval.contextBudgetTokens", label: "Context budget (tokens)", replay: "not-replayed" },
  { path: "judges.allowAtLeast", label: "Judge allows at or above", replay: "judges" },
  { path: "judges.warnAtLeast", label: "Judge warns at or above", replay: "judges" },
  { path: "judges.judgeConsoleAnswers", label: "Judge console answers", replay: "not-replayed" },
  { path: "judges.models", label: "Judge models", replay: "not-replayed" },
  { path: "answer.disclaimer", label: "Disclaimer", replay: "replayed" },
  { path: "answer.withheldMessage", label: "Withheld-answer text", replay: "not-replayed" },
  { path: "answer.noSourcesMessage", label: "No-sources text", replay: "replayed" },
  { path: "crisis.cues", label: "Crisis cues", replay: "not-replayed" },
  { path: "crisis.resources", label: "Crisis resources text", replay: "not-replayed" },
  { path: "limits.maxQuestionChars", label: "Longest question (characters)", replay: "not-replayed" },
  { path: "limits.maxConversationTurns", label: "Questions per conversation", replay: "not-replayed" },
  { path: "limits.chatRequestsPerMinute", label: "Questions per person per minute", replay: "not-replayed" },
  { path: "models.general", label: "General model", replay: "not-replayed" },
  { path: "models.medgemma4b", label: "MedGemma 4B model", replay: "not-replayed" },
  { path: "models.medgemma27b", label: "MedGemma 27B model", replay: "not-replayed" },
];

const byPath = new Map(settingFields.map((field) => [field.path, field]));

/** The field at a path; settings added later without a label here fall back to their path. */
export const settingField = (path: string): SettingField => byPath.get(path) ?? { path, label: path, replay: "not-replayed" };

/** The value at a dotted path, e.g. "retrieval.topK". */
export function settingValue(settings: Settings, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), settings);
}
