import { type FakeServer, sendJson, startHttpServer } from "./http-server";
import { chooseReply, countWords, defaultAnswer, type FakeStatusFailure, limitWords, playReply, type ScriptedReplies } from "./scripted-replies";

// The Gemini API as @google/genai uses it: GET /v1beta/models (paged),
// GET /v1beta/models/{model} and POST /v1beta/models/{model}:generateContent,
// with Google's error shape ({ error: { code, message, status, details } }).
// The key arrives in the x-goog-api-key header (or a `key` query parameter);
// a wrong one gets Gemini's 400 API_KEY_INVALID, a missing one its 403. When
// to retry is said the Google way: a RetryInfo detail in the error body, not a
// Retry-After header. Answers come from the test's script or echo the question.

export type FakeGeminiOptions = ScriptedReplies & {
  /** When set, requests must carry this key. */
  apiKey?: string;
  /** Model names without the "models/" prefix. */
  models?: string[];
};

/** Gemini's page size when the client names none. */
const DEFAULT_PAGE_SIZE = 50;

const statusNames: Record<FakeStatusFailure["status"], string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

const errorTexts: Record<FakeStatusFailure["status"], (model: string) => string> = {
  400: () => "Request contains an invalid argument.",
  401: () => "Request had invalid authentication credentials.",
  403: () => "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  404: (model) => `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
  429: () => "You exceeded your current quota, please check your plan and billing details.",
  500: () => "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  503: () => "The model is overloaded. Please try again later.",
};

function googleError(failure: FakeStatusFailure, model: string, details: unknown[] = []) {
  const retry = failure.retryAfterSeconds === undefined ? [] : [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${failure.retryAfterSeconds}s` }];
  const error = { code: failure.status, message: failure.message ?? errorTexts[failure.status](model), status: statusNames[failure.status] };
  return { error: { ...error, ...(details.length + retry.length > 0 ? { details: [...details, ...retry] } : {}) } };
}

const describeModel = (name: string) => ({
  name: `models/${name}`,
  version: "001",
  displayName: name,
  description: `Fake ${name}`,
  inputTokenLimit: 1_048_576,
  outputTokenLimit: 65_536,
  supportedGenerationMethods: ["generateContent", "countTokens"],
  temperature: 1,
  topP: 0.95,
  topK: 64,
});

type Content = { role?: string; parts?: { text?: string }[] };
const textOf = (content: Content | undefined) => (content?.parts ?? []).map((part) => part.text ?? "").join("");

/** Starts a fake Gemini API on a free loopback port; pass its url as the client's baseUrl. */
export function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeServer> {
  const models = options.models ?? ["gemini-2.5-flash", "gemma-3-4b-it"];
  let generations = 0;
  return startHttpServer(async (request, response, received) => {
    const url = new URL(request.url ?? "/", "http://fake-gemini");
    const key = request.headers["x-goog-api-key"] ?? url.searchParams.get("key");
    if (options.apiKey && !key) return sendJson(response, 403, googleError({ status: 403 }, ""));
    if (options.apiKey && key !== options.apiKey) {
      const reason = { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com" };
      return sendJson(response, 400, googleError({ status: 400, message: "API key not valid. Please pass a valid API key." }, "", [reason]));
    }
    const path = url.pathname.replace(/^\/v1(beta)?\//, "/");
    if (request.method === "GET" && path === "/models") {
      const pageSize = Number(url.searchParams.get("pageSize") ?? DEFAULT_PAGE_SIZE);
      const start = Number(url.searchParams.get("pageToken") ?? 0);
      const next = start + pageSize < models.length ? { nextPageToken: String(start + pageSize) } : {};
      return sendJson(response, 200, { models: models.slice(start, start + pageSize).map(describeModel), ...next });
    }
    const named = /^\/models\/([^/:]+)(:generateContent)?$/.exec(path);
    const model = decodeURIComponent(named?.[1] ?? "");
    if (named && !models.includes(model)) return sendJson(response, 404, googleError({ status: 404 }, model));
    if (request.method === "GET" && named && !named[2]) return sendJson(response, 200, describeModel(model));
    if (request.method === "POST" && named?.[2]) {
      const body = (received.body ?? {}) as { contents?: Content[]; systemInstruction?: Content; generationConfig?: Record<string, unknown> };
      const contents = body.contents ?? [];
      const lastUserText = textOf(contents.findLast((content) => content.role === "user"));
      const json = body.generationConfig?.responseMimeType === "application/json";
      const index = generations++;
      const fallback = defaultAnswer(lastUserText, json);
      const reply = chooseReply(options, { index, model, lastUserText, json, request: received }) ?? fallback;
      const promptTokens = countWords([textOf(body.systemInstruction), ...contents.map(textOf)].join(" "));
      return playReply(response, reply, fallback, {
        answer: (text) => {
          const limited = limitWords(text, body.generationConfig?.maxOutputTokens as number | undefined);
          const candidatesTokens = countWords(limited.text);
          return {
            candidates: [{ content: { parts: [{ text: limited.text }], role: "model" }, finishReason: limited.truncated ? "MAX_TOKENS" : "STOP", index: 0 }],
            usageMetadata: { promptTokenCount: promptTokens, candidatesTokenCount: candidatesTokens, totalTokenCount: promptTokens + candidatesTokens },
            modelVersion: model,
            responseId: `fake-response-${index}`,
          };
        },
        error: (failure) => ({ body: googleError(failure, model) }),
      });
    }
    sendJson(response, 404, googleError({ status: 404, message: `Method not found: ${request.method} ${url.pathname}` }, ""));
  });
}
