import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModelClient } from "@/lib/llm/create-model-client";
import type { ChatMessage } from "@/lib/llm/types";
import { startFakeGemini } from "../fakes/fake-gemini-server";
import type { FakeServer } from "../fakes/http-server";

// What @google/genai sends to the Gemini API for CAM's requests, and how the
// answers come back, against a fake Gemini.

const conversation: ChatMessage[] = [
  { role: "system", content: "Answer only from the passages." },
  { role: "user", content: "What does APP 6 cover?" },
  { role: "assistant", content: "Use and disclosure of personal information." },
  { role: "user", content: "And APP 11?" },
];
const KEY = "AIzaSyFAKE-0123456789abcdef";
const models = Array.from({ length: 60 }, (_, index) => `gemma-fake-${index}`).concat(["gemini-2.5-flash"]);

let gemini: FakeServer;
beforeAll(async () => {
  gemini = await startFakeGemini({ apiKey: KEY, models });
});
afterAll(() => gemini.close());
const client = () => createModelClient({ provider: "gemini", apiKey: KEY, baseUrl: gemini.url, retryBaseDelayMs: 1 });

describe("Gemini generateContent", () => {
  it("sends the key in a header, system text as systemInstruction, turns as user/model contents", async () => {
    const result = await client().generate({
      model: "gemini-2.5-flash",
      messages: conversation,
      options: { temperature: 0.1, contextTokens: 8192, maxTokens: 512, seed: 3, json: true },
    });
    const request = gemini.received.at(-1);
    expect(request).toMatchObject({ method: "POST", path: "/v1beta/models/gemini-2.5-flash:generateContent", headers: { "x-goog-api-key": KEY } });
    expect(request?.path).not.toContain("key=");
    expect(request?.body).toEqual({
      systemInstruction: { role: "user", parts: [{ text: "Answer only from the passages." }] },
      contents: [
        { role: "user", parts: [{ text: "What does APP 6 cover?" }] },
        { role: "model", parts: [{ text: "Use and disclosure of personal information." }] },
        { role: "user", parts: [{ text: "And APP 11?" }] },
      ],
      generationConfig: { temperature: 0.1, maxOutputTokens: 512, seed: 3, responseMimeType: "application/json" },
    });
    expect(JSON.parse(result.text)).toEqual({ answer: "Fake answer to: And APP 11?" });
    expect(result).toMatchObject({ model: "gemini-2.5-flash", attempts: 1, finishReason: "STOP", promptTokens: 19, completionTokens: 6 });
  });

  it("sends no systemInstruction or settings when there are none", async () => {
    await client().generate({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }] });
    // The package always writes generationConfig once a config object is passed (ours carries the abort signal).
    expect(gemini.received.at(-1)?.body).toEqual({ contents: [{ role: "user", parts: [{ text: "Hi" }] }], generationConfig: {} });
  });

  it("reports an answer cut at the token limit", async () => {
    const server = await startFakeGemini({ replies: ["one two three four"] });
    const result = await createModelClient({ provider: "gemini", apiKey: KEY, baseUrl: server.url }).generate({
      model: "gemini-2.5-flash",
      messages: conversation,
      options: { maxTokens: 3 },
    });
    await server.close();
    expect(result).toMatchObject({ text: "one two three", finishReason: "MAX_TOKENS", completionTokens: 3 });
  });

  it("returns an empty answer with the reason when Gemini blocks the prompt", async () => {
    const server = await startFakeGemini({ replies: [{ body: { promptFeedback: { blockReason: "SAFETY" }, usageMetadata: { promptTokenCount: 9 } } }] });
    const result = await createModelClient({ provider: "gemini", apiKey: KEY, baseUrl: server.url }).generate({ model: "gemini-2.5-flash", messages: conversation });
    await server.close();
    expect(result).toMatchObject({ text: "", finishReason: "SAFETY", promptTokens: 9, attempts: 1 });
  });

  it("leaves thought summaries out of the answer", async () => {
    const body = { candidates: [{ content: { role: "model", parts: [{ text: "Thinking about APP 11…", thought: true }, { text: "Security of personal information." }] }, finishReason: "STOP" }] };
    const server = await startFakeGemini({ replies: [{ body }] });
    const result = await createModelClient({ provider: "gemini", apiKey: KEY, baseUrl: server.url }).generate({ model: "gemini-2.5-flash", messages: conversation });
    await server.close();
    expect(result.text).toBe("Security of personal information.");
  });

  it("honours the RetryInfo delay Gemini sends with a 429", async () => {
    const server = await startFakeGemini({ replies: [{ status: 429, retryAfterSeconds: 1 }, "After the wait."] });
    const started = performance.now();
    const result = await createModelClient({ provider: "gemini", apiKey: KEY, baseUrl: server.url, retryBaseDelayMs: 1 }).generate({
      model: "gemini-2.5-flash",
      messages: conversation,
    });
    await server.close();
    expect(result).toMatchObject({ text: "After the wait.", attempts: 2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });
});

describe("Gemini models and keys", () => {
  it("lists every model by its short name, following pages", async () => {
    const listed = await client().listModels();
    expect(listed).toEqual(models);
    expect(gemini.received.at(-1)).toMatchObject({ method: "GET", path: "/v1beta/models?pageSize=1000", headers: { "x-goog-api-key": KEY } });
  });

  it("says to check GEMINI_API_KEY when Gemini rejects the key, without showing it", async () => {
    const wrongKey = "AIzaSyWRONG-fedcba9876543210";
    const error = await createModelClient({ provider: "gemini", apiKey: wrongKey, baseUrl: gemini.url })
      .generate({ model: "gemini-2.5-flash", messages: conversation })
      .then(() => new Error("expected a failure"), (caught: unknown) => caught as Error);
    // Gemini answers an unknown key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID.
    expect(error).toMatchObject({ kind: "auth", upstreamStatus: 400, attempts: 1 });
    expect(error.message).toBe(`Gemini at ${gemini.url} refused CAM's credentials (HTTP 400: API key not valid. Please pass a valid API key). Check GEMINI_API_KEY.`);
  });

  it("names a model Gemini does not have", async () => {
    const error = await client()
      .generate({ model: "gemini-0.1-ultra", messages: conversation })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "not_found", upstreamStatus: 404, message: `Gemini at ${gemini.url} has no model "gemini-0.1-ultra". Choose a model from the Gemini model list.` });
  });
});
