import { type FakeServer, sendJson, startHttpServer } from "./http-server";
import {
  chooseReply,
  countWords,
  defaultAnswer,
  type FakeStatusFailure,
  limitWords,
  playReply,
  retryAfterHeader,
  type ScriptedReplies,
} from "./scripted-replies";

// An OpenAI-compatible server (llama.cpp, vLLM): GET /v1/models and
// non-streaming POST /v1/chat/completions with OpenAI's response and error
// shapes, including the 401 when a key is required and missing. Answers come
// from the test's script (scripted-replies.ts) or echo the question.

export type FakeOpenAiOptions = ScriptedReplies & {
  /** Requests without `Authorization: Bearer <apiKey>` get a 401. */
  apiKey?: string;
  /** Models the server serves; chat completions for others get a 404. */
  models?: string[];
};

/** OpenAI's error objects for each status a test can ask for. */
const errors: Record<FakeStatusFailure["status"], (model: string) => { message: string; type: string; code: string | null }> = {
  400: () => ({ message: "This model's maximum context length is 8192 tokens.", type: "invalid_request_error", code: "context_length_exceeded" }),
  401: () => ({ message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" }),
  403: () => ({ message: "You are not allowed to use this model.", type: "invalid_request_error", code: "model_not_allowed" }),
  404: (model) => ({ message: `The model \`${model}\` does not exist or you do not have access to it.`, type: "invalid_request_error", code: "model_not_found" }),
  429: () => ({ message: "Rate limit reached for requests. Please try again later.", type: "requests", code: "rate_limit_exceeded" }),
  500: () => ({ message: "The server had an error while processing your request.", type: "server_error", code: null }),
  // llama.cpp answers 503 while its model is still loading.
  503: () => ({ message: "Loading model", type: "unavailable_error", code: null }),
};

const errorBody = (error: { message: string; type: string; code: string | null }) => ({ error: { ...error, param: null } });

/** Starts a fake OpenAI-compatible server on a free loopback port; its base URL is `${url}/v1`. */
export function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeServer> {
  const models = options.models ?? ["medgemma-4b-it"];
  let generations = 0;
  return startHttpServer(async (request, response, received) => {
    if (options.apiKey && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(response, 401, errorBody(errors[401]("")));
    }
    if (request.method === "GET" && request.url === "/v1/models") {
      return sendJson(response, 200, {
        object: "list",
        data: models.map((id) => ({ id, object: "model", created: 1_764_000_000, owned_by: "llamacpp" })),
      });
    }
    if (request.method === "POST" && request.url === "/v1/chat/completions") {
      const body = (received.body ?? {}) as Record<string, unknown>;
      const model = String(body.model);
      if (!models.includes(model)) return sendJson(response, 404, errorBody(errors[404](model)));
      const messages = (Array.isArray(body.messages) ? body.messages : []) as { role?: unknown; content?: unknown }[];
      const lastUserText = String(messages.findLast((message) => message.role === "user")?.content ?? "");
      const json = (body.response_format as { type?: unknown } | undefined)?.type === "json_object";
      const index = generations++;
      const fallback = defaultAnswer(lastUserText, json);
      const reply = chooseReply(options, { index, model, lastUserText, json, request: received }) ?? fallback;
      const maxTokens = (body.max_tokens ?? body.max_completion_tokens) as number | undefined;
      const promptTokens = countWords(messages.map((message) => String(message.content ?? "")).join(" "));
      return playReply(response, reply, fallback, {
        answer: (text) => {
          const limited = limitWords(text, maxTokens);
          const completionTokens = countWords(limited.text);
          return {
            id: `chatcmpl-fake-${index}`,
            object: "chat.completion",
            created: Math.floor(Date.now() / 1000),
            model,
            system_fingerprint: "b6500-fake",
            choices: [{ index: 0, message: { role: "assistant", content: limited.text }, logprobs: null, finish_reason: limited.truncated ? "length" : "stop" }],
            usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
          };
        },
        error: (failure) => {
          const error = errors[failure.status](model);
          return { body: errorBody({ ...error, message: failure.message ?? error.message }), headers: retryAfterHeader(failure) };
        },
      });
    }
    sendJson(response, 404, errorBody({ message: "Not found", type: "invalid_request_error", code: null }));
  });
}
