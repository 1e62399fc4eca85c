import { type FakeServer, sendJson, startHttpServer } from "./http-server";

// An Ollama server as far as its REST API goes (docs/api.md in ollama/ollama):
// GET /api/version and GET /api/tags with Ollama's response shapes.

export type FakeOllamaOptions = {
  version?: string;
  models?: string[];
  /** Answer every request with this HTTP status and Ollama's error shape instead. */
  failWithStatus?: number;
  /** Wait this long before answering. */
  delayMs?: number;
};

export function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeServer> {
  return startHttpServer(async (request, response) => {
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (response.destroyed) return;
    if (options.failWithStatus) return sendJson(response, options.failWithStatus, { error: "model runner has crashed" });
    if (request.method === "GET" && request.url === "/api/version") {
      return sendJson(response, 200, { version: options.version ?? "0.12.6" });
    }
    if (request.method === "GET" && request.url === "/api/tags") {
      return sendJson(response, 200, {
        models: (options.models ?? ["gemma3:4b"]).map((name) => ({
          name,
          model: name,
          modified_at: "2026-11-01T00:00:00Z",
          size: 3_338_801_804,
          digest: "a2af6cc3eb7fa8be8504abaf9b04e88f17a119ec3f04a3addf55f92841195f5a",
          details: { format: "gguf", family: "gemma3", parameter_size: "4.3B", quantization_level: "Q4_K_M" },
        })),
      });
    }
    sendJson(response, 404, { error: "404 page not found" });
  });
}
