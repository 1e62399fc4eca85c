import type { z } from "zod";
import { settingField } from "@/lib/config/settings-fields";
import { type Settings, settingsSchema } from "@/lib/schemas/settings";

// The thresholds form: text fields as typed, turned into settings values with
// the settings schema itself, and each complaint of the schema turned into a
// plain message on the field it concerns. Settings the form does not show
// (model names, the judge list) are carried over unchanged. Pure.

export const settingsFormFields = {
  minSimilarity: "retrieval.minSimilarity",
  topK: "retrieval.topK",
  contextBudgetTokens: "retrieval.contextBudgetTokens",
  allowAtLeast: "judges.allowAtLeast",
  warnAtLeast: "judges.warnAtLeast",
  disclaimer: "answer.disclaimer",
  withheldMessage: "answer.withheldMessage",
  noSourcesMessage: "answer.noSourcesMessage",
  cues: "crisis.cues",
  resources: "crisis.resources",
  maxQuestionChars: "limits.maxQuestionChars",
  maxConversationTurns: "limits.maxConversationTurns",
  chatRequestsPerMinute: "limits.chatRequestsPerMinute",
} as const;

export type SettingsFormField = keyof typeof settingsFormFields;
export type SettingsForm = Record<SettingsFormField, string> & { judgeConsoleAnswers: boolean };
export type SettingsFormErrors = Partial<Record<SettingsFormField, string>>;

const NUMBER_FIELDS: SettingsFormField[] = [
  "minSimilarity",
  "topK",
  "contextBudgetTokens",
  "allowAtLeast",
  "warnAtLeast",
  "maxQuestionChars",
  "maxConversationTurns",
  "chatRequestsPerMinute",
];

/** A field's label, from the one table of setting labels. */
export const fieldLabel = (field: SettingsFormField) => settingField(settingsFormFields[field]).label;

/** The form showing these values. */
export function settingsToForm(values: Settings): SettingsForm {
  return {
    minSimilarity: String(values.retrieval.minSimilarity),
    topK: String(values.retrieval.topK),
    contextBudgetTokens: String(values.retrieval.contextBudgetTokens),
    allowAtLeast: String(values.judges.allowAtLeast),
    warnAtLeast: String(values.judges.warnAtLeast),
    judgeConsoleAnswers: values.judges.judgeConsoleAnswers,
    disclaimer: values.answer.disclaimer,
    withheldMessage: values.answer.withheldMessage,
    noSourcesMessage: values.answer.noSourcesMessage,
    cues: values.crisis.cues.join("\n"),
    resources: values.crisis.resources,
    maxQuestionChars: String(values.limits.maxQuestionChars),
    maxConversationTurns: String(values.limits.maxConversationTurns),
    chatRequestsPerMinute: String(values.limits.chatRequestsPerMinute),
  };
}

const formatNumber = (value: unknown) => (typeof value === "number" || typeof value === "bigint" ? value.toLocaleString("en-AU") : String(value));

/** Plain words for one complaint of the settings schema. */
export function describeSettingsIssue(issue: z.core.$ZodIssue, cues: string[] = []): string {
  const cue = issue.path[0] === "crisis" && issue.path[1] === "cues" && typeof issue.path[2] === "number" ? cues[issue.path[2]] : undefined;
  const prefix = cue === undefined ? "" : `the cue "${cue}" `;
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "int" ? "must be a whole number" : issue.expected === "number" ? "must be a number" : `is not valid (${issue.message})`;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "is required" : `${prefix}must be at least ${issue.minimum} characters`;
      if (issue.origin === "array") return `needs at least ${issue.minimum} entries`;
      return `must be at least ${formatNumber(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "string") return `${prefix}must be at most ${formatNumber(issue.maximum)} characters`;
      if (issue.origin === "array") return `may list at most ${formatNumber(issue.maximum)} entries`;
      return `must be at most ${formatNumber(issue.maximum)}`;
    case "custom":
      // The schema's sentence names the field itself; on the form the label already does.
      return issue.path.join(".") === "judges.warnAtLeast" ? "must not be above the allow cut-off" : issue.message;
    default:
      return issue.message;
  }
}

const fieldAt = (path: PropertyKey[]) =>
  (Object.keys(settingsFormFields) as SettingsFormField[]).find((field) => settingsFormFields[field] === path.slice(0, 2).join("."));

/** The settings the form describes (on top of `base`), or a message per field that is wrong. */
export function formToSettings(form: SettingsForm, base: Settings): { values?: Settings; errors: SettingsFormErrors } {
  const errors: SettingsFormErrors = {};
  const number = (field: SettingsFormField) => {
    const text = form[field].trim();
    if (text === "") errors[field] = "is required";
    return text === "" ? Number.NaN : Number(text);
  };
  const [minSimilarity, topK, contextBudgetTokens, allowAtLeast, warnAtLeast, maxQuestionChars, maxConversationTurns, chatRequestsPerMinute] =
    NUMBER_FIELDS.map(number);
  const cues = form.cues.split("\n").map((cue) => cue.trim()).filter(Boolean);
  const candidate = {
    ...base,
    retrieval: { ...base.retrieval, minSimilarity, topK, contextBudgetTokens },
    judges: { ...base.judges, allowAtLeast, warnAtLeast, judgeConsoleAnswers: form.judgeConsoleAnswers },
    answer: { disclaimer: form.disclaimer.trim(), withheldMessage: form.withheldMessage.trim(), noSourcesMessage: form.noSourcesMessage.trim() },
    crisis: { cues, resources: form.resources.trim() },
    limits: { maxQuestionChars, maxConversationTurns, chatRequestsPerMinute },
  };
  const parsed = settingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldAt(issue.path);
      if (field) errors[field] ??= describeSettingsIssue(issue, cues);
    }
  }
  return parsed.success && Object.keys(errors).length === 0 ? { values: parsed.data, errors } : { errors };
}
