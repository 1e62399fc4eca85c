import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createSampleExchange, createSampleScenario, createSampleUser } from "../support/sample-records";
import { migratedDatabaseForSuite, providers, type TestDatabase } from "../support/test-databases";

/** Asks the database how it would run a query, with sequential scans discouraged on PostgreSQL so usable indexes show. */
async function queryPlan(db: Db, provider: TestDatabase["provider"], sql: string): Promise<string> {
  if (provider === "sqlite") {
    const rows = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`);
    return rows.map((row) => row.detail).join("\n");
  }
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`);
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  });
}

describe.each(providers)("the data model on %s", (provider) => {
  const suite = migratedDatabaseForSuite(provider);
  let db: Db;
  beforeAll(() => {
    db = suite.db;
  });

  it("stores an exchange with everything that happened to it and reads it back intact", async () => {
    const user = await createSampleUser(db, "clinician", `clinician-${provider}@hospital.example`);
    await createSampleScenario(db, `B-${provider}`);
    const created = await createSampleExchange(db, { userId: user.id, scenarioId: `B-${provider}` });

    const stored = await db.exchange.findUniqueOrThrow({
      where: { id: created.id },
      include: { passages: { orderBy: { rank: "asc" } }, findings: true, judgeScores: { orderBy: { judgeId: "asc" } }, conversation: true },
    });
    expect(stored.action).toBe("warn");
    expect(stored.latency).toEqual({ retrievalMs: 12, generationMs: 840, checkingMs: 3, auditMs: 5 });
    expect(stored.options).toEqual({ temperature: 0.2 });
    expect(stored.passages.map((passage) => [passage.rank, passage.score])).toEqual([[1, 0.71], [2, 0.52]]);
    expect(stored.findings[0]).toMatchObject({ ruleId: "medication-directive", severity: "warn", clauses: ["GMP 3.4"] });
    expect(stored.judgeScores.map((score) => [score.judgeId, score.status, score.compliance])).toEqual([
      ["gemini", "unscored", null],
      ["medgemma", "scored", 3],
    ]);
    expect(stored.conversation?.title).toBe("Disclosure without consent");
    expect(stored.createdAt.getTime()).toBe(created.createdAt.getTime());
  });

  it("records reviewer labels and reveal events against an exchange", async () => {
    const reviewer = await createSampleUser(db, "reviewer", `reviewer-${provider}@hospital.example`);
    const exchange = await db.exchange.findFirstOrThrow();
    await db.reviewLabel.create({ data: { exchangeId: exchange.id, reviewerId: reviewer.id, verdict: "too_lenient", escalation: "high", notes: "Should block." } });
    await db.revealEvent.create({ data: { userId: reviewer.id, exchangeId: exchange.id, field: "question", reason: "Complaint investigation" } });
    const reviewed = await db.exchange.findMany({ where: { reviewLabels: { some: {} } }, include: { reviewLabels: true, revealEvents: true } });
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]?.reviewLabels[0]).toMatchObject({ verdict: "too_lenient", escalation: "high" });
    expect(reviewed[0]?.revealEvents[0]).toMatchObject({ field: "question", reason: "Complaint investigation" });
  });

  it("refuses a second judge job for the same exchange and judge", async () => {
    const exchange = await db.exchange.findFirstOrThrow();
    await expect(db.judgeJob.create({ data: { exchangeId: exchange.id, judgeId: "medgemma" } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("searches the audit log by date, action, scenario and rule through indexes", async () => {
    const plans = {
      date: await queryPlan(db, provider, `SELECT id FROM "Exchange" WHERE "createdAt" >= '2026-01-01' ORDER BY "createdAt" DESC LIMIT 50`),
      action: await queryPlan(db, provider, `SELECT id FROM "Exchange" WHERE action = 'block' ORDER BY "createdAt" DESC LIMIT 50`),
      scenario: await queryPlan(db, provider, `SELECT id FROM "Exchange" WHERE "scenarioId" = 'B' ORDER BY "createdAt" DESC LIMIT 50`),
      rule: await queryPlan(db, provider, `SELECT "exchangeId" FROM "Finding" WHERE "ruleId" = 'medication-directive' ORDER BY "createdAt" DESC LIMIT 50`),
    };
    expect(plans.date).toContain("Exchange_createdAt_idx");
    expect(plans.action).toContain("Exchange_action_createdAt_idx");
    expect(plans.scenario).toContain("Exchange_scenarioId_createdAt_idx");
    expect(plans.rule).toContain("Finding_ruleId_createdAt_idx");
  });

  it("keeps rule-set and settings versions numbered in order", async () => {
    const first = await db.ruleSetVersion.create({ data: { rules: [], status: "superseded" } });
    const second = await db.ruleSetVersion.create({ data: { rules: [], status: "draft", note: "Stricter dosage rule" } });
    expect(second.version).toBe(first.version + 1);
    const settings = await db.settingsVersion.create({ data: { values: { retrieval: { topK: 8 } }, status: "active" } });
    expect(settings.values).toEqual({ retrieval: { topK: 8 } });
  });
});
