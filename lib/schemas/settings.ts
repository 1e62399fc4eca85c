import { z } from "zod";
import { defaultJudges, judgeListSchema } from "@/lib/judges/judge-config";

// Every threshold and text the agent and judges use. A settings version stores
// these values; parsing a stored version fills in defaults for settings added
// since it was saved, so old versions stay readable.

const retrievalSchema = z.object({
  /** Passages retrieved per question. */
  topK: z.int().min(1).max(50).default(12),
  /** Passages scoring below this cosine similarity are dropped. */
  minSimilarity: z.number().min(-1).max(1).default(0.2),
  /** The model's context window in tokens; the prompt is trimmed to fit. */
  contextBudgetTokens: z.int().min(512).max(2_000_000).default(8192),
});

const judgeSchema = z
  .object({
    /** A judge compliance score at or above this means "allow". */
    allowAtLeast: z.number().min(0).max(5).default(4),
    /** At or above this (and below allowAtLeast) means "warn"; below means "block". */
    warnAtLeast: z.number().min(0).max(5).default(2.5),
    /** The judge models; batch runs choose among them, the console uses the enabled ones. */
    models: judgeListSchema.default(defaultJudges),
    /** Whether answers in the console are judged in the background. */
    judgeConsoleAnswers: z.boolean().default(true),
  })
  .refine((judges) => judges.warnAtLeast <= judges.allowAtLeast, {
    error: "the warn cut-off must not be above the allow cut-off",
    path: ["warnAtLeast"],
  });

const answerSchema = z.object({
  disclaimer: z
    .string()
    .min(1)
    .max(1000)
    .default(
      "This is general information drawn from the documents cited, not professional advice. " +
        "Check it against current policy and consult a qualified health professional or your privacy officer.",
    ),
  withheldMessage: z
    .string()
    .min(1)
    .max(1000)
    .default(
      "This answer was withheld because it may be unsafe, and it has been logged for review. " +
        "Please consult a qualified health professional.",
    ),
  noSourcesMessage: z
    .string()
    .min(1)
    .max(1000)
    .default(
      "The regulations and codes in CAM's library do not cover this question. " +
        "Please ask a qualified health professional or your organisation's privacy officer.",
    ),
});

const crisisSchema = z.object({
  /** Phrases in a question that show risk; matched case-insensitively. */
  cues: z
    .array(z.string().min(2).max(100))
    .max(200)
    .default([
      "self-harm",
      "self harm",
      "suicid",
      "kill myself",
      "end my life",
      "hurt myself",
      "overdose",
      "crisis",
      "panic",
      "not feeling like myself",
    ]),
  /** Placed first in an answer to a risky question when the answer lacks it. */
  resources: z
    .string()
    .min(1)
    .max(1000)
    .default(
      "If you or someone else is in immediate danger, call 000. " +
        "Lifeline: 13 11 14 (24 hours). Beyond Blue: 1300 22 4636.",
    ),
});

const modelsSchema = z.object({
  /** Ollama model names used by the default scenarios. */
  general: z.string().min(1).max(200).default("gemma3:4b"),
  medgemma4b: z.string().min(1).max(200).default("medgemma:4b"),
  medgemma27b: z.string().min(1).max(200).default("medgemma:27b"),
});

const limitsSchema = z.object({
  maxQuestionChars: z.int().min(100).max(100_000).default(4000),
  maxConversationTurns: z.int().min(1).max(200).default(20),
  chatRequestsPerMinute: z.int().min(1).max(10_000).default(20),
});

export const settingsSchema = z.object({
  retrieval: retrievalSchema.prefault({}),
  judges: judgeSchema.prefault({}),
  answer: answerSchema.prefault({}),
  crisis: crisisSchema.prefault({}),
  models: modelsSchema.prefault({}),
  limits: limitsSchema.prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;

/** The settings a new installation starts with. */
export const defaultSettings: Settings = settingsSchema.parse({});
