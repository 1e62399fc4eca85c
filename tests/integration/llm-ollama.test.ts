import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModelClient } from "@/lib/llm/create-model-client";
import type { ChatMessage } from "@/lib/llm/types";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";

// What the ollama package sends to /api/chat and /api/generate for CAM's
// requests, and how the answers come back, against a fake Ollama.

const conversation: ChatMessage[] = [
  { role: "system", content: "Answer only from the passages." },
  { role: "user", content: "What does APP 6 cover?" },
  { role: "assistant", content: "Use and disclosure of personal information." },
  { role: "user", content: "And APP 11?" },
];
const options = { temperature: 0.2, contextTokens: 8192, maxTokens: 256, seed: 7 };

let ollama: FakeServer;
beforeAll(async () => {
  ollama = await startFakeOllama({ models: ["gemma3:4b", "medgemma:4b", "all-minilm:latest"] });
});
afterAll(() => ollama.close());
const lastBody = () => ollama.received.at(-1)?.body as Record<string, unknown>;

describe("Ollama /api/chat", () => {
  const client = () => createModelClient({ provider: "ollama", host: ollama.url, apiKey: "ollama-token" });

  it("sends the conversation as messages, options under Ollama's names, and the bearer token", async () => {
    const result = await client().generate({ model: "medgemma:4b", messages: conversation, options });
    expect(ollama.received.at(-1)).toMatchObject({ method: "POST", path: "/api/chat", headers: { authorization: "Bearer ollama-token" } });
    expect(lastBody()).toEqual({
      model: "medgemma:4b",
      messages: conversation,
      stream: false,
      options: { temperature: 0.2, num_ctx: 8192, num_predict: 256, seed: 7 },
    });
    expect(result).toMatchObject({ text: "Fake answer to: And APP 11?", model: "medgemma:4b", attempts: 1, finishReason: "stop", completionTokens: 6 });
  });

  it("leaves options out when none are set, and asks for JSON with format", async () => {
    const result = await client().generate({ model: "gemma3:4b", messages: [{ role: "user", content: "Score it." }], options: { json: true } });
    expect(lastBody()).toEqual({ model: "gemma3:4b", messages: [{ role: "user", content: "Score it." }], stream: false, format: "json" });
    expect(JSON.parse(result.text)).toEqual({ answer: "Fake answer to: Score it." });
  });

  it("reports an answer cut at the token limit", async () => {
    const server = await startFakeOllama({ replies: ["one two three four five six"] });
    const result = await createModelClient({ provider: "ollama", host: server.url }).generate({
      model: "gemma3:4b",
      messages: [{ role: "user", content: "Count." }],
      options: { maxTokens: 3 },
    });
    await server.close();
    expect(result).toMatchObject({ text: "one two three", finishReason: "length", completionTokens: 3 });
  });

  it("sends no Authorization header without a key", async () => {
    await createModelClient({ provider: "ollama", host: ollama.url }).generate({ model: "gemma3:4b", messages: conversation });
    expect(ollama.received.at(-1)?.headers.authorization).toBeUndefined();
  });

  it("lists the models from /api/tags", async () => {
    expect(await client().listModels()).toEqual(["gemma3:4b", "medgemma:4b", "all-minilm:latest"]);
    expect(ollama.requests.at(-1)).toEqual({ method: "GET", path: "/api/tags", authorization: "Bearer ollama-token" });
  });

  it("says how to pull a missing model", async () => {
    const error = await client()
      .generate({ model: "llama3.1:8b", messages: conversation })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: "not_found",
      message: `Ollama at ${ollama.url} has no model "llama3.1:8b". Pull it with \`ollama pull llama3.1:8b\`, or choose another model.`,
    });
  });
});

describe("Ollama /api/generate", () => {
  const client = () => createModelClient({ provider: "ollama", host: ollama.url, api: "generate" });

  it("puts system messages in `system` and the earlier turns in a transcript above the question", async () => {
    const result = await client().generate({ model: "gemma3:4b", messages: conversation, options: { ...options, json: true } });
    expect(ollama.received.at(-1)?.path).toBe("/api/generate");
    expect(lastBody()).toEqual({
      model: "gemma3:4b",
      system: "Answer only from the passages.",
      prompt: "User: What does APP 6 cover?\n\nAssistant: Use and disclosure of personal information.\n\nAnd APP 11?",
      stream: false,
      format: "json",
      options: { temperature: 0.2, num_ctx: 8192, num_predict: 256, seed: 7 },
    });
    expect(result).toMatchObject({ model: "gemma3:4b", attempts: 1, finishReason: "stop" });
    expect(result.promptTokens).toBeGreaterThan(0);
  });

  it("sends a single question as the prompt itself and returns the scripted answer", async () => {
    const server = await startFakeOllama({ script: (call) => `Answer ${call.index} to ${call.lastUserText}` });
    const result = await createModelClient({ provider: "ollama", host: server.url, api: "generate" }).generate({
      model: "gemma3:4b",
      messages: [{ role: "user", content: "Summarise APP 11." }],
    });
    await server.close();
    expect(server.received[0]?.body).toEqual({ model: "gemma3:4b", prompt: "Summarise APP 11.", stream: false });
    expect(result.text).toBe("Answer 0 to Summarise APP 11.");
  });
});
