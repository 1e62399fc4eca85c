import { z } from "zod";
import { ModelProvider } from "@/lib/generated/sqlite/enums";

// A scenario: which model answers, whether retrieval grounds it, and how it
// generates. Shared by the admin editor, the API and the seed.

export const scenarioOptionsSchema = z.object({
  temperature: z.number().min(0).max(2).default(0.2),
  /** The model's context window in tokens; the prompt is trimmed to fit it. */
  contextTokens: z.int().min(512).max(2_000_000).default(8192),
  /** Longest answer in tokens. */
  maxTokens: z.int().min(16).max(32_768).default(768),
  /** Fixed seed for repeatable answers; absent for the model's own randomness. */
  seed: z.int().min(0).max(2 ** 31 - 1).optional(),
  /** Ollama only: its chat endpoint (default) or its generate endpoint. */
  ollamaApi: z.enum(["chat", "generate"]).default("chat"),
});

export const scenarioSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][\w-]{0,31}$/, { error: "must be 1-32 letters, digits, hyphens or underscores" }),
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).default(""),
  provider: z.enum(ModelProvider),
  model: z.string().trim().min(1).max(200),
  retrieval: z.boolean(),
  options: scenarioOptionsSchema.prefault({}),
  enabled: z.boolean().default(true),
  sortOrder: z.int().default(0),
});

export type ScenarioOptions = z.infer<typeof scenarioOptionsSchema>;
export type ScenarioDefinition = z.infer<typeof scenarioSchema>;
