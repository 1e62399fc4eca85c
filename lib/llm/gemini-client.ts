import "server-only";
import { ApiError, type Content, GoogleGenAI } from "@google/genai";
import { z } from "zod";
import { displayEndpoint } from "@/lib/health/check-model-backends";
import { type AttemptFailure, classifyCommonFailure, kindForStatus, parseReply, unrecognisedFailure } from "@/lib/llm/classify-failure";
import { explainModelFailure } from "@/lib/llm/explain-model-failure";
import { type RetryPolicy, withRetries } from "@/lib/llm/with-retries";
import type { ChatMessage, GenerateRequest, ModelClient } from "@/lib/llm/types";

// Google Gemini through `@google/genai`. The package sends the key in the
// x-goog-api-key header (never in the URL) to {baseUrl}/v1beta/models/{model}:generateContent.
// It retries only when httpOptions.retryOptions is set, which it is not, and its
// ApiError carries no headers: Gemini says when to retry in the error body's
// RetryInfo instead. Every setting is passed explicitly so the package reads
// none of GOOGLE_GENAI_USE_VERTEXAI, GOOGLE_GEMINI_BASE_URL or GOOGLE_GENAI_API_VERSION.

/** Google's public endpoint for the Gemini API. */
export const DEFAULT_GEMINI_BASE_URL = "https://generativelanguage.googleapis.com";
const API_VERSION = "v1beta";
/** The largest page models.list allows, so one request usually lists them all. */
const LIST_PAGE_SIZE = 1000;

const replySchema = z
  .object({
    modelVersion: z.string().optional(),
    candidates: z
      .array(
        z.object({
          content: z.object({ parts: z.array(z.object({ text: z.string().optional(), thought: z.boolean().optional() })).optional() }).optional(),
          finishReason: z.string().optional(),
        }),
      )
      .optional(),
    // A blocked prompt gets no candidates, only the reason.
    promptFeedback: z.object({ blockReason: z.string().optional() }).optional(),
    usageMetadata: z.object({ promptTokenCount: z.number().optional(), candidatesTokenCount: z.number().optional() }).optional(),
  })
  .refine((reply) => (reply.candidates?.length ?? 0) > 0 || reply.promptFeedback?.blockReason, { path: ["candidates"] });
const modelSchema = z.object({ name: z.string() });
const googleErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    details: z.array(z.object({ reason: z.string().optional(), retryDelay: z.string().optional() })).optional(),
  }),
});

/** Gemini's error body (the package puts it, as JSON, in ApiError's message): its text, reason and RetryInfo. */
function classifyGeminiError(error: unknown): AttemptFailure {
  if (!(error instanceof ApiError)) return classifyCommonFailure(error) ?? unrecognisedFailure(error);
  let body: z.infer<typeof googleErrorSchema> | undefined;
  try {
    body = googleErrorSchema.safeParse(JSON.parse(error.message)).data;
  } catch {
    body = undefined;
  }
  const details = body?.error.details ?? [];
  // An unknown key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID, not a 401.
  const keyRejected = details.some((detail) => detail.reason === "API_KEY_INVALID");
  const delay = details.find((detail) => detail.retryDelay)?.retryDelay;
  const retryAfterMs = delay && /^\d+(\.\d+)?s$/.test(delay) ? Number.parseFloat(delay) * 1000 : undefined;
  return { kind: keyRejected ? "auth" : kindForStatus(error.status), status: error.status, detail: body?.error.message ?? error.message, retryAfterMs, cause: error };
}

/** Gemini's conversation shape: system text apart, assistant turns under the role "model". */
function toGeminiContents(messages: readonly ChatMessage[]): { systemInstruction?: string; contents: Content[] } {
  const system = messages.filter((message) => message.role === "system").map((message) => message.content);
  const contents = messages
    .filter((message) => message.role !== "system")
    .map((message) => ({ role: message.role === "assistant" ? "model" : "user", parts: [{ text: message.content }] }));
  return { systemInstruction: system.length > 0 ? system.join("\n\n") : undefined, contents };
}

/** A ModelClient for the Gemini API. */
export function createGeminiClient(options: { apiKey: string; baseUrl: string; policy: RetryPolicy }): ModelClient {
  const endpoint = displayEndpoint(options.baseUrl);
  const ai = new GoogleGenAI({ apiKey: options.apiKey, vertexai: false, apiVersion: API_VERSION, httpOptions: { baseUrl: options.baseUrl } });

  function send<T>(model: string | undefined, signal: AbortSignal | undefined, call: (signal: AbortSignal) => Promise<T>) {
    return withRetries({
      policy: options.policy,
      signal,
      attempt: call,
      classify: classifyGeminiError,
      fail: (failure, attempts) =>
        explainModelFailure({ provider: "gemini", endpoint, model, apiKey: options.apiKey, timeoutMs: options.policy.timeoutMs }, failure, attempts),
    });
  }

  return {
    provider: "gemini",
    endpoint,
    async generate(request: GenerateRequest) {
      const started = performance.now();
      const settings = request.options ?? {};
      const { systemInstruction, contents } = toGeminiContents(request.messages);
      const { value: reply, attempts } = await send(request.model, request.signal, async (signal) => {
        const response = await ai.models.generateContent({
          model: request.model,
          contents,
          config: {
            systemInstruction,
            temperature: settings.temperature,
            maxOutputTokens: settings.maxTokens,
            seed: settings.seed,
            responseMimeType: settings.json ? "application/json" : undefined,
            abortSignal: signal,
          },
        });
        return parseReply(replySchema, response, "the generateContent reply");
      });
      const candidate = reply.candidates?.[0];
      // Thought summaries are parts too; only the answer's parts are text.
      const parts = (candidate?.content?.parts ?? []).filter((part) => !part.thought);
      return {
        text: parts.map((part) => part.text ?? "").join(""),
        model: reply.modelVersion ?? request.model,
        latencyMs: Math.round(performance.now() - started),
        attempts,
        promptTokens: reply.usageMetadata?.promptTokenCount,
        completionTokens: reply.usageMetadata?.candidatesTokenCount,
        finishReason: candidate?.finishReason ?? reply.promptFeedback?.blockReason,
      };
    },
    async listModels() {
      const { value } = await send(undefined, undefined, async (signal) => {
        const names: string[] = [];
        for await (const model of await ai.models.list({ config: { pageSize: LIST_PAGE_SIZE, abortSignal: signal } })) {
          names.push(parseReply(modelSchema, model, "a models.list entry").name);
        }
        return names;
      });
      // Gemini names models "models/gemini-2.5-flash"; generateContent accepts the short name.
      return value.map((name) => name.replace(/^models\//, ""));
    },
  };
}
