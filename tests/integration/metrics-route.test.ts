import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { type AgentDeps, answerQuestion } from "@/lib/agent/answer-question";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { createJudgeClient } from "@/lib/judges/create-judge-client";
import { judgeConfigSchema } from "@/lib/judges/judge-config";
import { processJudgeJobs } from "@/lib/judges/queue/process-judge-jobs";
import { createModelClient } from "@/lib/llm/create-model-client";
import { seedDatabase } from "@/prisma/seed";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import type { FakeReply } from "../fakes/scripted-replies";
import { parseSamples, sampleValue } from "../support/prometheus-text";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// GET /api/metrics called as Next.js calls it, against a real database, after
// questions answered by the real agent through a fake Ollama: the token is
// required, and the counters move with what the agent did.

const TOKEN = "metrics-route-test-token";
let database: TestDatabase;
let db: Db;
let ollama: FakeServer;
let deps: AgentDeps;
const script: { next?: FakeReply } = {};

beforeAll(async () => {
  database = await createTestDatabase("sqlite", { migrate: true });
  process.env.DATABASE_URL = database.url;
  process.env.METRICS_TOKEN = TOKEN;
  process.env.LOG_LEVEL = "silent";
  db = database.db();
  await seedDatabase(db, { adminEmail: "admin@hospital.example", adminPassword: "an-admin-password" });
  ollama = await startFakeOllama({ models: ["gemma3:4b", "medgemma:4b"], script: () => script.next });
  const client = createModelClient({ provider: "ollama", host: ollama.url, retries: 1, retryBaseDelayMs: 10 });
  deps = {
    db,
    retrieve: async () => {
      throw new Error("scenario A does not retrieve");
    },
    modelClient: () => client,
  };
});
afterAll(async () => {
  await ollama?.close();
  await database?.drop();
});

async function scrape(authorization?: string, cookie?: string): Promise<{ status: number; type: string | null; text: string }> {
  const headers = new Headers({ host: "cam.hospital.example" });
  if (authorization !== undefined) headers.set("authorization", authorization);
  if (cookie) headers.set("cookie", cookie);
  const response = await GET(new NextRequest("http://cam.hospital.example/api/metrics", { headers }), { params: Promise.resolve({}) });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

async function metricsText(): Promise<string> {
  const result = await scrape(`Bearer ${TOKEN}`);
  expect(result.status, result.text).toBe(200);
  return result.text;
}

const ask = (question: string, reply: FakeReply) => {
  script.next = reply;
  return answerQuestion(deps, { question, scenarioId: "A", userId: null, source: "api" });
};

describe("GET /api/metrics", () => {
  it("answers 401 without the token, with a wrong one, and to a session cookie", async () => {
    for (const authorization of [undefined, "Bearer wrong-token", `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, "Bearer cam_not-a-metrics-token"]) {
      const result = await scrape(authorization);
      expect(result.status, String(authorization)).toBe(401);
      expect(JSON.parse(result.text).error).toMatchObject({ code: "unauthenticated", message: expect.stringContaining("METRICS_TOKEN") });
    }
    // An admin's session opens the console, not the metrics.
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@hospital.example" } });
    const { token } = await createSession(db, admin.id);
    expect((await scrape(undefined, `${SESSION_COOKIE}=${token}`)).status).toBe(401);
  });

  it("answers 200 in the Prometheus text format with the token", async () => {
    const result = await scrape(`Bearer ${TOKEN}`);
    expect(result.status).toBe(200);
    expect(result.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(result.text).toMatch(/^# HELP cam_exchanges_total /m);
    expect(result.text).toMatch(/^# TYPE cam_stage_duration_seconds histogram$/m);
    // Every line parses, and the process metrics are there too.
    expect(parseSamples(result.text).some((sample) => sample.name === "process_cpu_seconds_total")).toBe(true);
    expect(sampleValue(result.text, "cam_database_up")).toBe(1);
  });

  it("counts an answered question's decision, findings and stage times", async () => {
    const before = await metricsText();
    const answer = await ask("Should a patient's notes be kept private?", "Yes, keep them private.");
    // The reply lacks the disclaimer, so the rule warns and the disclaimer is added.
    expect(answer.action).toBe("warn");
    expect(answer.findings.map((finding) => finding.ruleId)).toContain("missing-disclaimer");
    const after = await metricsText();
    const moved = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(moved("cam_exchanges_total", { action: "warn", scenario: "A" })).toBe(1);
    expect(moved("cam_exchanges_total", { action: "allow", scenario: "A" })).toBe(0);
    for (const finding of answer.findings) expect(moved("cam_findings_total", { rule: finding.ruleId, severity: finding.severity }), finding.ruleId).toBe(1);
    expect(moved("cam_stage_duration_seconds_count", { stage: "generation", model: "gemma3:4b" })).toBe(1);
    expect(moved("cam_stage_duration_seconds_count", { stage: "audit", model: "gemma3:4b" })).toBe(1);
    expect(moved("cam_stage_duration_seconds_count", { stage: "retrieval", model: "gemma3:4b" })).toBe(0);
    // Nothing of the question or answer appears in the metrics.
    expect(after).not.toMatch(/private|notes/i);
  });

  it("counts a model server's failure by provider and kind", async () => {
    const before = await metricsText();
    await expect(ask("What does the code say about documentation?", { status: 500 })).rejects.toThrow();
    const after = await metricsText();
    const labels = { provider: "ollama", kind: "server_error" };
    expect(sampleValue(after, "cam_model_errors_total", labels) - sampleValue(before, "cam_model_errors_total", labels)).toBe(1);
    const failures = { stage: "generation", scenario: "A" };
    expect(sampleValue(after, "cam_exchange_failures_total", failures) - sampleValue(before, "cam_exchange_failures_total", failures)).toBe(1);
  });

  it("counts the background judges' scores and failures", async () => {
    const medgemma = judgeConfigSchema.parse({ id: "medgemma", provider: "ollama", model: "medgemma:4b", requestsPerMinute: 10_000 });
    // Without GEMINI_API_KEY this judge is disabled, so its job ends unscored.
    const gemini = judgeConfigSchema.parse({ id: "gemini", provider: "gemini", model: "gemini-2.5-flash" });
    const exchange = await db.exchange.findFirstOrThrow({ where: { error: null }, select: { id: true } });
    await db.judgeJob.createMany({ data: [{ exchangeId: exchange.id, judgeId: "medgemma" }, { exchangeId: exchange.id, judgeId: "gemini" }] });
    const before = await metricsText();
    script.next = JSON.stringify({ helpfulness: 4, compliance: 3, reasoning: "Grounded and careful." });
    const finished = await processJudgeJobs({
      db,
      workerId: "metrics-test",
      judges: [medgemma, gemini],
      thresholds: { allowAtLeast: 4, warnAtLeast: 2.5 },
      digest: async () => "",
      clientFor: (judge) => createJudgeClient(judge, parseEnv({ OLLAMA_HOST: ollama.url }), { retryBaseDelayMs: 5 }),
      retryBaseDelayMs: 5,
    });
    expect(finished).toBe(2);
    const after = await metricsText();
    const moved = (name: string, judge: string) => sampleValue(after, name, { judge }) - sampleValue(before, name, { judge });
    expect(moved("cam_judge_compliance_score_count", "medgemma")).toBe(1);
    expect(moved("cam_judge_compliance_score_sum", "medgemma")).toBe(3);
    expect(moved("cam_judge_helpfulness_score_sum", "medgemma")).toBe(4);
    expect(moved("cam_judge_failures_total", "medgemma")).toBe(0);
    expect(moved("cam_judge_failures_total", "gemini")).toBe(1);
  });

  it("reads the judge queue and evaluation runs from the database at each scrape", async () => {
    const exchange = await db.exchange.findFirstOrThrow({ select: { id: true } });
    await db.judgeJob.createMany({
      data: [
        { exchangeId: exchange.id, judgeId: "judge-a", status: "pending" },
        { exchangeId: exchange.id, judgeId: "judge-b", status: "pending" },
        { exchangeId: exchange.id, judgeId: "judge-c", status: "done" },
      ],
    });
    const run = { questions: [], scenarioIds: [], judgeIds: [], options: {} };
    await db.evaluationRun.createMany({
      data: [
        { ...run, status: "completed", failedItems: 1 },
        { ...run, status: "completed", failedItems: 0 },
        { ...run, status: "failed" },
      ],
    });
    const text = await metricsText();
    expect(sampleValue(text, "cam_judge_jobs", { status: "pending" })).toBe(2);
    expect(sampleValue(text, "cam_judge_jobs", { status: "running" })).toBe(0);
    expect(sampleValue(text, "cam_evaluation_runs", { status: "completed" })).toBe(2);
    expect(sampleValue(text, "cam_evaluation_runs", { status: "failed" })).toBe(1);
    expect(sampleValue(text, "cam_evaluation_runs", { status: "queued" })).toBe(0);
    expect(sampleValue(text, "cam_evaluation_runs_with_failed_items")).toBe(1);
  });
});
