import { z } from "zod";

// Which models judge CAM's answers, and how hard each may be asked. Client-safe:
// the settings schema and the admin form share it.

/** One judge: a model on one of CAM's model servers, with its own request rate. */
export const judgeConfigSchema = z.object({
  /** Stored with every score; short and URL-safe so it can name a judge in routes and reports. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, {
    error: "must be 1 to 32 lower-case letters, digits or hyphens, starting with a letter or digit (e.g. medgemma)",
  }),
  provider: z.enum(["ollama", "openai", "gemini"]),
  model: z.string().min(1).max(200),
  /** Ollama only: which endpoint; MedGemma judges traditionally use generate. */
  ollamaApi: z.enum(["chat", "generate"]).default("generate"),
  enabled: z.boolean().default(true),
  /** Throttle: at most this many requests per minute to this judge. */
  requestsPerMinute: z.int().min(1).max(10_000).default(30),
});

/** A judge with every default filled in. */
export type JudgeConfig = z.infer<typeof judgeConfigSchema>;

/** Judges are looked up by id, so a list may not name one twice; 20 is far more than anyone runs. */
export const judgeListSchema = z
  .array(judgeConfigSchema)
  .max(20)
  .refine((judges) => new Set(judges.map((judge) => judge.id)).size === judges.length, {
    error: "each judge needs its own id",
  });

/** MedGemma on the local Ollama (nothing leaves the machine) and Gemini (used only when GEMINI_API_KEY is set). */
export const defaultJudges: JudgeConfig[] = [
  { id: "medgemma", provider: "ollama", model: "medgemma:4b", ollamaApi: "generate" },
  { id: "gemini", provider: "gemini", model: "gemini-2.5-flash" },
].map((judge) => judgeConfigSchema.parse(judge));
