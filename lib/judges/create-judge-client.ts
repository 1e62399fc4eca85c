import "server-only";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { JudgeConfig } from "@/lib/judges/judge-config";
import { createModelClient, type ModelClientConfig, modelClientConfigFromEnv } from "@/lib/llm/create-model-client";
import type { ModelClient } from "@/lib/llm/types";

// The model client a judge scores with, on the server the environment
// configures for its provider. A judge whose server is not configured (no
// GEMINI_API_KEY, no OPENAI_BASE_URL) or that is switched off is disabled with
// the reason, never an error: CAM answers questions without judges.

/** Per-attempt timeout and back-off, for tests and callers with their own deadlines. */
export type JudgeClientOverrides = { timeoutMs?: number; retryBaseDelayMs?: number };

/** One retry inside the client (for a dropped connection or a 429's Retry-After); runJudge makes its own attempts around it. */
const CLIENT_RETRIES = 1;

/** A client for the judge's model, or `{ disabled }` saying which setting to change. */
export function createJudgeClient(judge: JudgeConfig, env: Env, overrides: JudgeClientOverrides = {}): ModelClient | { disabled: string } {
  if (!judge.enabled) return { disabled: `The "${judge.id}" judge is switched off in the settings.` };
  let config: ModelClientConfig;
  try {
    config = modelClientConfigFromEnv(judge.provider, env);
  } catch (error) {
    // modelClientConfigFromEnv names the missing setting in its message.
    if (error instanceof AppError && error.code === "service_unavailable") return { disabled: error.message };
    throw error;
  }
  const settings = { retries: CLIENT_RETRIES, ...overrides };
  return createModelClient(config.provider === "ollama" ? { ...config, api: judge.ollamaApi, ...settings } : { ...config, ...settings });
}
