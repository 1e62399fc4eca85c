import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getExchangeRoute } from "@/app/api/exchanges/[id]/route";
import { GET as listLabelsRoute, POST as addLabelRoute } from "@/app/api/exchanges/[id]/labels/route";
import { GET as exportRoute } from "@/app/api/exchanges/export/route";
import { GET as searchRoute } from "@/app/api/exchanges/route";
import { addReviewLabel } from "@/lib/audit/add-review-label";
import { getExchangeDetail } from "@/lib/audit/get-exchange-detail";
import { listReviewLabels } from "@/lib/audit/list-review-labels";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db";
import { createUser } from "@/lib/users/create-user";
import { createTestDatabase, migratedDatabaseForSuite, providers, type TestDatabase } from "../support/test-databases";

// The exchange page's data and reviewers' labels on SQLite and PostgreSQL,
// then the audit routes end to end through the route wrapper (real sessions,
// permissions and error shapes) on SQLite.

const PHONE = "0412 345 678";
const EMAIL = "jane.citizen@example.com";

async function seedExchange(db: Db, suffix: string) {
  const user = await db.user.create({ data: { email: `nina-${suffix}@hospital.example`, name: "Nina Nurse", role: "clinician" } });
  const reviewer = await db.user.create({ data: { email: `rita-${suffix}@hospital.example`, name: "Rita Reviewer", role: "reviewer" } });
  await db.scenario.create({ data: { id: `B-${suffix}`, name: "General 4B model, with retrieval", provider: "ollama", model: "gemma3:4b", retrieval: true, options: { temperature: 0.2 } } });
  const conversation = await db.conversation.create({ data: { userId: user.id, title: `Call ${PHONE} about notes` } });
  const createdAt = new Date("2026-11-20T03:04:05.678Z");
  const exchange = await db.exchange.create({
    data: {
      createdAt,
      source: "console",
      userId: user.id,
      conversationId: conversation.id,
      turn: 1,
      scenarioId: `B-${suffix}`,
      provider: "ollama",
      model: "gemma3:4b",
      retrieval: true,
      options: { temperature: 0.2, maxTokens: 768 },
      question: `Can I share notes? Call me on ${PHONE}.`,
      questionRedacted: "Can I share notes? Call me on [phone number].",
      prompt: `Sources: [1] ...\nQuestion: Can I share notes? Call me on ${PHONE}.`,
      rawAnswer: `Email them to ${EMAIL} and stop your medication (see [1]).`,
      finalAnswer: "Your answer was withheld.",
      finalAnswerRedacted: "Your answer was withheld.",
      action: "block",
      needsReview: true,
      latency: { retrievalMs: 12, generationMs: 840, checkingMs: 3, auditMs: 5, totalMs: 860 },
      totalMs: 860,
      ruleSetVersion: 3,
      settingsVersion: 2,
      storeVersion: "store-2026-11-20",
      passages: { create: [{ rank: 1, chunkId: "code.pdf::chunk-1", sourceTitle: "Code of conduct", label: "Code of conduct — 3.4", score: 0.734, text: "Call Lifeline on 13 11 14." }] },
      findings: {
        create: [{ ruleId: "echoes-personal-identifiers", ruleVersion: 2, severity: "warn", message: "Repeats identifiers.", clauses: ["APP 6", "APP 11"], evidence: `…to ${EMAIL} and…`, createdAt }],
      },
      judgeScores: {
        create: [
          { judgeId: "medgemma", judgeModel: "medgemma:4b", status: "scored", helpfulness: 2, compliance: 1.5, verdict: "block", reasoning: `It repeats ${PHONE}.`, latencyMs: 2100 },
          { judgeId: "gemini", judgeModel: "gemini-2.5-flash", status: "unscored", error: "HTTP 429 after 3 attempts", attempts: 3 },
        ],
      },
      judgeJobs: { create: [{ judgeId: "medgemma", status: "done" }, { judgeId: "other", status: "pending" }] },
    },
  });
  return { exchange, reviewer };
}

describe.each(providers)("the exchange page's data on %s", (provider) => {
  const suite = migratedDatabaseForSuite(provider);
  let seeded: Awaited<ReturnType<typeof seedExchange>>;
  beforeAll(async () => {
    seeded = await seedExchange(suite.db, provider);
  });

  it("returns everything recorded, with personal identifiers replaced in every free text", async () => {
    const detail = await getExchangeDetail(suite.db, seeded.exchange.id);
    expect(detail).toMatchObject({
      action: "block",
      needsReview: true,
      askedBy: { name: "Nina Nurse" },
      conversation: { title: "Call [phone number] about notes", turn: 1 },
      scenario: { id: `B-${provider}`, name: "General 4B model, with retrieval", model: "gemma3:4b", retrieval: true, options: { temperature: 0.2, maxTokens: 768 } },
      question: "Can I share notes? Call me on [phone number].",
      rawAnswer: "Email them to [email] and stop your medication (see [1]).",
      finalAnswer: "Your answer was withheld.",
      prompt: "Sources: [1] ...\nQuestion: Can I share notes? Call me on [phone number].",
      findings: [{ ruleId: "echoes-personal-identifiers", ruleVersion: 2, severity: "warn", clauses: ["APP 6", "APP 11"], evidence: "…to [email] and…" }],
      passages: [{ rank: 1, score: 0.734, text: "Call Lifeline on 13 11 14." }],
      pendingJudges: ["other"],
      stages: [
        { stage: "retrieval", ms: 12 },
        { stage: "generation", ms: 840 },
        { stage: "checking", ms: 3 },
        { stage: "audit", ms: 5 },
      ],
      totalMs: 860,
      versions: { ruleSet: 3, settings: 2, store: "store-2026-11-20" },
      error: null,
      labels: [],
    });
    expect(detail.createdAt).toBe("2026-11-20T03:04:05.678Z");
    expect(detail.judgeScores.map((score) => [score.judgeId, score.status, score.reasoning, score.error])).toEqual([
      ["medgemma", "scored", "It repeats [phone number].", null],
      ["gemini", "unscored", null, "HTTP 429 after 3 attempts"],
    ]);
    expect(JSON.stringify(detail)).not.toContain(PHONE);
    expect(JSON.stringify(detail)).not.toContain(EMAIL);
  });

  it("appends labels (corrections are new labels) and lists them newest first with the reviewer", async () => {
    const first = await addReviewLabel(suite.db, { exchangeId: seeded.exchange.id, reviewerId: seeded.reviewer.id, label: { verdict: "too_strict", escalation: null, notes: "" } });
    const second = await addReviewLabel(suite.db, {
      exchangeId: seeded.exchange.id,
      reviewerId: seeded.reviewer.id,
      label: { verdict: "correct", escalation: "critical", notes: "On reflection the block was right." },
    });
    expect(second).toMatchObject({ verdict: "correct", escalation: "critical", reviewer: { name: "Rita Reviewer" } });
    const labels = await listReviewLabels(suite.db, seeded.exchange.id);
    expect(labels.map((label) => label.id)).toEqual([second.id, first.id]);
    expect((await getExchangeDetail(suite.db, seeded.exchange.id)).labels.map((label) => label.verdict)).toEqual(["correct", "too_strict"]);
    const links = await suite.db.auditChainLink.findMany({ where: { kind: "review_label" }, orderBy: { position: "asc" } });
    expect(links.map((link) => link.recordId)).toEqual([first.id, second.id]);
  });

  it("answers 404 for an exchange that does not exist", async () => {
    await expect(getExchangeDetail(suite.db, "no-such-exchange")).rejects.toMatchObject({ code: "not_found" });
    await expect(
      addReviewLabel(suite.db, { exchangeId: "no-such-exchange", reviewerId: seeded.reviewer.id, label: { verdict: "correct", escalation: null, notes: "" } }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the audit routes", () => {
  let database: TestDatabase;
  let exchangeId: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { migrate: true });
    process.env.DATABASE_URL = database.url;
    process.env.LOG_LEVEL = "silent";
    const db = database.db();
    exchangeId = (await seedExchange(db, "routes")).exchange.id;
    for (const role of ["clinician", "reviewer"] as const) {
      const user = await createUser(db, { email: `${role}@cam.example`, name: `A ${role}`, role, password: "a-long-test-password" }, null);
      cookies[role] = `${SESSION_COOKIE}=${(await createSession(db, user.id)).token}`;
    }
  });
  afterAll(() => database.drop());

  async function call(
    handler: (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
    options: { path: string; as?: string; method?: string; body?: unknown; params?: Record<string, string>; origin?: string },
  ) {
    const headers = new Headers({ host: "cam.hospital.example" });
    if (options.as) headers.set("cookie", cookies[options.as] as string);
    if (options.body !== undefined) headers.set("content-type", "application/json");
    if (options.origin) headers.set("origin", options.origin);
    const request = new NextRequest(`http://cam.hospital.example${options.path}`, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return handler(request, { params: Promise.resolve(options.params ?? {}) });
  }

  it("searches for readers of the audit trail only", async () => {
    const reviewer = await call(searchRoute, { path: "/api/exchanges?action=block&reviewed=no", as: "reviewer" });
    expect(reviewer.status).toBe(200);
    const body = await reviewer.json();
    expect(body).toMatchObject({ items: [{ id: exchangeId, question: "Can I share notes? Call me on [phone number]." }], nextCursor: null, prevCursor: null });
    expect((await call(searchRoute, { path: "/api/exchanges", as: "clinician" })).status).toBe(403);
    expect((await call(searchRoute, { path: "/api/exchanges" })).status).toBe(401);
  });

  it("explains invalid filters field by field", async () => {
    const response = await call(searchRoute, { path: "/api/exchanges?action=maybe&from=yesterday&limit=500", as: "reviewer" });
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.fields.map((field: { path: string }) => field.path).sort()).toEqual(["action", "from", "limit"]);
    expect(error.message).toMatch(/action must be allow, warn or block/);
  });

  it("returns one exchange, or 404 with what to do", async () => {
    const found = await call(getExchangeRoute, { path: `/api/exchanges/${exchangeId}`, as: "reviewer", params: { id: exchangeId } });
    expect(found.status).toBe(200);
    expect((await found.json()).rawAnswer).toBe("Email them to [email] and stop your medication (see [1]).");
    const missing = await call(getExchangeRoute, { path: "/api/exchanges/nope", as: "reviewer", params: { id: "nope" } });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toMatch(/audit list/);
  });

  it("records a reviewer's label, and refuses clinicians, invalid labels and other sites", async () => {
    const path = `/api/exchanges/${exchangeId}/labels`;
    const params = { id: exchangeId };
    const saved = await call(addLabelRoute, { path, as: "reviewer", method: "POST", params, body: { verdict: "too_lenient", escalation: "high", notes: "  Should have warned.  " } });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ verdict: "too_lenient", escalation: "high", notes: "Should have warned.", reviewer: { name: "A reviewer" } });

    const invalid = await call(addLabelRoute, { path, as: "reviewer", method: "POST", params, body: { verdict: "fine", escalation: "urgent", notes: "x".repeat(4_001) } });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.fields.map((field: { path: string }) => field.path).sort()).toEqual(["escalation", "notes", "verdict"]);
    expect((await call(addLabelRoute, { path, as: "clinician", method: "POST", params, body: { verdict: "correct" } })).status).toBe(403);
    expect((await call(addLabelRoute, { path, as: "reviewer", method: "POST", params, body: { verdict: "correct" }, origin: "https://evil.example" })).status).toBe(403);

    const listed = await call(listLabelsRoute, { path, as: "reviewer", params });
    expect((await listed.json()).map((label: { verdict: string }) => label.verdict)).toEqual(["too_lenient"]);
  });

  it("exports as a download named with the date, and refuses an unknown format", async () => {
    const response = await call(exportRoute, { path: "/api/exchanges/export?format=jsonl&action=block", as: "reviewer" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="cam-audit-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    const lines = (await response.text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ id: exchangeId, action: "block", review: { verdict: "too_lenient", escalation: "high" } });
    expect((await call(exportRoute, { path: "/api/exchanges/export?format=xlsx", as: "reviewer" })).status).toBe(422);
    expect((await call(exportRoute, { path: "/api/exchanges/export?format=csv", as: "clinician" })).status).toBe(403);
  });
});
