import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { type FakeServer, sendJson, startHttpServer } from "./http-server";

// An Ollama server as far as its REST API goes (docs/api.md in ollama/ollama):
// GET /api/version, GET /api/tags, POST /api/embed and POST /api/generate
// (non-streaming), with Ollama's response
// and error shapes. Embeddings are deterministic: each word of the input is
// hashed into a few of the dimensions, so texts sharing words get similar
// vectors, which is enough to exercise vector search without a real model.

export type FakeOllamaOptions = {
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

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return JSON.parse(body || "{}") as Record<string, unknown>;
}

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

export function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeServer> {
  const models = options.models ?? ["gemma3:4b", "all-minilm:latest"];
  const dimension = options.dimension ?? 384;
  const has = (name: unknown) => typeof name === "string" && models.some((model) => model === name || model === `${name}:latest`);
  let embedded = 0;
  return startHttpServer(async (request, response) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (response.destroyed) return;
    if (options.failWithStatus) return sendJson(response, options.failWithStatus, { error: "model runner has crashed" });
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
      const body = await readBody(request);
      if (!has(body.model)) return sendJson(response, 404, { error: `model "${String(body.model)}" not found, try pulling it first` });
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
    if (request.method === "POST" && request.url === "/api/generate") {
      const body = await readBody(request);
      if (!has(body.model)) return sendJson(response, 404, { error: `model "${String(body.model)}" not found, try pulling it first` });
      const title = /"([^"]+)"/.exec(String(body.prompt))?.[1] ?? "the document";
      return sendJson(response, 200, {
        model: body.model,
        created_at: new Date().toISOString(),
        response: `A model-written summary of ${title}.`,
        done: true,
        done_reason: "stop",
        total_duration: 1_200_000_000,
        prompt_eval_count: 512,
        eval_count: 24,
      });
    }
    sendJson(response, 404, { error: "404 page not found" });
  });
}
