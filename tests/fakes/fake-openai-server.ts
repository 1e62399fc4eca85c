import { type FakeServer, sendJson, startHttpServer } from "./http-server";

// An OpenAI-compatible server (llama.cpp, vLLM) as far as GET /v1/models goes,
// including the 401 error shape when a key is required and missing.

export function startFakeOpenAi(options: { apiKey?: string; models?: string[] } = {}): Promise<FakeServer> {
  return startHttpServer((request, response) => {
    if (options.apiKey && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(response, 401, {
        error: { message: "Incorrect API key provided.", type: "invalid_request_error", param: null, code: "invalid_api_key" },
      });
    }
    if (request.method === "GET" && request.url === "/v1/models") {
      return sendJson(response, 200, {
        object: "list",
        data: (options.models ?? ["medgemma-4b-it"]).map((id) => ({ id, object: "model", created: 1_764_000_000, owned_by: "llamacpp" })),
      });
    }
    sendJson(response, 404, { error: { message: "Not found", type: "invalid_request_error", param: null, code: null } });
  });
}
