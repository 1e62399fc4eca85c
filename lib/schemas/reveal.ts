import { z } from "zod";

// Contracts for revealing the original (unredacted) text of an exchange, and
// for the admins' list of reveals. Client-safe.

export const revealBodySchema = z.object({
  reason: z
    .string()
    .trim()
    .min(10, { error: "say why you need the original text, in at least 10 characters" })
    .max(500, { error: "must be at most 500 characters" }),
});

export type RevealBody = z.infer<typeof revealBodySchema>;

export const revealListQuerySchema = z.object({
  user: z.preprocess((value) => (value === "" ? undefined : value), z.string().trim().max(64).optional()),
  cursor: z.preprocess((value) => (value === "" ? undefined : value), z.string().trim().max(64).optional()),
});

/** What a reveal shows: every text of the exchange as it was stored. */
export type RevealedExchange = {
  revealEventId: string;
  question: string;
  prompt: string | null;
  rawAnswer: string | null;
  finalAnswer: string;
  findings: { id: string; ruleId: string; evidence: string | null }[];
  judgeReasoning: { id: string; judgeId: string; reasoning: string | null }[];
};
