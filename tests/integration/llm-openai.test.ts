import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModelClient } from "@/lib/llm/create-model-client";
import type { ChatMessage } from "@/lib/llm/types";
import { startFakeOpenAi } from "../fakes/fake-openai-server";
import type { FakeServer } from "../fakes/http-server";

// What the openai package sends to an OpenAI-compatible server (llama.cpp,
// vLLM) for CAM's requests, and how the answers come back.

const conversation: ChatMessage[] = [
  { role: "system", content: "Answer only from the passages." },
  { role: "user", content: "What does APP 6 cover?" },
  { role: "assistant", content: "Use and disclosure of personal information." },
  { role: "user", content: "And APP 11?" },
];
const KEY = "sk-local-7d1e0b";

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAi({ apiKey: KEY, models: ["medgemma-4b-it", "gemma-3-4b-it"], replies: [] });
});
afterAll(() => server.close());
const client = () => createModelClient({ provider: "openai", baseUrl: `${server.url}/v1`, apiKey: KEY, retryBaseDelayMs: 1 });

describe("OpenAI-compatible chat completions", () => {
  it("sends the messages in order, the options under OpenAI's names, and the key as a bearer token", async () => {
    const result = await client().generate({
      model: "gemma-3-4b-it",
      messages: conversation,
      options: { temperature: 0, contextTokens: 8192, maxTokens: 300, seed: 42, json: true },
    });
    const request = server.received.at(-1);
    expect(request).toMatchObject({ method: "POST", path: "/v1/chat/completions", headers: { authorization: `Bearer ${KEY}` } });
    // max_tokens, not max_completion_tokens: llama.cpp and older vLLM honour only the former. No num_ctx equivalent exists.
    expect(request?.body).toEqual({
      model: "gemma-3-4b-it",
      messages: conversation,
      temperature: 0,
      max_tokens: 300,
      seed: 42,
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(result.text)).toEqual({ answer: "Fake answer to: And APP 11?" });
    expect(result).toMatchObject({ model: "gemma-3-4b-it", attempts: 1, finishReason: "stop", promptTokens: 19 });
  });

  it("sends only model and messages when no options are set", async () => {
    await client().generate({ model: "medgemma-4b-it", messages: [{ role: "user", content: "Hi" }] });
    expect(server.received.at(-1)?.body).toEqual({ model: "medgemma-4b-it", messages: [{ role: "user", content: "Hi" }] });
  });

  it("leaves the retrying to CAM: every attempt is the package's first", async () => {
    const flaky = await startFakeOpenAi({ replies: [{ status: 503 }, { status: 500 }, "Third time."] });
    const result = await createModelClient({ provider: "openai", baseUrl: `${flaky.url}/v1`, retryBaseDelayMs: 1 }).generate({
      model: "medgemma-4b-it",
      messages: conversation,
    });
    await flaky.close();
    expect(result).toMatchObject({ text: "Third time.", attempts: 3 });
    expect(flaky.received.map((request) => request.headers["x-stainless-retry-count"])).toEqual(["0", "0", "0"]);
  });

  it("sends no Authorization header to a server without a key", async () => {
    const open = await startFakeOpenAi();
    await createModelClient({ provider: "openai", baseUrl: `${open.url}/v1` }).generate({ model: "medgemma-4b-it", messages: conversation });
    await open.close();
    expect(open.received[0]?.headers).not.toHaveProperty("authorization");
  });

  it("reports an answer cut at the token limit", async () => {
    const server = await startFakeOpenAi({ replies: ["one two three four"] });
    const result = await createModelClient({ provider: "openai", baseUrl: `${server.url}/v1` }).generate({
      model: "medgemma-4b-it",
      messages: conversation,
      options: { maxTokens: 2 },
    });
    await server.close();
    expect(result).toMatchObject({ text: "one two", finishReason: "length", completionTokens: 2 });
  });

  it("lists the models from /models", async () => {
    expect(await client().listModels()).toEqual(["medgemma-4b-it", "gemma-3-4b-it"]);
    expect(server.requests.at(-1)).toEqual({ method: "GET", path: "/v1/models", authorization: `Bearer ${KEY}` });
  });

  it("says which key setting to check when the server refuses the key, without showing it", async () => {
    const wrong = createModelClient({ provider: "openai", baseUrl: `${server.url}/v1`, apiKey: "sk-wrong-key-123" });
    for (const call of [() => wrong.listModels(), () => wrong.generate({ model: "medgemma-4b-it", messages: conversation })]) {
      const error = await call().then(
        () => new Error("expected a failure"),
        (caught: unknown) => caught as Error,
      );
      expect(error).toMatchObject({ kind: "auth", upstreamStatus: 401, attempts: 1 });
      expect(error.message).toBe(`The OpenAI-compatible server at ${server.url}/v1 refused CAM's credentials (HTTP 401: Incorrect API key provided). Check OPENAI_API_KEY.`);
    }
  });

  it("says where the server lists its models when the model is missing", async () => {
    const error = await client()
      .generate({ model: "llama-3.1-8b", messages: conversation })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: "not_found",
      message: `The OpenAI-compatible server at ${server.url}/v1 has no model "llama-3.1-8b". Choose a model the server lists at /models, or start the server with this one.`,
    });
  });
});
