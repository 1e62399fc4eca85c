import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { createJudgeClient } from "@/lib/judges/create-judge-client";
import { defaultJudges, type JudgeConfig } from "@/lib/judges/judge-config";
import { runJudge, type RunJudgeOptions } from "@/lib/judges/run-judge";
import type { JudgeInput } from "@/lib/judges/types";
import { startFakeGemini } from "../fakes/fake-gemini-server";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import { startFakeOpenAi } from "../fakes/fake-openai-server";
import { type FakeServer, type ReceivedRequest, unusedPort } from "../fakes/http-server";
import type { FakeGenerationCall, ScriptedReplies } from "../fakes/scripted-replies";

// runJudge with real clients (built by createJudgeClient from an environment)
// against fake Ollama (generate and chat), OpenAI-compatible and Gemini
// servers: what judges really reply, what goes wrong, and what is retried.

const KEY = "judge-key-7c1e9a";
const thresholds = { allowAtLeast: 4, warnAtLeast: 2.5 };
/** A fast judge, so the shared throttle (6 ms apart) does not slow the tests. */
const fast = { ollamaApi: "generate" as const, enabled: true, requestsPerMinute: 10_000 };

const input: JudgeInput = {
  question: "May I send my client's session notes to their GP?",
  finalAnswer: "Only with the client's consent, unless an exception applies (Privacy Act — APP 6.2(b); see [1]).",
  rawAnswer: "Only with the client's consent, unless an exception applies (see [1]).",
  action: "allow",
  passages: Array.from({ length: 6 }, (_, index) => ({
    rank: index + 1,
    label: `Privacy Act — APP 6.${index + 1}`,
    text: `Clause ${index + 1}: an entity that holds personal information about an individual must not use or disclose it for another purpose. `.repeat(8),
  })),
  digest: "# Regulatory digest\n\n" + "Privacy Act 1988 (Cth): the Australian Privacy Principles govern health information. ".repeat(60),
};

type Harness = {
  name: string;
  judge: JudgeConfig;
  start: (options: ScriptedReplies) => Promise<FakeServer>;
  env: (url: string) => Record<string, string>;
  generatePath: RegExp;
};

const harnesses: Harness[] = [
  {
    name: "MedGemma on Ollama /api/generate",
    judge: { ...fast, id: "medgemma", provider: "ollama", model: "medgemma:4b", ollamaApi: "generate" },
    start: (options) => startFakeOllama({ ...options, models: ["medgemma:4b"] }),
    env: (url) => ({ OLLAMA_HOST: url }),
    generatePath: /^\/api\/generate$/,
  },
  {
    name: "MedGemma on Ollama /api/chat",
    judge: { ...fast, id: "medgemma-chat", provider: "ollama", model: "medgemma:4b", ollamaApi: "chat" },
    start: (options) => startFakeOllama({ ...options, models: ["medgemma:4b"] }),
    env: (url) => ({ OLLAMA_HOST: url }),
    generatePath: /^\/api\/chat$/,
  },
  {
    name: "MedGemma on llama.cpp (OpenAI-compatible)",
    judge: { ...fast, id: "llamacpp", provider: "openai", model: "medgemma-4b-it" },
    start: (options) => startFakeOpenAi({ ...options, apiKey: KEY }),
    env: (url) => ({ OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: KEY }),
    generatePath: /^\/v1\/chat\/completions$/,
  },
  {
    name: "Gemini",
    judge: { ...fast, id: "gemini", provider: "gemini", model: "gemini-2.5-flash" },
    start: (options) => startFakeGemini({ ...options, apiKey: KEY }),
    env: (url) => ({ GEMINI_API_KEY: KEY, GEMINI_BASE_URL: url }),
    generatePath: /:generateContent$/,
  },
];

const servers: FakeServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

const valid = (compliance: number, reasoning = "Accurate and cites APP 6.2(b).") => JSON.stringify({ helpfulness: 4, compliance, reasoning });

describe.each(harnesses)("runJudge with $name", (harness) => {
  const generations = (server: FakeServer): ReceivedRequest[] => server.received.filter((request) => harness.generatePath.test(request.path.split("?")[0] ?? ""));

  /** Starts a fake, builds the judge's client from an environment pointing at it, and judges `input`. */
  async function judgeWith(replies: ScriptedReplies, run: Partial<RunJudgeOptions> = {}, timeoutMs = 5_000) {
    const server = await harness.start(replies);
    servers.push(server);
    const client = createJudgeClient(harness.judge, parseEnv(harness.env(server.url)), { timeoutMs, retryBaseDelayMs: 1 });
    if ("disabled" in client) throw new Error(client.disabled);
    const outcome = await runJudge({ judge: harness.judge, client, input, thresholds, retryBaseDelayMs: 1, ...run });
    return { server, outcome };
  }

  it("scores a valid reply, having asked for JSON at temperature 0", async () => {
    const calls: FakeGenerationCall[] = [];
    const { server, outcome } = await judgeWith({ script: (call) => (calls.push(call), valid(5)) });
    expect(outcome).toEqual({
      status: "scored",
      judgeId: harness.judge.id,
      judgeModel: harness.judge.model,
      helpfulness: 4,
      compliance: 5,
      verdict: "allow",
      reasoning: "Accurate and cites APP 6.2(b).",
      attempts: 1,
      latencyMs: expect.any(Number),
    });
    expect(generations(server)).toHaveLength(1);
    expect(calls[0]?.json).toBe(true);
    expect(calls[0]?.model).toBe(harness.judge.model);
    expect(calls[0]?.lastUserText).toContain(input.question);
    expect(JSON.stringify(calls[0]?.request.body)).toMatch(/"temperature":0/);
  });

  it("reads fenced JSON", async () => {
    const { outcome } = await judgeWith({ replies: ["```json\n" + valid(3) + "\n```"] });
    expect(outcome).toMatchObject({ status: "scored", compliance: 3, verdict: "warn", attempts: 1 });
  });

  it("reads JSON wrapped in prose", async () => {
    const reply = `Here is my assessment of the answer:\n\n${valid(1, "Advises disclosure without consent.")}\n\nI hope this helps.`;
    const { outcome } = await judgeWith({ replies: [reply] });
    expect(outcome).toMatchObject({ status: "scored", compliance: 1, verdict: "block", reasoning: "Advises disclosure without consent." });
  });

  it("reads scores written as strings", async () => {
    const { outcome } = await judgeWith({ replies: ['{"Helpfulness": "4/5", "Compliance": "3.5", "reasoning": "Mostly right."}'] });
    expect(outcome).toMatchObject({ status: "scored", helpfulness: 4, compliance: 3.5, verdict: "warn" });
  });

  it("retries scores outside 0-5, then gives up saying why", async () => {
    const { server, outcome } = await judgeWith({ script: () => '{"helpfulness": 4, "compliance": 7, "reasoning": "x"}' });
    expect(outcome).toMatchObject({ status: "unscored", judgeId: harness.judge.id, judgeModel: harness.judge.model, attempts: 3 });
    expect(outcome.status === "unscored" && outcome.error).toMatch(/^The judge's reply gave compliance 7, outside the 0-5 scale: “.*”; gave up after 3 attempts$/);
    expect(generations(server)).toHaveLength(3);
  });

  it("gives up on a reply that is not JSON", async () => {
    const { outcome } = await judgeWith({ script: () => "The answer looks compliant to me." });
    expect(outcome).toMatchObject({ status: "unscored", attempts: 3 });
    expect(outcome.status === "unscored" && outcome.error).toBe("The judge's reply was not valid JSON: “The answer looks compliant to me.”; gave up after 3 attempts");
  });

  it("sends a shorter prompt after a failed attempt, and scores the retry", async () => {
    const { server, outcome } = await judgeWith({ replies: ["not json", valid(4)] }, { budget: { passageChars: 4_000, digestChars: 2_000 } });
    expect(outcome).toMatchObject({ status: "scored", attempts: 2, verdict: "allow" });
    const [first, second] = generations(server).map((request) => JSON.stringify(request.body));
    expect(second?.length).toBeLessThan((first?.length ?? 0) - 2_000);
    expect(first).toContain("[4] Privacy Act");
    expect(second).not.toContain("[4] Privacy Act");
    expect(second).toContain("[1] Privacy Act");
  });

  it("times out a slow reply on every attempt, then says the judge did not answer", async () => {
    const { server, outcome } = await judgeWith({ script: () => ({ delayMs: 5_000, text: valid(5) }) }, { maxAttempts: 2 }, 300);
    expect(outcome).toMatchObject({ status: "unscored", attempts: 2 });
    expect(outcome.status === "unscored" && outcome.error).toContain(`did not answer "${harness.judge.model}" within 0.3 s`);
    expect(outcome.status === "unscored" && outcome.error).toMatch(/; gave up after 2 attempts$/);
    // The client retries a timeout once inside each of the judge's attempts.
    expect(generations(server)).toHaveLength(4);
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(1_100);
  });

  it("waits out a rate limit and scores", async () => {
    const { outcome } = await judgeWith({ replies: [{ status: 429, retryAfterSeconds: 0 }, valid(4.5)] });
    expect(outcome).toMatchObject({ status: "scored", compliance: 4.5, verdict: "allow" });
  });

  it("never throws for a judge that always fails, and makes exactly maxAttempts attempts", async () => {
    const { server, outcome } = await judgeWith({ script: () => ({ status: 503 }) }, { maxAttempts: 4 });
    expect(outcome).toMatchObject({ status: "unscored", attempts: 4 });
    expect(outcome.status === "unscored" && outcome.error).toMatch(/HTTP 503.*; gave up after 4 attempts$/);
    expect(generations(server)).toHaveLength(8);
  });

  it("counts every attempt in the latency", async () => {
    const { outcome } = await judgeWith({ replies: [{ delayMs: 200, text: "no scores" }, { delayMs: 200, text: valid(5) }] });
    expect(outcome).toMatchObject({ status: "scored", attempts: 2 });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(390);
  });

  it("waits for the throttle before every attempt", async () => {
    let waits = 0;
    const throttle = { wait: async () => void (waits += 1) };
    await judgeWith({ script: () => "nothing useful" }, { throttle });
    expect(waits).toBe(3);
  });

  it("throws only the caller's abort", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("The run was cancelled.")), 150);
    await expect(judgeWith({ script: () => ({ delayMs: 5_000 }) }, { signal: controller.signal })).rejects.toThrow("The run was cancelled.");
  });
});

describe("runJudge against a server that is not there", () => {
  it("returns unscored with the reason instead of throwing", async () => {
    const judge = { ...fast, id: "medgemma", provider: "ollama" as const, model: "medgemma:4b" };
    const client = createJudgeClient(judge, parseEnv({ OLLAMA_HOST: `http://127.0.0.1:${await unusedPort()}` }), { retryBaseDelayMs: 1 });
    if ("disabled" in client) throw new Error(client.disabled);
    const outcome = await runJudge({ judge, client, input, thresholds, maxAttempts: 2, retryBaseDelayMs: 1 });
    expect(outcome).toMatchObject({ status: "unscored", attempts: 2, error: expect.stringMatching(/^Cannot reach Ollama at .*; gave up after 2 attempts$/) });
  });
});

describe("createJudgeClient", () => {
  const [medgemma, gemini] = defaultJudges as [JudgeConfig, JudgeConfig];

  it("disables Gemini without a key, naming the setting", () => {
    expect(createJudgeClient(gemini, parseEnv({}))).toEqual({ disabled: expect.stringContaining("Set GEMINI_API_KEY") });
  });

  it("disables an OpenAI-compatible judge without a server, naming the setting", () => {
    const judge = { ...medgemma, id: "llamacpp", provider: "openai" as const, model: "medgemma-4b-it" };
    expect(createJudgeClient(judge, parseEnv({}))).toEqual({ disabled: expect.stringContaining("Set OPENAI_BASE_URL") });
  });

  it("disables a judge switched off in the settings", () => {
    expect(createJudgeClient({ ...medgemma, enabled: false }, parseEnv({ GEMINI_API_KEY: KEY }))).toEqual({ disabled: 'The "medgemma" judge is switched off in the settings.' });
  });

  it("builds clients for configured providers", () => {
    expect(createJudgeClient(medgemma, parseEnv({ OLLAMA_HOST: "http://gpu-box:11434" }))).toMatchObject({ provider: "ollama", endpoint: "http://gpu-box:11434" });
    expect(createJudgeClient(gemini, parseEnv({ GEMINI_API_KEY: KEY }))).toMatchObject({ provider: "gemini" });
  });
});
