import { describe, expect, it } from "vitest";
import { explainModelFailure } from "@/lib/llm/explain-model-failure";
import { scrubError, scrubSecrets } from "@/lib/llm/scrub-secret";

const KEY = "AIzaSy-Example/Key+With=Symbols_0123";

describe("scrubSecrets", () => {
  it("replaces the key wherever it appears, raw or URL-encoded", () => {
    const text = `401 Incorrect API key provided: ${KEY}. GET https://x.example/v1/models?alt=json&key=${encodeURIComponent(KEY)}`;
    const scrubbed = scrubSecrets(text, [KEY]);
    expect(scrubbed).not.toContain(KEY);
    expect(scrubbed).not.toContain(encodeURIComponent(KEY));
    expect(scrubbed).toBe("401 Incorrect API key provided: ****. GET https://x.example/v1/models?alt=json&key=****");
  });

  it("masks key parameters in URLs even when the key is not known", () => {
    expect(scrubSecrets("fetch https://g.example/v1beta/models?key=other-secret&pageSize=5", [undefined])).toBe(
      "fetch https://g.example/v1beta/models?key=****&pageSize=5",
    );
  });

  it("leaves text alone when there is no key", () => {
    expect(scrubSecrets("connection refused", [undefined, ""])).toBe("connection refused");
  });
});

describe("scrubError", () => {
  it("copies the name and scrubs the message, stack and causes", () => {
    const inner = new TypeError(`fetch failed for ${KEY}`);
    const outer = Object.assign(new Error(`wrapped ${KEY}`, { cause: inner }), { name: "APIConnectionError", headers: { authorization: `Bearer ${KEY}` } });
    const copy = scrubError(outer, [KEY]);
    expect(copy.name).toBe("APIConnectionError");
    expect(copy.message).toBe("wrapped ****");
    expect(copy.stack).not.toContain(KEY);
    expect((copy.cause as Error).message).toBe("fetch failed for ****");
    expect(JSON.stringify(copy)).not.toContain(KEY);
    expect(copy).not.toHaveProperty("headers");
  });
});

describe("explainModelFailure", () => {
  const target = { provider: "openai" as const, endpoint: "http://gpu:8080/v1", model: "gemma-3-4b-it", apiKey: KEY, timeoutMs: 60_000 };

  it("never lets the key into the message, even split by the cut to the detail's length", () => {
    for (const padding of [0, 200, 225, 235, 239]) {
      const error = explainModelFailure(target, { kind: "bad_request", status: 400, detail: `${"x".repeat(padding)}${KEY} was rejected`, cause: new Error(KEY) }, 1);
      expect(error.message).not.toContain(KEY.slice(0, 8));
      expect(String((error.cause as Error).message)).not.toContain(KEY);
    }
  });

  it("names the server, the model, what happened and what to do", () => {
    expect(explainModelFailure(target, { kind: "timeout" }, 3).message).toBe(
      'The OpenAI-compatible server at http://gpu:8080/v1 did not answer "gemma-3-4b-it" within 60 s (3 attempts). The model may still be loading or be too slow for this machine; try again, or choose a smaller model.',
    );
    const ollama = { provider: "ollama" as const, endpoint: "http://127.0.0.1:11434", model: "medgemma:4b", timeoutMs: 120_000 };
    const missing = explainModelFailure(ollama, { kind: "not_found", status: 404 }, 1);
    expect(missing.message).toBe('Ollama at http://127.0.0.1:11434 has no model "medgemma:4b". Pull it with `ollama pull medgemma:4b`, or choose another model.');
    expect(missing).toMatchObject({ name: "ModelError", code: "bad_gateway", status: 502, upstreamStatus: 404, kind: "not_found", attempts: 1 });
  });
});
