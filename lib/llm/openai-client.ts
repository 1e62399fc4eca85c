import "server-only";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { z } from "zod";
import { displayEndpoint } from "@/lib/health/check-model-backends";
import { type AttemptFailure, classifyCommonFailure, kindForStatus, parseReply, parseRetryAfterMs, unrecognisedFailure } from "@/lib/llm/classify-failure";
import { explainModelFailure } from "@/lib/llm/explain-model-failure";
import { type RetryPolicy, withRetries } from "@/lib/llm/with-retries";
import type { GenerateRequest, ModelClient } from "@/lib/llm/types";

// An OpenAI-compatible server (llama.cpp's llama-server, vLLM) through the
// official `openai` package. The package retries twice and times out after ten
// minutes by default; its retries are turned off so ours are the only ones, and
// its timeout sits just behind ours as a backstop. `max_tokens` is used rather
// than `max_completion_tokens`: both are in the v7 types, but llama.cpp and
// older vLLM releases only honour the former.

/** The package's own timeout trails ours by this much, so ours fires first and is reported the same way for every provider. */
const SDK_TIMEOUT_MARGIN_MS = 1_000;
/** The package insists on a key; servers without one get this, and the Authorization header is then removed. */
const NO_KEY = "no-key";

const completionSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullish() }), finish_reason: z.string().nullish() }))
    .min(1),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullish(),
});
const modelsSchema = z.array(z.object({ id: z.string() }));

/** OpenAI's own retry-after-ms is more precise than the standard Retry-After; either is honoured. */
function retryAfterFrom(headers: Headers | undefined): number | undefined {
  const milliseconds = Number(headers?.get("retry-after-ms") ?? Number.NaN);
  return Number.isFinite(milliseconds) && milliseconds >= 0 ? milliseconds : parseRetryAfterMs(headers?.get("retry-after"));
}

function classifyOpenAiError(error: unknown): AttemptFailure {
  if (error instanceof APIConnectionTimeoutError) return { kind: "timeout", cause: error };
  if (error instanceof APIConnectionError) return classifyCommonFailure(error.cause) ?? { kind: "unreachable", detail: error.message, cause: error };
  if (error instanceof APIError && typeof error.status === "number") {
    const body = error.error as { message?: unknown } | undefined;
    const detail = typeof body?.message === "string" ? body.message : error.message;
    return { kind: kindForStatus(error.status), status: error.status, detail, retryAfterMs: retryAfterFrom(error.headers), cause: error };
  }
  return classifyCommonFailure(error) ?? unrecognisedFailure(error);
}


/** A ModelClient for a server speaking OpenAI's chat completions API; baseUrl ends in /v1. */
export function createOpenAiClient(options: { baseUrl: string; apiKey?: string; policy: RetryPolicy }): ModelClient {
  const endpoint = displayEndpoint(options.baseUrl);
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey ?? NO_KEY,
    // Explicit values, so the package reads none of OPENAI_ORG_ID, OPENAI_PROJECT_ID, OPENAI_ADMIN_KEY or OPENAI_WEBHOOK_SECRET.
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    defaultHeaders: options.apiKey ? undefined : { Authorization: null },
    maxRetries: 0,
    timeout: options.policy.timeoutMs + SDK_TIMEOUT_MARGIN_MS,
    // Failures reach the caller as ModelError; the package's console lines would bypass CAM's JSON log.
    logLevel: "off",
  });

  function send<T>(model: string | undefined, signal: AbortSignal | undefined, call: (signal: AbortSignal) => Promise<T>) {
    return withRetries({
      policy: options.policy,
      signal,
      attempt: call,
      classify: classifyOpenAiError,
      fail: (failure, attempts) =>
        explainModelFailure({ provider: "openai", endpoint, model, apiKey: options.apiKey, timeoutMs: options.policy.timeoutMs }, failure, attempts),
    });
  }

  return {
    provider: "openai",
    endpoint,
    async generate(request: GenerateRequest) {
      const started = performance.now();
      const settings = request.options ?? {};
      const { value: reply, attempts } = await send(request.model, request.signal, async (signal) => {
        const body = await client.chat.completions.create(
          {
            model: request.model,
            messages: request.messages,
            temperature: settings.temperature,
            max_tokens: settings.maxTokens,
            seed: settings.seed,
            response_format: settings.json ? { type: "json_object" } : undefined,
          },
          { signal },
        );
        return parseReply(completionSchema, body, "the chat completion");
      });
      const choice = reply.choices[0];
      return {
        text: choice?.message.content ?? "",
        model: reply.model ?? request.model,
        latencyMs: Math.round(performance.now() - started),
        attempts,
        promptTokens: reply.usage?.prompt_tokens,
        completionTokens: reply.usage?.completion_tokens,
        finishReason: choice?.finish_reason ?? undefined,
      };
    },
    async listModels() {
      const { value } = await send(undefined, undefined, async (signal) => {
        const page = await client.models.list({ signal });
        return parseReply(modelsSchema, page.data, "the /models reply");
      });
      return value.map((model) => model.id);
    },
  };
}
