import { beforeAll, describe, expect, it } from "vitest";
import { recordExchange, type ExchangeRecord } from "@/lib/agent/record-exchange";
import { getConversation } from "@/lib/conversations/get-conversation";
import { listConversations } from "@/lib/conversations/list-conversations";
import type { Db } from "@/lib/db";
import { conversationDetailSchema, conversationPageSchema } from "@/lib/schemas/conversations";
import { createSampleScenario, createSampleUser } from "../support/sample-records";
import { migratedDatabaseForSuite, providers } from "../support/test-databases";

// The playground's reads of one's own conversations, on both databases, with
// records written by the agent's own writer.

const RAW_BLOCKED = "Take 40 tablets of your medication at once.";
const EVIDENCE = "Stop taking your sertraline now";

/** An exchange record as the agent writes it; `overrides` change what a test needs. */
function record(userId: string, conversation: ExchangeRecord["conversation"], overrides: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return {
    source: "console",
    userId,
    conversation,
    scenario: { id: "B", provider: "ollama", model: "gemma3:4b", retrieval: true, options: { temperature: 0.2 } },
    question: "When may a nurse disclose information?",
    prompt: "Sources: ...",
    rawAnswer: "With consent (see [1]).",
    finalAnswer: "With consent (Allowah Code — 7.3; see [1]).",
    action: "allow",
    needsReview: false,
    passages: [
      { rank: 1, chunkId: "allowah.pdf::chunk-3", sourceTitle: "Allowah Code", label: "Allowah Code — 7.3", score: 0.82, text: "Nurses must seek consent before disclosing information." },
      { rank: 2, chunkId: "icn.pdf::chunk-9", sourceTitle: "ICN Code of Ethics", label: "ICN Code of Ethics — 1.4", score: 0.41, text: "Nurses hold personal information in confidence." },
    ],
    findings: [],
    latency: { retrievalMs: 12, generationMs: 900, checkingMs: 4, auditMs: 0, totalMs: 916 },
    totalMs: 916,
    versions: { ruleSet: 1, settings: 1, store: "store-1" },
    ...overrides,
  };
}

describe.each(providers)("conversations on %s", (provider) => {
  const suite = migratedDatabaseForSuite(provider);
  let db: Db;
  let nina: { id: string };
  let omar: { id: string };
  let mainId: string;

  beforeAll(async () => {
    db = suite.db;
    await createSampleScenario(db, "B");
    nina = await createSampleUser(db, "clinician", "nina@hospital.example");
    omar = await createSampleUser(db, "reviewer", "omar@hospital.example");

    // Nina's main conversation: allowed, warned, blocked, then a question that failed.
    const first = await recordExchange(db, record(nina.id, { startTitled: "When may a nurse disclose information?" }, { judgeIds: ["medgemma", "gemini"] }));
    mainId = first.conversationId as string;
    await recordExchange(
      db,
      record(nina.id, { id: mainId, turn: 1 }, {
        question: "Should my patient stop their antidepressant?",
        rawAnswer: `${EVIDENCE}.`,
        finalAnswer: `Warnings:\n- Medication directive\n\n${EVIDENCE}.`,
        action: "warn",
        passages: [],
        scenario: { id: "B", provider: "ollama", model: "gemma3:4b", retrieval: false, options: {} },
        findings: [{ ruleId: "medication-directive", ruleVersion: 1, severity: "warn", message: "Medication directive", clauses: ["GMP 3.4"], evidence: EVIDENCE }],
      }),
    );
    await recordExchange(
      db,
      record(nina.id, { id: mainId, turn: 2 }, {
        question: "What is the most painless way?",
        rawAnswer: RAW_BLOCKED,
        finalAnswer: "This answer was withheld because it may be unsafe, and it has been logged for review.",
        action: "block",
        needsReview: true,
        passages: [],
        findings: [{ ruleId: "self-harm-instructions", ruleVersion: 1, severity: "block", message: "Self-harm instructions", clauses: [], evidence: RAW_BLOCKED }],
      }),
    );
    await recordExchange(
      db,
      record(nina.id, { id: mainId, turn: 3 }, {
        question: "And the next step?",
        rawAnswer: null,
        prompt: null,
        finalAnswer: "Ollama at http://127.0.0.1:11434 is unreachable. Start it with `ollama serve`.",
        action: "block",
        passages: [],
        error: { stage: "generation", message: "fetch failed: ECONNREFUSED" },
      }),
    );
    const [firstExchange] = await db.exchange.findMany({ where: { conversationId: mainId, turn: 0 } });
    await db.judgeScore.create({
      data: { exchangeId: firstExchange?.id as string, judgeId: "gemini", judgeModel: "gemini-2.5-flash", status: "unscored", error: "HTTP 429 after 3 attempts", attempts: 3 },
    });
    await db.judgeJob.updateMany({ where: { exchangeId: firstExchange?.id, judgeId: "gemini" }, data: { status: "failed" } });

    // Four more of Nina's, two sharing one update time, and one of Omar's.
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    for (const [title, updatedAt] of [["older 1", at(50)], ["tied a", at(40)], ["tied b", at(40)], ["older 4", at(30)]] as const) {
      await db.conversation.create({ data: { userId: nina.id, title, createdAt: updatedAt, updatedAt } });
    }
    await recordExchange(db, record(omar.id, { startTitled: "Omar's question" }));
  });

  it("lists only the caller's conversations, most recently active first, with their question counts", async () => {
    const page = conversationPageSchema.parse(await listConversations(db, { userId: nina.id, limit: 20 }));
    expect(page.nextCursor).toBeNull();
    const titles = page.conversations.map((conversation) => conversation.title);
    expect(titles[0]).toBe("When may a nurse disclose information?");
    expect(titles[1]).toBe("older 4");
    expect(titles.slice(2, 4).sort()).toEqual(["tied a", "tied b"]);
    expect(titles[4]).toBe("older 1");
    expect(page.conversations).toHaveLength(5);
    expect(page.conversations[0]).toMatchObject({ id: mainId, turns: 4 });
    expect(page.conversations.some((conversation) => conversation.title === "Omar's question")).toBe(false);
  });

  it("pages through them without repeating or skipping any, ties included", async () => {
    const all = (await listConversations(db, { userId: nina.id, limit: 20 })).conversations.map((conversation) => conversation.id);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listConversations(db, { userId: nina.id, limit: 2, cursor });
      expect(page.conversations.length).toBeLessThanOrEqual(2);
      paged.push(...page.conversations.map((conversation) => conversation.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all);
    await expect(listConversations(db, { userId: nina.id, limit: 2, cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("returns a conversation's turns in order with what the clinician saw, passages, timings and judges", async () => {
    const detail = conversationDetailSchema.parse(await getConversation(db, { conversationId: mainId, userId: nina.id }));
    expect(detail.turns.map((turn) => [turn.turn, turn.action, turn.error === null])).toEqual([
      [0, "allow", true],
      [1, "warn", true],
      [2, "block", true],
      [3, "block", false],
    ]);
    const [allowed, warned, blocked, failed] = detail.turns;
    expect(allowed).toMatchObject({
      question: "When may a nurse disclose information?",
      text: "With consent (Allowah Code — 7.3; see [1]).",
      withheld: false,
      scenario: { id: "B", name: "General 4B model with retrieval", model: "gemma3:4b", retrieval: true },
      latency: { retrievalMs: 12, generationMs: 900, checkingMs: 4, auditMs: 0, totalMs: 916 },
      judges: { pending: ["medgemma"], scores: [{ judgeId: "gemini", status: "unscored", error: "HTTP 429 after 3 attempts" }] },
    });
    expect(allowed?.citations).toEqual([
      { rank: 1, chunkId: "allowah.pdf::chunk-3", sourceTitle: "Allowah Code", label: "Allowah Code — 7.3", score: 0.82, text: "Nurses must seek consent before disclosing information.", pageStart: null, pageEnd: null, cited: true },
      expect.objectContaining({ rank: 2, cited: false, score: 0.41 }),
    ]);
    expect(warned?.findings).toEqual([{ ruleId: "medication-directive", ruleVersion: 1, severity: "warn", message: "Medication directive", clauses: ["GMP 3.4"] }]);
    expect(blocked).toMatchObject({ withheld: true, needsReview: true, findings: [{ ruleId: "self-harm-instructions" }] });
    expect(failed).toMatchObject({ withheld: false, error: "Ollama at http://127.0.0.1:11434 is unreachable. Start it with `ollama serve`." });
  });

  it("never returns a finding's evidence or a withheld raw answer", async () => {
    const json = JSON.stringify(await getConversation(db, { conversationId: mainId, userId: nina.id }));
    expect(json).not.toContain("evidence");
    expect(json).not.toContain(RAW_BLOCKED);
    expect(json).not.toContain("ECONNREFUSED");
    expect(json).not.toContain("rawAnswer");
  });

  it("refuses someone else's conversation without revealing any of it", async () => {
    const foreign = await getConversation(db, { conversationId: mainId, userId: omar.id }).catch((error: unknown) => error);
    expect(foreign).toMatchObject({ code: "forbidden", status: 403 });
    expect((foreign as Error).message).toBe("That conversation belongs to someone else; you can only open your own.");
    const missing = await getConversation(db, { conversationId: "no-such-conversation", userId: omar.id }).catch((error: unknown) => error);
    expect(missing).toMatchObject({ code: "not_found", status: 404 });
  });
});
