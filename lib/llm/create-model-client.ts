import "server-only";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createGeminiClient, DEFAULT_GEMINI_BASE_URL } from "@/lib/llm/gemini-client";
import { createOllamaClient } from "@/lib/llm/ollama-client";
import { createOpenAiClient } from "@/lib/llm/openai-client";
import type { ModelClient, ModelProviderName } from "@/lib/llm/types";
import { resolveRetryPolicy } from "@/lib/llm/with-retries";

// The one place a provider is chosen. Each attempt may take timeoutMs
// (default 120 s) and is retried `retries` times (default 2) on failures
// another try can fix; retryBaseDelayMs (default 500 ms) lets tests back off quickly.

type RetrySettings = { timeoutMs?: number; retries?: number; retryBaseDelayMs?: number };

/** Which model server to talk to, and how. */
export type ModelClientConfig =
  | ({ provider: "ollama"; host: string; apiKey?: string; api?: "chat" | "generate" } & RetrySettings)
  | ({ provider: "openai"; baseUrl: string; apiKey?: string } & RetrySettings)
  | ({ provider: "gemini"; apiKey: string; baseUrl?: string } & RetrySettings);

/** A client for the configured provider. */
export function createModelClient(config: ModelClientConfig): ModelClient {
  const policy = resolveRetryPolicy(config);
  switch (config.provider) {
    case "ollama":
      return createOllamaClient({ host: config.host, apiKey: config.apiKey, api: config.api ?? "chat", policy });
    case "openai":
      return createOpenAiClient({ baseUrl: config.baseUrl, apiKey: config.apiKey, policy });
    case "gemini":
      return createGeminiClient({ apiKey: config.apiKey, baseUrl: config.baseUrl ?? DEFAULT_GEMINI_BASE_URL, policy });
    default: {
      const unknown: never = config;
      throw new AppError("config_invalid", `Unknown model provider "${(unknown as { provider: string }).provider}"; use ollama, openai or gemini.`);
    }
  }
}

/** The client configuration the environment gives a provider; throws service_unavailable naming the setting when it is not set up. */
export function modelClientConfigFromEnv(provider: ModelProviderName, env: Env): ModelClientConfig {
  switch (provider) {
    case "ollama":
      return { provider, host: env.OLLAMA_HOST, apiKey: env.OLLAMA_API_KEY };
    case "openai":
      if (!env.OPENAI_BASE_URL) {
        throw new AppError(
          "service_unavailable",
          "No OpenAI-compatible server is configured. Set OPENAI_BASE_URL to its address ending in /v1 (e.g. http://127.0.0.1:8080/v1), and OPENAI_API_KEY if it wants a key.",
        );
      }
      return { provider, baseUrl: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY };
    case "gemini":
      if (!env.GEMINI_API_KEY) {
        throw new AppError("service_unavailable", "Gemini is not configured. Set GEMINI_API_KEY to an API key from Google AI Studio.");
      }
      return { provider, apiKey: env.GEMINI_API_KEY, baseUrl: env.GEMINI_BASE_URL };
  }
}
