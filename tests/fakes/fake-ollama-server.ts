import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import { type FakeServer, type ReceivedRequest, sendJson, startHttpServer } from "./http-server";
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

// An Ollama server as far as its REST API goes (docs/api.md in ollama/ollama):
// GET /api/version, GET /api/tags, POST /api/embed, and non-streaming
// POST /api/chat and /api/generate, with Ollama's response and error shapes.
// Embeddings are deterministic: each word of the input is hashed into a few of
// the dimensions, so texts sharing words get similar vectors, which is enough
// to exercise vector search without a real model. Answers come from the
// test's script (scripted-replies.ts) or echo the question.

export type FakeOllamaOptions = ScriptedReplies & {
  version?: string;
  /** Models the server has; requests for others get Ollama's "not found" error. */
  models?: string[];
  /** Embedding size (all-minilm's is 384). */
  dimension?: number;
  /** Answer every request with this HTTP status and Ollama's error shape instead. */
  failWithStatus?: number;
  /** Fail /api/embed with HTTP 500 once this many embed requests have succeeded. */
  failEmbedAfter?: number;
  /** Wait this long before answering. */
  delayMs?: number;
};

/** A unit vector in which every word of the text sets three hashed dimensions. */
export function fakeEmbedding(text: string, dimension: number): number[] {
  const vector = new Array<number>(dimension).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const digest = createHash("sha256").update(word).digest();
    for (let i = 0; i < 3; i += 1) {
      const slot = digest.readUInt16LE(i * 2) % dimension;
      vector[slot] = (vector[slot] ?? 0) + 1;
    }
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

/** Ollama's error texts (its `{ "error": ... }` body) for each status a test can ask for. */
const errorTexts: Record<FakeStatusFailure["status"], (model: string) => string> = {
  400: () => "invalid options: num_ctx must be a positive integer",
  401: () => "unauthorized",
  403: () => "forbidden",
  404: (model) => `model "${model}" not found, try pulling it first`,
  429: () => "too many requests, please try again later",
  500: () => "llama runner process has terminated: exit status 2",
  503: () => "server busy, please try again.  maximum pending requests exceeded",
};

type Messages = { role?: unknown; content?: unknown }[];

function answerGeneration(options: FakeOllamaOptions, endpoint: "chat" | "generate", call: { index: number; received: ReceivedRequest }, response: ServerResponse) {
  const body = (call.received.body ?? {}) as Record<string, unknown>;
  const model = String(body.model);
  const messages = (Array.isArray(body.messages) ? body.messages : []) as Messages;
  const json = body.format !== undefined && body.format !== "";
  const lastUserText = endpoint === "chat" ? String(messages.findLast((message) => message.role === "user")?.content ?? "") : String(body.prompt ?? "");
  // The digest asks /api/generate to summarise "Title"; keep that answer for it.
  const title = /"([^"]+)"/.exec(String(body.prompt))?.[1] ?? "the document";
  const fallback = endpoint === "generate" && !json ? `A model-written summary of ${title}.` : defaultAnswer(lastUserText, json);
  const reply = chooseReply(options, { index: call.index, model, lastUserText, json, request: call.received }) ?? fallback;
  const promptText = [body.system, body.prompt, ...messages.map((message) => message.content)].filter((part) => typeof part === "string").join(" ");
  const numPredict = (body.options as { num_predict?: number } | undefined)?.num_predict;
  return playReply(response, reply, fallback, {
    answer: (text) => {
      const limited = limitWords(text, numPredict);
      return {
        model,
        created_at: new Date().toISOString(),
        ...(endpoint === "chat" ? { message: { role: "assistant", content: limited.text } } : { response: limited.text }),
        done: true,
        done_reason: limited.truncated ? "length" : "stop",
        total_duration: 1_200_000_000,
        load_duration: 52_000_000,
        prompt_eval_count: countWords(promptText),
        prompt_eval_duration: 410_000_000,
        eval_count: countWords(limited.text),
        eval_duration: 690_000_000,
      };
    },
    error: (failure) => ({ body: { error: failure.message ?? errorTexts[failure.status](model) }, headers: retryAfterHeader(failure) }),
  });
}

/** Starts a fake Ollama on a free loopback port. */
export function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeServer> {
  const models = options.models ?? ["gemma3:4b", "all-minilm:latest"];
  const dimension = options.dimension ?? 384;
  const has = (name: unknown) => typeof name === "string" && models.some((model) => model === name || model === `${name}:latest`);
  let embedded = 0;
  let generations = 0;
  return startHttpServer(async (request, response, received) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (response.destroyed) return;
    if (options.failWithStatus) return sendJson(response, options.failWithStatus, { error: "model runner has crashed" });
    const body = (received.body ?? {}) as Record<string, unknown>;
    if (request.method === "GET" && request.url === "/api/version") {
      return sendJson(response, 200, { version: options.version ?? "0.12.6" });
    }
    if (request.method === "GET" && request.url === "/api/tags") {
      return sendJson(response, 200, {
        models: models.map((name) => ({
          name,
          model: name,
          modified_at: "2026-11-01T00:00:00Z",
          size: 3_338_801_804,
          digest: createHash("sha256").update(name).digest("hex"),
          details: { format: "gguf", family: "gemma3", parameter_size: "4.3B", quantization_level: "Q4_K_M" },
        })),
      });
    }
    if (request.method === "POST" && request.url === "/api/embed") {
      if (!has(body.model)) return sendJson(response, 404, { error: errorTexts[404](String(body.model)) });
      if (options.failEmbedAfter !== undefined && embedded >= options.failEmbedAfter) {
        return sendJson(response, 500, { error: "llama runner process has terminated: signal: killed" });
      }
      embedded += 1;
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      return sendJson(response, 200, {
        model: body.model,
        embeddings: inputs.map((text) => fakeEmbedding(String(text), dimension)),
        total_duration: 14_143_917,
        load_duration: 1_019_500,
        prompt_eval_count: inputs.length * 8,
      });
    }
    if (request.method === "POST" && (request.url === "/api/chat" || request.url === "/api/generate")) {
      if (!has(body.model)) return sendJson(response, 404, { error: errorTexts[404](String(body.model)) });
      const endpoint = request.url === "/api/chat" ? "chat" : "generate";
      return answerGeneration(options, endpoint, { index: generations++, received }, response);
    }
    sendJson(response, 404, { error: "404 page not found" });
  });
}
