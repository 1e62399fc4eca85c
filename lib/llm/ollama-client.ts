import "server-only";
import { Ollama, type Options } from "ollama";
import { z } from "zod";
import { displayEndpoint } from "@/lib/health/check-model-backends";
import { type AttemptFailure, classifyCommonFailure, kindForStatus, parseReply, parseRetryAfterMs, unrecognisedFailure } from "@/lib/llm/classify-failure";
import { explainModelFailure } from "@/lib/llm/explain-model-failure";
import { formatGeneratePrompt } from "@/lib/llm/format-generate-prompt";
import { type RetryPolicy, withRetries } from "@/lib/llm/with-retries";
import type { GenerateRequest, GenerationOptions, ModelClient } from "@/lib/llm/types";

// Ollama through the official `ollama` package, on /api/chat (default) or
// /api/generate. The package sends non-streaming requests without a signal and
// drops response headers from its errors, so each attempt gets its own client
// whose fetch carries the attempt's signal and remembers the headers (for
// Retry-After from a proxy or ollama.com).

const replyCounts = { prompt_eval_count: z.number().optional(), eval_count: z.number().optional(), done_reason: z.string().optional() };
const chatReplySchema = z.object({ model: z.string(), message: z.object({ content: z.string() }), ...replyCounts });
const generateReplySchema = z.object({ model: z.string(), response: z.string(), ...replyCounts });
const tagsSchema = z.object({ models: z.array(z.object({ name: z.string() })) });

/** Ollama's names for the options that are set; undefined when none are. */
function ollamaOptions(options: GenerationOptions = {}): Partial<Options> | undefined {
  const mapped = { temperature: options.temperature, num_ctx: options.contextTokens, num_predict: options.maxTokens, seed: options.seed };
  const set = Object.entries(mapped).filter(([, value]) => value !== undefined);
  return set.length > 0 ? (Object.fromEntries(set) as Partial<Options>) : undefined;
}


/** The package's ResponseError (not exported) carries only the status and Ollama's `error` text. */
function classifyOllamaError(error: unknown, headers: Headers | undefined): AttemptFailure {
  const status = (error as { status_code?: unknown }).status_code;
  if (error instanceof Error && error.name === "ResponseError" && typeof status === "number") {
    return { kind: kindForStatus(status), status, detail: error.message, retryAfterMs: parseRetryAfterMs(headers?.get("retry-after")), cause: error };
  }
  return classifyCommonFailure(error) ?? unrecognisedFailure(error);
}

/** A ModelClient for an Ollama server. */
export function createOllamaClient(options: { host: string; apiKey?: string; api: "chat" | "generate"; policy: RetryPolicy }): ModelClient {
  const endpoint = displayEndpoint(options.host);
  const headers = options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : undefined;

  async function send<T>(model: string | undefined, signal: AbortSignal | undefined, call: (client: Ollama) => Promise<T>) {
    let responseHeaders: Headers | undefined;
    return withRetries({
      policy: options.policy,
      signal,
      attempt: (attemptSignal) => {
        responseHeaders = undefined;
        const client = new Ollama({
          host: options.host,
          headers,
          fetch: async (input, init) => {
            const response = await fetch(input, { ...init, signal: attemptSignal });
            responseHeaders = response.headers;
            return response;
          },
        });
        return call(client);
      },
      classify: (error) => classifyOllamaError(error, responseHeaders),
      fail: (failure, attempts) =>
        explainModelFailure({ provider: "ollama", endpoint, model, apiKey: options.apiKey, timeoutMs: options.policy.timeoutMs }, failure, attempts),
    });
  }

  return {
    provider: "ollama",
    endpoint,
    async generate(request: GenerateRequest) {
      const started = performance.now();
      const shared = { model: request.model, stream: false as const, options: ollamaOptions(request.options), format: request.options?.json ? "json" : undefined };
      const { value: reply, attempts } = await send(request.model, request.signal, async (client) => {
        if (options.api === "generate") {
          const body = await client.generate({ ...shared, ...formatGeneratePrompt(request.messages) });
          const parsed = parseReply(generateReplySchema, body, "the /api/generate reply");
          return { ...parsed, text: parsed.response };
        }
        const body = await client.chat({ ...shared, messages: request.messages });
        const parsed = parseReply(chatReplySchema, body, "the /api/chat reply");
        return { ...parsed, text: parsed.message.content };
      });
      return {
        text: reply.text,
        model: reply.model,
        latencyMs: Math.round(performance.now() - started),
        attempts,
        promptTokens: reply.prompt_eval_count,
        completionTokens: reply.eval_count,
        finishReason: reply.done_reason,
      };
    },
    async listModels() {
      const { value } = await send(undefined, undefined, async (client) => parseReply(tagsSchema, await client.list(), "the /api/tags reply"));
      return value.models.map((model) => model.name);
    },
  };
}
