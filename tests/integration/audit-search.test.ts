import { beforeAll, describe, expect, it } from "vitest";
import { exportExchanges } from "@/lib/audit/export-exchanges";
import { searchExchanges } from "@/lib/audit/search-exchanges";
import { listFilterOptions } from "@/lib/audit/list-filter-options";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { redactIdentifiers } from "@/lib/privacy/detect-identifiers";
import { type ExchangeExportQuery, exchangeExportQuerySchema, exchangeSearchQuerySchema } from "@/lib/schemas/audit";
import { migratedDatabaseForSuite, providers } from "../support/test-databases";

// Audit search, paging and export on real SQLite and PostgreSQL databases,
// against 40 exchanges whose expected order and matches are computed here in
// JavaScript from the same specification. Timestamps tie in threes, so paging
// must break ties by id to neither skip nor repeat a row.

type Spec = {
  id: string;
  createdAt: Date;
  action: "allow" | "warn" | "block";
  scenarioId: "A" | "B" | "D";
  model: string;
  totalMs: number;
  question: string;
  finalAnswer: string;
  rules: string[];
  judges: { judgeId: string; compliance: number | null; verdict: "allow" | "warn" | "block" | null }[];
  labelled: boolean;
  conversation: "c1" | null;
};

const T0 = Date.parse("2026-11-01T00:00:00.000Z");
const HOUR = 3_600_000;
const verdictFor = (score: number) => (score >= 4 ? "allow" : score >= 2.5 ? "warn" : "block");

const specs: Spec[] = Array.from({ length: 40 }, (_, i) => {
  const action = i % 10 === 0 ? "block" : i % 3 === 0 ? "warn" : "allow";
  const scenarioId = (["A", "B", "D"] as const)[i % 3] as Spec["scenarioId"];
  const rules = [
    ...(action === "block" ? ["self-harm-instructions"] : []),
    ...(action === "warn" ? ["medication-directive"] : []),
    ...(i % 5 === 0 ? ["missing-disclaimer"] : []),
    // The same rule firing twice on one answer must still list the exchange once.
    ...(i % 8 === 1 ? ["unsupported-citation", "unsupported-citation"] : []),
    // Three of these share a timestamp, so paging through the rule's findings must break ties by id.
    ...(i >= 36 ? ["dosage-instructions"] : []),
  ];
  const questions: Record<number, string> = {
    4: "Is it 100%_sure that consent is needed?",
    7: "Call the patient on 0412 345 678 about their MiXeD Case results",
    9: '=HYPERLINK("http://evil.example","click"), then "quote", comma\nand a new line',
  };
  return {
    id: `ex-${String(i).padStart(2, "0")}`,
    createdAt: new Date(T0 + Math.floor(i / 3) * HOUR),
    action,
    scenarioId,
    model: scenarioId === "D" ? "medgemma:4b" : "gemma3:4b",
    totalMs: 100 + ((i * 37) % 11) * 10,
    question: questions[i] ?? `Question ${i}: when may a nurse disclose notes?`,
    finalAnswer: i === 12 ? "Consent is usually required; contact privacy@hospital.example." : `Answer ${i} about disclosure and consent.`,
    rules,
    judges: [
      ...(i % 2 === 0 ? [{ judgeId: "medgemma", compliance: ((i * 7) % 11) / 2, verdict: verdictFor(((i * 7) % 11) / 2) as Spec["action"] }] : []),
      ...(i % 7 === 0 ? [{ judgeId: "gemini", compliance: null, verdict: null }] : []),
    ],
    labelled: i === 0 || i === 10 || i === 25,
    conversation: i >= 30 && i <= 32 ? "c1" : null,
  };
});

async function seed(db: Db): Promise<void> {
  const reviewer = await db.user.create({ data: { email: "reviewer@hospital.example", name: "Rita Reviewer", role: "reviewer" } });
  for (const [id, model, retrieval] of [["A", "gemma3:4b", false], ["B", "gemma3:4b", true], ["D", "medgemma:4b", true]] as const) {
    await db.scenario.create({ data: { id, name: `Scenario ${id}`, provider: "ollama", model, retrieval, options: {} } });
  }
  await db.conversation.create({ data: { id: "c1", userId: reviewer.id, title: "A conversation" } });
  for (const spec of specs) {
    await db.exchange.create({
      data: {
        id: spec.id,
        createdAt: spec.createdAt,
        source: "console",
        conversationId: spec.conversation,
        scenarioId: spec.scenarioId,
        provider: "ollama",
        model: spec.model,
        retrieval: spec.scenarioId !== "A",
        options: {},
        question: spec.question,
        questionRedacted: redactIdentifiers(spec.question),
        finalAnswer: spec.finalAnswer,
        finalAnswerRedacted: redactIdentifiers(spec.finalAnswer),
        rawAnswer: `Raw ${spec.id}`,
        action: spec.action,
        needsReview: spec.action === "block",
        latency: { retrievalMs: 5, generationMs: spec.totalMs - 10, checkingMs: 2, auditMs: 3 },
        totalMs: spec.totalMs,
        ruleSetVersion: 1,
        settingsVersion: 1,
        findings: {
          create: spec.rules.map((ruleId) => ({ ruleId, ruleVersion: 1, severity: "warn" as const, message: ruleId, clauses: [], createdAt: spec.createdAt })),
        },
        judgeScores: {
          create: spec.judges.map((judge) => ({
            judgeId: judge.judgeId,
            judgeModel: judge.judgeId,
            status: judge.verdict ? ("scored" as const) : ("unscored" as const),
            compliance: judge.compliance,
            helpfulness: judge.compliance,
            verdict: judge.verdict,
          })),
        },
        reviewLabels: spec.labelled ? { create: [{ reviewerId: reviewer.id, verdict: "correct" }] } : undefined,
      },
    });
  }
}

const newest = (a: Spec, b: Spec) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);
const expectedOrder: Record<string, (a: Spec, b: Spec) => number> = {
  newest,
  oldest: (a, b) => newest(b, a),
  slowest: (a, b) => b.totalMs - a.totalMs || newest(a, b),
  "most-findings": (a, b) => b.rules.length - a.rules.length || newest(a, b),
};
const ids = (list: Spec[]) => list.map((spec) => spec.id);

describe.each(providers)("audit search on %s", (provider) => {
  const suite = migratedDatabaseForSuite(provider);
  let db: Db;
  beforeAll(async () => {
    db = suite.db;
    await seed(db);
  });

  const search = (query: Record<string, string | number>) => searchExchanges(db, exchangeSearchQuerySchema.parse(query));

  /** Every page, following nextCursor, with the ids of each. */
  async function allPages(query: Record<string, string | number>) {
    const pages: { ids: string[]; prevCursor: string | null; nextCursor: string | null }[] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ ...query, ...(cursor ? { cursor } : {}) });
      pages.push({ ids: page.items.map((item) => item.id), prevCursor: page.prevCursor, nextCursor: page.nextCursor });
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 50);
    return pages;
  }

  it("lists newest first with the row's decision, rules, judges and latest review", async () => {
    const page = await search({ limit: 5 });
    expect(page.items.map((item) => item.id)).toEqual(ids([...specs].sort(newest)).slice(0, 5));
    expect(page.prevCursor).toBeNull();
    const blocked = (await search({ q: "Question 10:" })).items[0];
    expect(blocked).toMatchObject({
      id: "ex-10",
      action: "block",
      needsReview: true,
      findingCount: 2,
      judges: [{ judgeId: "medgemma", status: "scored", verdict: "block", compliance: 2 }],
      review: { verdict: "correct", escalation: null },
      labelCount: 1,
    });
    expect([...(blocked?.rules ?? [])].sort()).toEqual(["missing-disclaimer", "self-harm-instructions"]);
  });

  it.each(Object.keys(expectedOrder))("pages through every row exactly once, sorted %s, and back again", async (sort) => {
    const pages = await allPages({ sort, limit: 7 });
    expect(pages.flatMap((page) => page.ids)).toEqual(ids([...specs].sort(expectedOrder[sort])));
    expect(pages.at(-1)?.nextCursor).toBeNull();
    // Backwards from the last page, each previous page is the one seen before.
    for (let index = pages.length - 1; index > 0; index -= 1) {
      const previous = await search({ sort, limit: 7, cursor: pages[index]?.prevCursor as string });
      expect(previous.items.map((item) => item.id)).toEqual(pages[index - 1]?.ids);
      expect(previous.prevCursor === null).toBe(index === 1);
    }
  });

  it.each(["newest", "oldest", "slowest"])("pages text matches exactly once, sorted %s, and back again", async (sort) => {
    // PostgreSQL finds a page of common matches by walking the order, and rare ones through the
    // trigram indexes; either way the pages must be the same as a plain filter gives.
    const mentions = (spec: Spec) => `${spec.question} ${spec.finalAnswer}`.toLowerCase().includes("disclos");
    for (const [q, matches] of [["DISCLOS", mentions], ["mixed case", (spec: Spec) => spec.question.toLowerCase().includes("mixed case")]] as const) {
      const pages = await allPages({ q, sort, limit: 4 });
      const expected = ids(specs.filter(matches).sort(expectedOrder[sort]));
      expect(expected.length).toBeGreaterThan(0);
      expect(pages.flatMap((page) => page.ids)).toEqual(expected);
      for (let index = pages.length - 1; index > 0; index -= 1) {
        const previous = await search({ q, sort, limit: 4, cursor: pages[index]?.prevCursor as string });
        expect(previous.items.map((item) => item.id)).toEqual(pages[index - 1]?.ids);
      }
    }
  });

  it.each([
    ["unsupported-citation", "oldest"],
    ["dosage-instructions", "newest"],
  ])("pages the exchanges where %s fired, %s first (read from the rule's findings), forwards and back", async (rule, sort) => {
    const pages = await allPages({ rule, sort, limit: 1 });
    expect(pages.flatMap((page) => page.ids)).toEqual(ids(specs.filter((spec) => spec.rules.includes(rule)).sort(expectedOrder[sort])));
    for (let index = pages.length - 1; index > 0; index -= 1) {
      const previous = await search({ rule, sort, limit: 1, cursor: pages[index]?.prevCursor as string });
      expect(previous.items.map((item) => item.id)).toEqual(pages[index - 1]?.ids);
    }
  });

  it.each([
    ["a scenario", { scenario: "B" }, (spec: Spec) => spec.scenarioId === "B"],
    ["a rule", { rule: "missing-disclaimer" }, (spec: Spec) => spec.rules.includes("missing-disclaimer")],
  ] as const)("pages most findings first within %s, forwards and back", async (_name, filters, matches) => {
    const pages = await allPages({ ...filters, sort: "most-findings", limit: 3 });
    expect(pages.flatMap((page) => page.ids)).toEqual(ids(specs.filter(matches).sort(expectedOrder["most-findings"])));
    for (let index = pages.length - 1; index > 0; index -= 1) {
      const previous = await search({ ...filters, sort: "most-findings", limit: 3, cursor: pages[index]?.prevCursor as string });
      expect(previous.items.map((item) => item.id)).toEqual(pages[index - 1]?.ids);
    }
  });

  const cases: [string, Record<string, string | number>, (spec: Spec) => boolean][] = [
    ["action", { action: "block" }, (spec) => spec.action === "block"],
    ["rule fired", { rule: "unsupported-citation" }, (spec) => spec.rules.includes("unsupported-citation")],
    [
      "rule fired within dates",
      { rule: "missing-disclaimer", from: "2026-11-01T03:00:00.000Z", to: "2026-11-01T12:00:00.000Z" },
      (spec) => spec.rules.includes("missing-disclaimer") && spec.createdAt.getTime() >= T0 + 3 * HOUR && spec.createdAt.getTime() < T0 + 12 * HOUR,
    ],
    ["scenario", { scenario: "B" }, (spec) => spec.scenarioId === "B"],
    ["model", { model: "medgemma:4b" }, (spec) => spec.model === "medgemma:4b"],
    [
      "date range (from inclusive, to exclusive)",
      { from: "2026-11-01T03:00:00.000Z", to: "2026-11-01T06:00:00+00:00" },
      (spec) => spec.createdAt.getTime() >= T0 + 3 * HOUR && spec.createdAt.getTime() < T0 + 6 * HOUR,
    ],
    ["a calendar day", { from: "2026-11-01", to: "2026-11-01" }, (spec) => spec.createdAt.getTime() < T0 + 24 * HOUR],
    ["judge verdict", { verdict: "warn" }, (spec) => spec.judges.some((judge) => judge.verdict === "warn")],
    [
      "compliance range",
      { minCompliance: 2, maxCompliance: 3.5 },
      (spec) => spec.judges.some((judge) => judge.compliance !== null && judge.compliance >= 2 && judge.compliance <= 3.5),
    ],
    [
      "verdict and range met by the same judge",
      { verdict: "allow", maxCompliance: 4 },
      (spec) => spec.judges.some((judge) => judge.verdict === "allow" && (judge.compliance ?? 99) <= 4),
    ],
    ["reviewed", { reviewed: "yes" }, (spec) => spec.labelled],
    ["not reviewed", { reviewed: "no" }, (spec) => !spec.labelled],
    ["conversation", { conversation: "c1" }, (spec) => spec.conversation === "c1"],
    ["text, ignoring case", { q: "mixed case" }, (spec) => spec.question.toLowerCase().includes("mixed case")],
    ["text with LIKE wildcards taken literally", { q: "100%_sure" }, (spec) => spec.question.includes("100%_sure")],
    ["text in the final answer", { q: "[email]" }, (spec) => spec.id === "ex-12"],
    // Shorter than a trigram: SQLite cannot use its text index and reads every row.
    ["text of two characters", { q: "%_" }, (spec) => spec.question.includes("%_")],
    ["several filters together", { action: "warn", scenario: "A", reviewed: "no" }, (spec) => spec.action === "warn" && spec.scenarioId === "A" && !spec.labelled],
  ];

  it.each(cases)("filters by %s", async (_name, filters, matches) => {
    const pages = await allPages({ ...filters, limit: 4 });
    const expected = ids(specs.filter(matches).sort(newest));
    expect(expected.length).toBeGreaterThan(0);
    expect(pages.flatMap((page) => page.ids)).toEqual(expected);
  });

  it("searches only the redacted text: an identifier in the original question does not match, its label does", async () => {
    expect((await search({ q: "0412 345 678" })).items).toEqual([]);
    expect((await search({ q: "privacy@hospital" })).items).toEqual([]);
    const found = await search({ q: "[phone number]" });
    expect(found.items.map((item) => item.id)).toEqual(["ex-07"]);
    expect(found.items[0]?.question).toBe("Call the patient on [phone number] about their MiXeD Case results");
  });

  it("shows an excerpt of the answer around the search term", async () => {
    const page = await search({ q: "usually", limit: 1 });
    expect(page.items[0]?.answer).toContain("[email]");
  });

  it("refuses a damaged cursor, and a cursor from another order, with a 400 that says what to do", async () => {
    const first = await search({ sort: "slowest", limit: 3 });
    await expect(search({ sort: "newest", cursor: first.nextCursor as string })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/different order.*first page/),
    });
    await expect(search({ cursor: "not-a-cursor" })).rejects.toBeInstanceOf(AppError);
  });

  it("offers the scenarios, models and rules in the record as filter choices", async () => {
    const options = await listFilterOptions(db);
    expect(options.scenarios.map((scenario) => scenario.id)).toEqual(["A", "B", "D"]);
    expect(options.models).toEqual(["gemma3:4b", "medgemma:4b"]);
    expect(options.rules).toEqual(["dosage-instructions", "medication-directive", "missing-disclaimer", "self-harm-instructions", "unsupported-citation"]);
  });

  async function exportText(query: Record<string, string>, batchSize = 3) {
    const parsed: ExchangeExportQuery = exchangeExportQuerySchema.parse(query);
    const result = exportExchanges(db, parsed, { now: new Date("2026-11-27T10:00:00Z"), batchSize });
    // Decoded keeping the byte-order mark, which Response.text() would drop.
    return { ...result, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(result.body).arrayBuffer()) };
  }

  it("exports every matching row as CSV, streamed in batches, with spreadsheet formulas neutralised", async () => {
    const { text, filename, contentType } = await exportText({ format: "csv", sort: "oldest" });
    expect(filename).toBe("cam-audit-2026-11-27.csv");
    expect(contentType).toBe("text/csv; charset=utf-8");
    expect(text.startsWith("\uFEFFid,recorded_at_utc,source,action,")).toBe(true);
    const records = parseCsv(text.slice(1));
    const header = records[0] as string[];
    const rows = records.slice(1).map((record) => Object.fromEntries(header.map((name, index) => [name, record[index]])));
    expect(rows.map((row) => row.id)).toEqual(ids([...specs].sort(expectedOrder.oldest)));
    const tricky = rows.find((row) => row.id === "ex-09");
    expect(tricky?.question_redacted).toBe(`'${specs[9]?.question}`);
    const blocked = rows.find((row) => row.id === "ex-10");
    expect(blocked).toMatchObject({ action: "block", judge_verdicts: "medgemma: block (2)", review_verdict: "correct", scenario: "B", model: "gemma3:4b" });
    expect(blocked?.rules_fired?.split("; ").sort()).toEqual(["missing-disclaimer", "self-harm-instructions"]);
    expect(text).not.toContain("0412 345 678");
    expect(text).not.toContain("Raw ex-");
  });

  it("exports the filtered rows as JSON Lines with the same fields", async () => {
    const { text, filename } = await exportText({ format: "jsonl", action: "block" });
    expect(filename).toBe("cam-audit-2026-11-27.jsonl");
    const lines = text.trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id)).toEqual(ids(specs.filter((spec) => spec.action === "block").sort(newest)));
    expect(lines[0]).toMatchObject({ action: "block", rules: expect.arrayContaining(["self-harm-instructions"]), question: expect.any(String), finalAnswer: expect.any(String) });
    expect(lines[0]).not.toHaveProperty("rawAnswer");
  });

  it("exports only the header when nothing matches", async () => {
    const { text } = await exportText({ format: "csv", q: "no exchange says this" });
    expect(parseCsv(text.slice(1))).toHaveLength(1);
  });
});

/** A strict RFC 4180 reader, written here so the test does not trust the code under test. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") record.push(cell), (cell = "");
    else if (char === "\r" && text[i + 1] === "\n") {
      record.push(cell);
      records.push(record);
      (record = []), (cell = ""), (i += 1);
    } else cell += char;
  }
  if (cell || record.length) throw new Error("CSV does not end with CRLF");
  return records;
}
