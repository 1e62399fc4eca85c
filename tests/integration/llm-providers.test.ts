import { afterAll, describe, expect, it } from "vitest";
import { createModelClient, type ModelClientConfig } from "@/lib/llm/create-model-client";
import { ModelError } from "@/lib/llm/model-error";
import type { ModelProviderName } from "@/lib/llm/types";
import { startFakeGemini } from "../fakes/fake-gemini-server";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import { startFakeOpenAi } from "../fakes/fake-openai-server";
import { type FakeServer, unusedPort } from "../fakes/http-server";
import type { ScriptedReplies } from "../fakes/scripted-replies";

// What every provider must do the same way, driven through the real client
// libraries against fake servers speaking each wire format: retries, timeouts,
// Retry-After, errors that must not be retried, malformed replies, dropped
// connections, the caller's abort, and API keys kept out of every message.

const KEY = "sk-live-SECRET-4f9a2c7e1b";
const question = [{ role: "user" as const, content: "May I share session notes with a GP?" }];

type Harness = {
  provider: ModelProviderName;
  model: string;
  start: (options: ScriptedReplies) => Promise<FakeServer>;
  config: (url: string) => ModelClientConfig;
  /** The path of a generation request, to count attempts on the server. */
  generatePath: RegExp;
  /** The setting a refused key points at. */
  keySetting: string;
  missingModelHint: string;
};

const harnesses: Harness[] = [
  {
    provider: "ollama",
    model: "gemma3:4b",
    start: (options) => startFakeOllama(options),
    config: (url) => ({ provider: "ollama", host: url, apiKey: KEY }),
    generatePath: /^\/api\/chat$/,
    keySetting: "OLLAMA_API_KEY",
    missingModelHint: "Pull it with `ollama pull no-such-model`",
  },
  {
    provider: "openai",
    model: "medgemma-4b-it",
    start: (options) => startFakeOpenAi(options),
    config: (url) => ({ provider: "openai", baseUrl: `${url}/v1`, apiKey: KEY }),
    generatePath: /^\/v1\/chat\/completions$/,
    keySetting: "OPENAI_API_KEY",
    missingModelHint: "Choose a model the server lists at /models",
  },
  {
    provider: "gemini",
    model: "gemini-2.5-flash",
    start: (options) => startFakeGemini({ ...options, apiKey: KEY }),
    config: (url) => ({ provider: "gemini", baseUrl: url, apiKey: KEY }),
    generatePath: /:generateContent$/,
    keySetting: "GEMINI_API_KEY",
    missingModelHint: "Choose a model from the Gemini model list",
  },
];

const servers: FakeServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

/** Rejection of a promise, for assertions on the error object itself. */
async function failureOf(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

/** Every text an error carries: message, stack, and causes all the way down. */
function allText(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 6; current = current.cause, depth += 1) {
    parts.push(current.message, current.stack ?? "", JSON.stringify(current));
  }
  return parts.join("\n");
}

describe.each(harnesses)("$provider", (harness) => {
  const start = async (options: ScriptedReplies = {}) => {
    const server = await harness.start(options);
    servers.push(server);
    return server;
  };
  /** Short timeouts and back-off, so failures take milliseconds. */
  const clientFor = (server: FakeServer | string, overrides: { timeoutMs?: number; retries?: number } = {}) =>
    createModelClient({ ...harness.config(typeof server === "string" ? server : server.url), retryBaseDelayMs: 1, timeoutMs: 5_000, ...overrides });
  const generations = (server: FakeServer) => server.received.filter((request) => harness.generatePath.test(request.path.split("?")[0] ?? "")).length;
  const ask = (server: FakeServer | string, overrides?: { timeoutMs?: number; retries?: number }, model = harness.model) =>
    clientFor(server, overrides).generate({ model, messages: question });

  it("answers in one attempt, with token counts", async () => {
    const server = await start();
    const result = await ask(server);
    expect(result).toMatchObject({ text: "Fake answer to: May I share session notes with a GP?", attempts: 1, model: harness.model });
    expect(result.promptTokens).toBeGreaterThan(0);
    expect(result.completionTokens).toBe(11);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("accepts an empty answer as an answer", async () => {
    const server = await start({ replies: [""] });
    expect(await ask(server)).toMatchObject({ text: "", attempts: 1 });
  });

  it("retries a server error and reports the second attempt", async () => {
    const server = await start({ replies: [{ status: 500 }, "Yes, with consent."] });
    expect(await ask(server)).toMatchObject({ text: "Yes, with consent.", attempts: 2 });
    expect(generations(server)).toBe(2);
  });

  it("waits as long as a rate limit asks before trying again", async () => {
    const server = await start({ replies: [{ status: 429, retryAfterSeconds: 1 }, "Later."] });
    const started = performance.now();
    expect(await ask(server)).toMatchObject({ text: "Later.", attempts: 2 });
    // The back-off base is 1 ms here, so only the server's one second explains the wait.
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("gives up after the configured attempts when the server keeps failing", async () => {
    const server = await start({ script: () => ({ status: 503 }) });
    const error = await failureOf(ask(server, { retries: 2 }));
    expect(error).toMatchObject({ kind: "server_error", upstreamStatus: 503, attempts: 3, code: "bad_gateway", provider: harness.provider, model: harness.model });
    expect(error.message).toContain("3 attempts");
    expect(generations(server)).toBe(3);
  });

  it("times out a slow reply on every attempt, then says so", async () => {
    const server = await start({ script: () => ({ delayMs: 10_000 }) });
    const started = performance.now();
    const error = await failureOf(ask(server, { timeoutMs: 300, retries: 1 }));
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(error).toMatchObject({ kind: "timeout", attempts: 2, code: "gateway_timeout", endpoint: clientFor(server).endpoint });
    expect(error.message).toContain(`did not answer "${harness.model}" within 0.3 s (2 attempts)`);
    expect(generations(server)).toBe(2);
  });

  it("does not retry a model the server does not have, and says what to do", async () => {
    const server = await start();
    const error = await failureOf(ask(server, {}, "no-such-model"));
    expect(error).toMatchObject({ kind: "not_found", upstreamStatus: 404, attempts: 1, model: "no-such-model" });
    expect(error.message).toContain('has no model "no-such-model"');
    expect(error.message).toContain(harness.missingModelHint);
    expect(generations(server)).toBe(1);
  });

  it("does not retry refused credentials, and names the key setting", async () => {
    const server = await start({ replies: [{ status: 401 }] });
    const error = await failureOf(ask(server));
    expect(error).toMatchObject({ kind: "auth", upstreamStatus: 401, attempts: 1, code: "bad_gateway" });
    expect(error.message).toMatch(new RegExp(`refused CAM's credentials \\(HTTP 401.*\\)\\. Check ${harness.keySetting}\\.$`));
  });

  it("does not retry a request the server rejects", async () => {
    const server = await start({ replies: [{ status: 400 }, "never sent"] });
    const error = await failureOf(ask(server));
    expect(error).toMatchObject({ kind: "bad_request", upstreamStatus: 400, attempts: 1 });
    expect(error.message).toContain(`rejected the request to answer with "${harness.model}" (HTTP 400: `);
  });

  it("reports a body that is not JSON as malformed, without retrying", async () => {
    const server = await start({ replies: [{ malformed: true }, "never sent"] });
    const error = await failureOf(ask(server));
    expect(error).toMatchObject({ kind: "malformed", attempts: 1, code: "bad_gateway" });
    expect(error.message).toContain(`${clientFor(server).endpoint} sent an answer from "${harness.model}" that CAM cannot read (the body is not valid JSON`);
    expect(generations(server)).toBe(1);
  });

  it("reports JSON missing the answer's fields as malformed", async () => {
    const server = await start({ replies: [{ body: { note: "not an answer" } }] });
    const error = await failureOf(ask(server));
    expect(error).toMatchObject({ kind: "malformed", attempts: 1 });
    expect(error.message).toMatch(/cannot read \(the .* lacks /);
  });

  it("retries a dropped connection", async () => {
    const server = await start({ replies: [{ drop: true }, "Reconnected."] });
    expect(await ask(server)).toMatchObject({ text: "Reconnected.", attempts: 2 });
  });

  it("reports connections that keep dropping as unreachable after every attempt", async () => {
    const server = await start({ script: () => ({ drop: true }) });
    const error = await failureOf(ask(server, { retries: 2 }));
    expect(error).toMatchObject({ kind: "unreachable", attempts: 3, code: "service_unavailable" });
    expect(error.message).toMatch(/^Cannot reach .* \(.*; 3 attempts\) to answer with/);
    expect(generations(server)).toBe(3);
  });

  it("reports a server that is not listening as unreachable", async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const error = await failureOf(ask(url, { retries: 1 }));
    expect(error).toMatchObject({ kind: "unreachable", attempts: 2, endpoint: harness.provider === "openai" ? `${url}/v1` : url });
    expect(error.message).toContain("connection refused");
  });

  it("stops waiting to retry the moment the caller aborts", async () => {
    const server = await start({ script: () => ({ status: 429, retryAfterSeconds: 20 }) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    const outcome = clientFor(server).generate({ model: harness.model, messages: question, signal: controller.signal });
    await expect(outcome).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(generations(server)).toBe(1);
  });

  it("stops an attempt in flight when the caller aborts, with the caller's reason", async () => {
    const server = await start({ script: () => ({ delayMs: 10_000 }) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("The clinician closed the page.")), 150);
    const outcome = clientFor(server).generate({ model: harness.model, messages: question, signal: controller.signal });
    await expect(outcome).rejects.toThrow("The clinician closed the page.");
    expect(generations(server)).toBe(1);
  });

  it("sends nothing when the caller has already aborted", async () => {
    const server = await start();
    const outcome = clientFor(server).generate({ model: harness.model, messages: question, signal: AbortSignal.abort() });
    await expect(outcome).rejects.toMatchObject({ name: "AbortError" });
    expect(generations(server)).toBe(0);
  });

  it("never puts the API key in an error, even when the server echoes it", async () => {
    const echoes = [
      { status: 401 as const, message: `Incorrect API key provided: ${KEY}.` },
      { status: 400 as const, message: `Bad request from https://api.example/v1?key=${KEY}` },
      { status: 500 as const, message: `upstream refused Authorization: Bearer ${KEY}` },
    ];
    for (const echo of echoes) {
      const server = await start({ script: () => echo });
      const error = await failureOf(ask(server, { retries: 0 }));
      expect(error.message).toContain("****");
      expect(allText(error)).not.toContain(KEY);
    }
    const listing = await failureOf(clientFor(`http://127.0.0.1:${await unusedPort()}`, { retries: 0 }).listModels());
    expect(allText(listing)).not.toContain(KEY);
  });

  it("says which server failed to list its models", async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const error = await failureOf(clientFor(url, { retries: 0 }).listModels());
    expect(error).toMatchObject({ kind: "unreachable", model: undefined, attempts: 1 });
    expect(error.message).toContain("to list its models");
  });
});
