import { z } from "zod";

// The chat request contract, shared by the playground form and POST /api/chat.

/** Absolute ceiling on a question's length; the settings set the working limit below it. */
export const MAX_QUESTION_CHARS = 100_000;

export const chatBodySchema = z.object({
  question: z
    .string({ error: "is required" })
    .trim()
    .min(1, { error: "is empty; type a question" })
    .max(MAX_QUESTION_CHARS, { error: `must be at most ${MAX_QUESTION_CHARS.toLocaleString("en-AU")} characters` }),
  scenarioId: z.string().trim().min(1).max(32).optional(),
  conversationId: z.string().trim().min(1).max(64).optional(),
});

export type ChatBody = z.infer<typeof chatBodySchema>;

/** Largest chat request body: the longest question (up to 4 bytes per character in UTF-8) plus room for the other fields. */
export const CHAT_BODY_LIMIT_BYTES = MAX_QUESTION_CHARS * 4 + 4_096;
