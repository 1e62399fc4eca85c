import { z } from "zod";

// The playground's contracts: listing and reading one's own conversations, and
// the scenarios one can ask. The same shapes describe a turn whether it was
// just streamed from POST /api/chat/stream or read back from the database, so
// the chat view renders both alike. Client-safe.

/** Conversations per page unless the caller asks for another size. */
export const DEFAULT_CONVERSATION_PAGE = 20;

export const listConversationsQuerySchema = z.object({
  /** Opaque position from the previous page's `nextCursor`. */
  cursor: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(100, { error: "must be at most 100" })
    .default(DEFAULT_CONVERSATION_PAGE),
});

export type ListConversationsQuery = z.infer<typeof listConversationsQuerySchema>;

const action = z.enum(["allow", "warn", "block"]);

export const conversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Questions asked in it so far. */
  turns: z.int(),
});

export const conversationPageSchema = z.object({
  conversations: z.array(conversationSummarySchema),
  nextCursor: z.string().nullable(),
});

/** A rule that fired, without its evidence: evidence can quote an answer that was withheld. */
export const turnFindingSchema = z.strictObject({
  ruleId: z.string(),
  ruleVersion: z.int(),
  severity: z.enum(["block", "warn", "info"]),
  message: z.string(),
  clauses: z.array(z.string()),
});

/** A passage retrieved for the question; `rank` is the n of "see [n]". */
export const turnCitationSchema = z.object({
  rank: z.int(),
  chunkId: z.string(),
  sourceTitle: z.string(),
  label: z.string(),
  /** Similarity in [0, 1]. */
  score: z.number(),
  text: z.string(),
  /** Known for answers just given; the audit record does not keep pages. */
  pageStart: z.int().nullable(),
  pageEnd: z.int().nullable(),
  /** Whether the answer cites it. */
  cited: z.boolean(),
});

export const judgeScoreViewSchema = z.object({
  judgeId: z.string(),
  judgeModel: z.string(),
  status: z.enum(["scored", "unscored"]),
  helpfulness: z.number().nullable(),
  compliance: z.number().nullable(),
  verdict: action.nullable(),
  reasoning: z.string().nullable(),
  /** Why an unscored judge could not score. */
  error: z.string().nullable(),
  latencyMs: z.int().nullable(),
  createdAt: z.iso.datetime(),
});

/** What GET /api/exchanges/<id>/judge-scores returns. */
export const judgeScoresSchema = z.object({
  pending: z.array(z.string()),
  scores: z.array(judgeScoreViewSchema),
});

export const turnLatencySchema = z.object({
  retrievalMs: z.number(),
  generationMs: z.number(),
  checkingMs: z.number(),
  auditMs: z.number(),
  totalMs: z.number(),
});

export const conversationTurnSchema = z.object({
  exchangeId: z.string(),
  /** Position in the conversation, from 0. */
  turn: z.int(),
  createdAt: z.iso.datetime(),
  question: z.string(),
  scenario: z.object({ id: z.string(), name: z.string().nullable(), model: z.string(), retrieval: z.boolean() }),
  action,
  /** The final text the clinician sees: never the model's raw answer when it was withheld. */
  text: z.string(),
  withheld: z.boolean(),
  needsReview: z.boolean(),
  /** Set when the question failed before it was answered; `text` then says what went wrong. */
  error: z.string().nullable(),
  findings: z.array(turnFindingSchema),
  citations: z.array(turnCitationSchema),
  latency: turnLatencySchema,
  judges: judgeScoresSchema,
});

export const conversationDetailSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  turns: z.array(conversationTurnSchema),
});

export type ConversationSummary = z.infer<typeof conversationSummarySchema>;
export type ConversationPage = z.infer<typeof conversationPageSchema>;
export type TurnFinding = z.infer<typeof turnFindingSchema>;
export type TurnCitation = z.infer<typeof turnCitationSchema>;
export type JudgeScoreView = z.infer<typeof judgeScoreViewSchema>;
export type JudgeScores = z.infer<typeof judgeScoresSchema>;
export type TurnLatency = z.infer<typeof turnLatencySchema>;
export type ConversationTurn = z.infer<typeof conversationTurnSchema>;
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;

export const modelServerSchema = z.object({
  name: z.enum(["ollama", "openai", "gemini"]),
  /** "up" and "configured" (Gemini is never probed) can take questions; "checking" is the first probe still running. */
  status: z.enum(["up", "down", "checking", "configured", "not_configured"]),
  endpoint: z.string().nullable(),
  /** What is wrong and what to do, when the server cannot take questions. */
  problem: z.string().nullable(),
});

export const scenarioAvailabilitySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  model: z.string(),
  retrieval: z.boolean(),
  server: modelServerSchema,
});

export const scenarioListSchema = z.object({
  scenarios: z.array(scenarioAvailabilitySchema),
  store: z.object({ status: z.enum(["ready", "missing", "invalid"]), problem: z.string().nullable() }),
  checkedAt: z.iso.datetime(),
});

export type ModelServer = z.infer<typeof modelServerSchema>;
export type ScenarioAvailability = z.infer<typeof scenarioAvailabilitySchema>;
export type ScenarioList = z.infer<typeof scenarioListSchema>;
