import { beforeAll, describe, expect, it } from "vitest";
import { addReviewLabel } from "@/lib/audit/add-review-label";
import { getExchangeDetail } from "@/lib/audit/get-exchange-detail";
import { listReviewLabels } from "@/lib/audit/list-review-labels";
import { EMAIL, PHONE, seedExchange } from "../support/audit-exchange";
import { migratedDatabaseForSuite, providers } from "../support/test-databases";

// The exchange page's data and reviewers' labels on SQLite and PostgreSQL.

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
