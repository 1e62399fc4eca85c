import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentDeps, answerQuestion } from "@/lib/agent/answer-question";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createModelClient } from "@/lib/llm/create-model-client";
import { buildStore } from "@/lib/pipeline/build-store";
import { readSourceCatalogue } from "@/lib/pipeline/source-catalogue";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { openExchangeColumns } from "@/lib/privacy/open-sealed-columns";
import { loadStore } from "@/lib/retrieval/load-store";
import { searchLoadedStore } from "@/lib/retrieval/search-loaded-store";
import { settingsSchema } from "@/lib/schemas/settings";
import { seedDatabase } from "@/prisma/seed";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import type { FakeReply } from "../fakes/scripted-replies";
import { activateSettings } from "../support/activate-settings";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, providers, type TestDatabase } from "../support/test-databases";

// The agent in-process against a real database (SQLite and PostgreSQL), a real
// store built from corpus documents and a fake Ollama whose answers each test scripts.

let ollama: FakeServer;
let store: Awaited<ReturnType<typeof loadStore>>;
const script: { next?: FakeReply } = {};

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), "cam-agent-"));
  mkdirSync(join(work, "docs"));
  for (const file of ["allowah_nursing_practice_standards_code_of_conduct_policy.pdf", "wma_declaration_of_helsinki_2013.pdf"]) {
    copyFileSync(corpusPath(`health_docs/${file}`), join(work, "docs", file));
  }
  const catalogue = readSourceCatalogue("health_docs/sources.tsv");
  await buildStore({ docsDir: join(work, "docs"), storeDir: join(work, "store"), catalogue, embedder: null, chunking: { chunkWords: 280, overlapWords: 60 } });
  store = await loadStore(join(work, "store"), { catalogue });
  ollama = await startFakeOllama({ script: () => script.next });
});
afterAll(() => ollama.close());

describe.each(providers)("answerQuestion on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let userId: string;
  let otherUserId: string;
  let deps: AgentDeps;

  beforeAll(async () => {
    database = await createTestDatabase(provider, { migrate: true });
    db = database.db();
    await seedDatabase(db, { adminEmail: "admin@hospital.example", adminPassword: "an-admin-password" });
    userId = (await db.user.create({ data: { email: "nina@hospital.example", name: "Nina", role: "clinician" } })).id;
    otherUserId = (await db.user.create({ data: { email: "omar@hospital.example", name: "Omar", role: "clinician" } })).id;
    const client = createModelClient({ provider: "ollama", host: ollama.url, retries: 1, retryBaseDelayMs: 10 });
    deps = {
      db,
      retrieve: (query) => searchLoadedStore({ store, embedder: null, ...query }),
      modelClient: () => client,
    };
  });
  afterAll(() => database.drop());

  const chatRequests = () => ollama.received.filter((request) => request.path === "/api/chat");
  const ask = (question: string, reply: FakeReply | undefined, extra: Partial<Parameters<typeof answerQuestion>[1]> = {}) => {
    script.next = reply;
    return answerQuestion(deps, { question, scenarioId: "B", userId, source: "console", ...extra });
  };

  it("grounds the answer in numbered sources, expands its citations and records everything once", async () => {
    const disclaimer = settingsSchema.parse({}).answer.disclaimer;
    const answer = await ask(
      "When may a nurse disclose information about a person without consent?",
      `Nurses must seek informed consent before disclosing information (see [1]).\n\n${disclaimer}`,
    );
    expect(answer.action).toBe("allow");
    expect(answer.text).toMatch(/^Nurses must seek informed consent before disclosing information \(Allowah Nursing Practice Standards and Code of Conduct Policy \(2023\)[^;]*; see \[1\]\)\./);
    expect(answer.citations[0]).toMatchObject({ rank: 1, cited: true, sourceTitle: "Allowah Nursing Practice Standards and Code of Conduct Policy (2023)" });

    const sent = chatRequests().at(-1)?.body as { model: string; messages: { role: string; content: string }[]; options: Record<string, unknown> };
    expect(sent.model).toBe("gemma3:4b");
    expect(sent.messages[0]?.content).toContain("[1] Allowah Nursing Practice Standards");
    expect(sent.options).toMatchObject({ temperature: 0.2, num_ctx: 8192, num_predict: 768 });

    const records = await db.exchange.findMany({ where: { id: answer.exchangeId }, include: { passages: true, findings: true } });
    expect(records).toHaveLength(1);
    // Stored sealed: nothing of the texts is readable in the row itself.
    for (const column of ["question", "prompt", "rawAnswer", "finalAnswer"] as const) expect(records[0]![column]).toMatch(/^cam1\.test-key\./);
    const record = openExchangeColumns(getKeyring(env()), records[0]!);
    expect(record).toMatchObject({ action: "allow", scenarioId: "B", model: "gemma3:4b", retrieval: true, ruleSetVersion: 1, settingsVersion: 1, error: null });
    expect(record.rawAnswer).toContain("(see [1])");
    expect(record.finalAnswer).toBe(answer.text);
    expect(record.prompt).toContain("### system");
    expect(answer.findings.every((finding) => !("evidence" in finding))).toBe(true);
    expect(record.passages.length).toBe(answer.citations.length);
    expect(record.storeVersion).toBe(answer.versions.store);
    expect(Object.keys(record.latency as object).sort()).toEqual(["auditMs", "checkingMs", "generationMs", "retrievalMs", "totalMs"]);
  });

  it("records a question and an answer that hold a lone surrogate (a JSON escape can make one) with U+FFFD in its place", async () => {
    const disclaimer = settingsSchema.parse({}).answer.disclaimer;
    const answer = await ask("May a nurse share notes \ud83d without consent?", `Nurses must seek consent \udc4d first (see [1]).\n\n${disclaimer}`);
    expect(answer.text).toContain("seek consent \ufffd first");
    const stored = await db.exchange.findUniqueOrThrow({ where: { id: answer.exchangeId }, include: { passages: true, findings: true } });
    const record = openExchangeColumns(getKeyring(env()), stored);
    expect(record.question).toBe("May a nurse share notes \ufffd without consent?");
    expect(record.rawAnswer).toContain("seek consent \ufffd first");
  });

  it("fits the prompt to the admins' context budget when it is below the model's window", async () => {
    const question = "What does the code say about social media?";
    const full = await ask(question, "Nurses must not post about people (see [1]).");
    await activateSettings(db, (values) => ({ ...values, retrieval: { ...values.retrieval, contextBudgetTokens: 2048 } }));
    try {
      const budgeted = await ask(question, "Nurses must not post about people (see [1]).");
      expect(budgeted.citations.length).toBeGreaterThan(0);
      expect(budgeted.citations.length).toBeLessThan(full.citations.length);
      expect(budgeted.notes.join(" ")).toMatch(/retrieved passage\(s\) did not fit the context budget/);
    } finally {
      await activateSettings(db, (values) => ({ ...values, retrieval: { ...values.retrieval, contextBudgetTokens: settingsSchema.parse({}).retrieval.contextBudgetTokens } }));
    }
  });

  it("answers with the fallback and does not ask the model when no passage passes the threshold", async () => {
    const before = chatRequests().length;
    const answer = await ask("sourdough croissant lamination", "should not be used");
    expect(chatRequests().length).toBe(before);
    expect(answer.text).toContain("do not cover this question");
    // It is an ordinary, checked answer: with the disclaimer, nothing to warn about.
    expect(answer).toMatchObject({ action: "allow", findings: [] });
    expect(answer.citations).toEqual([]);
    expect(answer.notes).toContain("No passage passed the similarity threshold, so the model was not asked.");
  });

  it("continues a conversation with its earlier turns, and keeps other people's conversations private", async () => {
    const first = await ask("What does the code say about confidentiality?", "Confidentiality must be protected.");
    expect(first.conversationId).toBeTruthy();
    await ask("And what about consent?", "Consent comes first.", { conversationId: first.conversationId as string });
    const messages = (chatRequests().at(-1)?.body as { messages: { role: string; content: string }[] }).messages;
    expect(messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(messages[1]?.content).toBe("What does the code say about confidentiality?");
    await expect(ask("Let me in", "x", { conversationId: first.conversationId as string, userId: otherUserId })).rejects.toThrow(
      /belongs to someone else/,
    );
  });

  it("records a model failure, names the server, and gives no answer", async () => {
    await expect(ask("What does the code say about documentation?", { status: 500 })).rejects.toThrow(
      new RegExp(`Ollama at ${ollama.url.replace(/[.]/g, "\\.")}.*recorded as \\w+`),
    );
    const failed = await db.exchange.findFirstOrThrow({ where: { errorStage: "generation" }, orderBy: { createdAt: "desc" } });
    expect(failed).toMatchObject({ action: "block", rawAnswer: null });
  });

  it("withholds the answer when the rules cannot be evaluated, and records why", async () => {
    const current = await db.ruleSetVersion.findFirstOrThrow({ where: { status: "active" } });
    const broken = [...(current.rules as object[]), { id: "mystery", version: 1, description: "d", message: "m", severity: "warn", check: { kind: "builtin", name: "no-such-check" }, clauses: [], enabled: true }];
    await db.ruleSetVersion.update({ where: { version: current.version }, data: { status: "superseded" } });
    const brokenVersion = await db.ruleSetVersion.create({ data: { rules: broken, status: "active" } });
    try {
      const answer = await ask("What does the code say about social media?", "Nurses must not post about people.");
      expect(answer).toMatchObject({ action: "block", withheld: true, needsReview: true });
      expect(answer.text).not.toContain("Nurses must not post");
      const record = openExchangeColumns(getKeyring(env()), await db.exchange.findUniqueOrThrow({ where: { id: answer.exchangeId } }));
      expect(record).toMatchObject({ errorStage: "checking", rawAnswer: "Nurses must not post about people." });
      expect(record.error).toMatch(/no-such-check/);
    } finally {
      await db.ruleSetVersion.update({ where: { version: brokenVersion.version }, data: { status: "superseded" } });
      await db.ruleSetVersion.update({ where: { version: current.version }, data: { status: "active" } });
    }
  });

  it("refuses an over-long question and an unknown scenario before doing anything", async () => {
    await expect(ask("x".repeat(4001), "unused")).rejects.toThrow(/4,001 characters long; the limit is 4,000/);
    await expect(ask("q?", "unused", { scenarioId: "Z" })).rejects.toThrow(/There is no enabled scenario "Z". Choose one of: A, B, C, D, E, F/);
  });

  it("limits how many questions one person asks per minute, saying when a place frees up", async () => {
    const busy = (await db.user.create({ data: { email: "busy@hospital.example", name: "Busy", role: "clinician" } })).id;
    const limit = settingsSchema.parse({}).limits.chatRequestsPerMinute;
    // The oldest question in the window was asked 45 s ago, so it leaves the window in about 15 s.
    await db.exchange.createMany({
      data: Array.from({ length: limit }, (_, i) => ({
        createdAt: new Date(Date.now() - 45_000 + i * 100),
        source: "console" as const, userId: busy, scenarioId: "A", provider: "ollama" as const, model: "m", retrieval: false, options: {},
        question: "q", finalAnswer: "a", action: "allow" as const, latency: {}, totalMs: 1, ruleSetVersion: 1, settingsVersion: 1,
      })),
    });
    const refused = await ask("One more?", "unused", { userId: busy }).then(
      () => undefined,
      (error: unknown) => error as AppError,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused?.message).toMatch(new RegExp(`^You have asked ${limit} questions in the last minute, the most allowed\\. Try again in 1[3-6] seconds\\.$`));
    expect(refused).toMatchObject({ code: "rate_limited", status: 429, retryAfterSeconds: expect.any(Number) });
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(13);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(16);
  });
});
