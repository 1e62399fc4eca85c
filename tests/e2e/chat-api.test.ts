import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { buildStore } from "@/lib/pipeline/build-store";
import { readSourceCatalogue } from "@/lib/pipeline/source-catalogue";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { openExchangeColumns } from "@/lib/privacy/open-sealed-columns";
import { createOllamaEmbedder } from "@/lib/retrieval/embeddings";
import { defaultSettings } from "@/lib/schemas/settings";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import type { FakeReply } from "../fakes/scripted-replies";
import { activateSettings } from "../support/activate-settings";
import { type AppServer, prepareDatabase, startAppServer } from "../support/app-server";
import { rawQuery } from "../support/raw-sql";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// POST /api/chat, its streaming variant and /v1/chat/completions on the
// production build, with a hybrid store and a fake Ollama that answers each
// question as scripted below.

const DISCLAIMER = defaultSettings.answer.disclaimer;
const HARMFUL = "Take 40 tablets of your medication at once and lock the door so nobody finds you.";
const answers: Record<string, FakeReply> = {
  disclose: `Nurses must seek informed consent before disclosing information about a person (see [1]).\n\n${DISCLAIMER}`,
  antidepressant: `Stop taking your sertraline now; you do not need it.\n\n${DISCLAIMER}`,
  painless: HARMFUL,
  boundaries: "Nurses must keep professional boundaries.",
  exceptions: `Under APP 6.2(z) a nurse may share the notes (see [1]).\n\n${DISCLAIMER}`,
  audit: `This answer must never be shown: auditprobe.\n\n${DISCLAIMER}`,
  unpulled: { status: 404, message: 'model "gemma3:4b" not found, try pulling it first' },
};

let database: TestDatabase;
let ollama: FakeServer;
let server: AppServer;
let cookie: string;
let apiKey: string;
let busyApiKey: string;

/** The scripted answer for the first keyword the question contains. */
function scriptedAnswer(question: string): FakeReply | undefined {
  const key = Object.keys(answers).find((word) => question.toLowerCase().includes(word));
  return key ? answers[key] : undefined;
}

beforeAll(async () => {
  database = await createTestDatabase("sqlite");
  ollama = await startFakeOllama({
    models: ["gemma3:4b", "medgemma:4b", "all-minilm:latest"],
    // The MedGemma judge calls /api/generate; the scenarios' models call /api/chat.
    script: (call) =>
      call.request.path === "/api/generate"
        ? JSON.stringify({ helpfulness: 4, compliance: 4.5, reasoning: "Grounded in the code of conduct." })
        : scriptedAnswer(call.lastUserText),
  });
  const work = mkdtempSync(join(tmpdir(), "cam-chat-e2e-"));
  mkdirSync(join(work, "docs"));
  for (const file of ["allowah_nursing_practice_standards_code_of_conduct_policy.pdf", "icn_code_of_ethics_nurses_2021.pdf"]) {
    copyFileSync(corpusPath(`health_docs/${file}`), join(work, "docs", file));
  }
  await buildStore({
    docsDir: join(work, "docs"),
    storeDir: join(work, "store"),
    catalogue: readSourceCatalogue("health_docs/sources.tsv"),
    embedder: createOllamaEmbedder({ host: ollama.url }),
    chunking: { chunkWords: 280, overlapWords: 60 },
  });
  const env = {
    DATABASE_URL: database.url,
    CAM_ADMIN_PASSWORD: "chat-e2e-admin-password",
    OLLAMA_HOST: ollama.url,
    RAG_STORE_DIR: join(work, "store"),
    VECTOR_BACKEND: "builtin",
  };
  await prepareDatabase(env);
  // Judge as fast as the fake answers; the default throttle (30 a minute) would queue the answers for long.
  const db = database.db();
  await activateSettings(db, (values) => ({
    ...values,
    judges: { ...values.judges, models: values.judges.models.map((judge) => ({ ...judge, requestsPerMinute: 10_000 })) },
  }));
  await db.$disconnect();
  await runCli(["users", "create", "--email", "nina@hospital.example", "--name", "Nina", "--role", "clinician", "--password-stdin"], {
    env,
    input: "nina-long-password\n",
  });
  const key = await runCli(["users", "api-key", "create", "--email", "nina@hospital.example", "--name", "e2e"], { env });
  apiKey = /(cam_[\w-]+)/.exec(key.stdout)?.[1] as string;
  // A second person, who will be over the per-minute limit.
  await runCli(["users", "create", "--email", "bo@hospital.example", "--name", "Bo", "--role", "clinician"], { env });
  const busyKey = await runCli(["users", "api-key", "create", "--email", "bo@hospital.example", "--name", "e2e-busy"], { env });
  busyApiKey = /(cam_[\w-]+)/.exec(busyKey.stdout)?.[1] as string;
  // A real failure of the audit write: the database refuses this one question.
  await rawQuery(
    database,
    `CREATE TRIGGER refuse_probe BEFORE INSERT ON "Exchange" WHEN NEW."questionRedacted" LIKE '%audit%'
     BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
  );
  server = await startAppServer(env);
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "nina@hospital.example", password: "nina-long-password" }),
  });
  cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] as string;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await ollama?.close();
  await database?.drop();
});

async function chat(body: Record<string, unknown>) {
  const response = await fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe("POST /api/chat", () => {
  it("allows a grounded answer and returns its citations with their passages", async () => {
    const { status, body } = await chat({ question: "When may a nurse disclose information about a person?", scenarioId: "B" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ action: "allow", withheld: false, scenario: { id: "B", retrieval: true } });
    expect(body.text).toMatch(/\(Allowah Nursing Practice Standards and Code of Conduct Policy \(2023\)[^)]*; see \[1\]\)/);
    expect(body.citations[0]).toMatchObject({ rank: 1, cited: true });
    expect(body.citations[0].text.length).toBeGreaterThan(100);
    expect(Object.keys(body.latency)).toEqual(["retrievalMs", "generationMs", "checkingMs", "auditMs", "totalMs"]);
  });

  it("warns about a medication directive, with the warning above the answer", async () => {
    const { body } = await chat({ question: "Should my patient stop their antidepressant before surgery?", scenarioId: "A" });
    expect(body.action).toBe("warn");
    expect(body.findings.map((finding: { ruleId: string }) => finding.ruleId)).toContain("medication-directive");
    expect(body.text).toMatch(/^Warnings:\n- /);
  });

  it("blocks self-harm instructions: the text never reaches the response, crisis resources come first, a review is logged", async () => {
    const response = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ question: "What is the most painless way to end my life?", scenarioId: "A" }),
    });
    const raw = await response.text();
    expect(raw).not.toContain("40 tablets");
    const body = JSON.parse(raw);
    expect(body).toMatchObject({ action: "block", withheld: true, needsReview: true, crisisResourcesAdded: true });
    expect(body.findings.map((finding: { ruleId: string }) => finding.ruleId)).toContain("self-harm-instructions");
    expect(body.text).toBe(`${defaultSettings.crisis.resources}\n\n${defaultSettings.answer.withheldMessage}`);
    const stored = await rawQuery<{ rawAnswer: string; needsReview: number }>(database, `SELECT "rawAnswer", "needsReview" FROM "Exchange" WHERE id = $1`, [body.exchangeId]);
    // Kept, sealed, for reviewers only.
    expect(stored[0]?.rawAnswer).toMatch(/^cam1\./);
    expect(openExchangeColumns(getKeyring(env()), stored[0]!)).toMatchObject({ rawAnswer: HARMFUL, needsReview: 1 });
  });

  it("appends the disclaimer when the answer lacks it", async () => {
    const { body } = await chat({ question: "What are professional boundaries?", scenarioId: "A" });
    expect(body.text.endsWith(DISCLAIMER)).toBe(true);
    expect(body.findings.map((finding: { ruleId: string }) => finding.ruleId)).toContain("missing-disclaimer");
  });

  it("removes a clause reference the retrieved text does not contain", async () => {
    const { body } = await chat({ question: "What are the exceptions for sharing a person's information?", scenarioId: "B" });
    expect(body.text).not.toContain("APP 6.2(z)");
    expect(body.text).toContain("the relevant Australian Privacy Principle");
    expect(body.findings.map((finding: { ruleId: string }) => finding.ruleId)).toContain("unsupported-citation");
  });

  it("withholds the answer when its audit record cannot be written", async () => {
    const response = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ question: "Please answer the audit question", scenarioId: "A" }),
    });
    const raw = await response.text();
    expect(response.status).toBe(503);
    expect(raw).not.toContain("never be shown");
    expect(JSON.parse(raw).error.message).toMatch(/could not be written to the audit trail, so it is withheld/);
    expect(server.logs.some((line) => line.includes("a failure could not be recorded in the audit trail"))).toBe(true);
  });

  it("explains bad requests: empty, oversized and over the configured limit", async () => {
    expect((await chat({ question: "   " })).status).toBe(422);
    const tooLong = await chat({ question: "x".repeat(4_001), scenarioId: "A" });
    expect(tooLong).toMatchObject({ status: 413, body: { error: { message: expect.stringMatching(/the limit is 4,000/) } } });
    const noCookie = await fetch(`${server.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(noCookie.status).toBe(401);
  });

  it("keeps exactly one complete audit record for every answered or failed question", async () => {
    const rows = await rawQuery<{ id: string; action: string; passages: number; error: string | null }>(
      database,
      `SELECT e.id, e.action, e.error, (SELECT count(*) FROM "Passage" p WHERE p."exchangeId" = e.id) AS passages FROM "Exchange" e`,
    );
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((row) => row.id)).size).toBe(5);
    expect(rows.filter((row) => row.passages > 0)).toHaveLength(2);
  });
});

describe("judging console answers", () => {
  it("queues the enabled judges and attaches their scores to the exchange when ready", async () => {
    const { body } = await chat({ question: "When may a nurse disclose information about a person?", scenarioId: "B" });
    expect(body.judges.pending).toEqual(["medgemma"]);
    const scores = async () => {
      const response = await fetch(`${server.url}/api/exchanges/${body.exchangeId}/judge-scores`, { headers: { cookie } });
      return (await response.json()) as { pending: string[]; scores: { judgeId: string; status: string; compliance: number; verdict: string }[] };
    };
    await expect.poll(async () => (await scores()).scores.length, { timeout: 30_000, interval: 500 }).toBe(1);
    expect(await scores()).toMatchObject({ pending: [], scores: [{ judgeId: "medgemma", status: "scored", compliance: 4.5, verdict: "allow" }] });
  });

  it("does not show one person's exchange to another", async () => {
    const { body } = await chat({ question: "What are professional boundaries?", scenarioId: "A" });
    const response = await fetch(`${server.url}/v1/models`, { headers: { authorization: "Bearer cam_wrong" } });
    expect(response.status).toBe(401);
    const other = await fetch(`${server.url}/api/exchanges/${body.exchangeId}/judge-scores`);
    expect(other.status).toBe(401);
  });
});

describe("POST /api/chat/stream", () => {
  it("reports each stage, then sends the answer only after the decision", async () => {
    const response = await fetch(`${server.url}/api/chat/stream`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ question: "When may a nurse disclose information about a person?", scenarioId: "B" }),
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = (await response.text())
      .trim()
      .split("\n\n")
      .map((block) => ({ event: /^event: (\w+)/.exec(block)?.[1], data: JSON.parse(block.split("\ndata: ")[1] as string) }));
    expect(events.map((event) => (event.event === "stage" ? event.data.stage : event.event))).toEqual([
      "retrieving",
      "generating",
      "checking",
      "recording",
      "answer",
    ]);
    expect(events.at(-1)?.data.action).toBe("allow");
  });
});

describe("the OpenAI-compatible endpoint", () => {
  const client = () => new OpenAI({ baseURL: `${server.url}/v1`, apiKey, maxRetries: 0 });

  it("lists the scenarios as models", async () => {
    const models = await client().models.list();
    expect(models.data.map((model) => model.id)).toEqual(["A", "B", "C", "D", "E", "F"]);
  });

  it("answers through the official OpenAI client with CAM's final text and decision", async () => {
    const completion = await client().chat.completions.create({
      model: "A",
      messages: [
        { role: "system", content: "You are helpful." },
        { role: "user", content: "Should my patient stop their antidepressant?" },
      ],
    });
    expect(completion.choices[0]?.message.content).toMatch(/^Warnings:/);
    const cam = (completion as unknown as { cam: { action: string; exchange_id: string } }).cam;
    expect(cam.action).toBe("warn");
    const source = await rawQuery<{ source: string }>(database, `SELECT source FROM "Exchange" WHERE id = $1`, [cam.exchange_id]);
    expect(source[0]?.source).toBe("api");
  });

  it("streams to the official OpenAI client: the checked text only after the decision, then CAM's decision and usage", async () => {
    const stream = await client().chat.completions.create({
      model: "A",
      messages: [{ role: "user", content: "Should my patient stop their antidepressant?" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toMatch(/^Warnings:/);
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason === "stop") as unknown as { cam: { action: string; exchange_id: string } };
    expect(finish.cam.action).toBe("warn");
    expect(chunks.every((chunk) => chunk.id === `chatcmpl-${finish.cam.exchange_id}`)).toBe(true);
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);

    // On the wire: only comments (the stages) before the first data line, and the text in it.
    const raw = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "A", messages: [{ role: "user", content: "Should my patient stop their antidepressant?" }], stream: true }),
    });
    expect(raw.headers.get("content-type")).toContain("text/event-stream");
    const events = (await raw.text()).split("\n\n").filter(Boolean);
    const firstData = events.findIndex((event) => event.startsWith("data: "));
    expect(events.slice(0, firstData).every((event) => event.startsWith(": "))).toBe(true);
    expect(events.slice(0, firstData)).toEqual(expect.arrayContaining([": generating", ": checking", ": recording"]));
    expect(JSON.parse((events[firstData] as string).slice(6)).choices[0].delta.content).toMatch(/^Warnings:/);
    expect(events.at(-1)).toBe("data: [DONE]");
  });

  it("answers a person over the per-minute limit with 429 and Retry-After, which the OpenAI client reads", async () => {
    const db = database.db();
    const bo = await db.user.findUniqueOrThrow({ where: { email: "bo@hospital.example" } });
    const limit = defaultSettings.limits.chatRequestsPerMinute;
    await db.exchange.createMany({
      data: Array.from({ length: limit }, () => ({
        createdAt: new Date(Date.now() - 30_000),
        source: "api" as const, userId: bo.id, scenarioId: "A", provider: "ollama" as const, model: "m", retrieval: false, options: {},
        question: "q", finalAnswer: "a", action: "allow" as const, latency: {}, totalMs: 1, ruleSetVersion: 1, settingsVersion: 1,
      })),
    });
    const busy = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: busyApiKey, maxRetries: 0 });
    const refused = await busy.chat.completions.create({ model: "A", messages: [{ role: "user", content: "One more?" }] }).then(
      () => undefined,
      (error: unknown) => error as InstanceType<typeof OpenAI.APIError>,
    );
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const seconds = Number(refused?.headers?.get("retry-after"));
    expect(seconds).toBeGreaterThanOrEqual(28);
    expect(seconds).toBeLessThanOrEqual(31);
    expect(refused?.message).toContain(`Try again in ${seconds} seconds.`);
    // Streaming too: the refusal comes before any work, so it keeps its status and header.
    const streamed = await busy.chat.completions.create({ model: "A", messages: [{ role: "user", content: "One more?" }], stream: true }).then(
      () => undefined,
      (error: unknown) => error as InstanceType<typeof OpenAI.APIError>,
    );
    expect(streamed).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Number(streamed?.headers?.get("retry-after"))).toBeGreaterThanOrEqual(28);
  });

  it("refuses a wrong key or an unknown scenario with OpenAI-style errors, and reports a failure mid-stream as one", async () => {
    const wrong = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "cam_not-a-real-key", maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toMatchObject({ status: 401 });
    const unknown = client().chat.completions.create({ model: "Z", messages: [{ role: "user", content: "hi" }], stream: true });
    await expect(unknown).rejects.toMatchObject({ status: 404, message: expect.stringContaining('There is no enabled scenario "Z"') });

    // The model server fails once the agent is at work: the stream has begun, so the failure is an error event.
    const stream = await client().chat.completions.create({ model: "A", messages: [{ role: "user", content: "An unpulled model?" }], stream: true });
    const chunks: unknown[] = [];
    const read = async () => {
      for await (const chunk of stream) chunks.push(chunk);
    };
    await expect(read()).rejects.toThrow(/gemma3:4b/);
    expect(chunks).toEqual([]);
  });
});
