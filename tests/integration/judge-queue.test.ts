import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { createJudgeClient } from "@/lib/judges/create-judge-client";
import { judgeConfigSchema } from "@/lib/judges/judge-config";
import { processJudgeJobs, STALE_LOCK_MS } from "@/lib/judges/queue/process-judge-jobs";
import { seedDatabase } from "@/prisma/seed";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import { createSampleExchange, createSampleUser } from "../support/sample-records";
import { createTestDatabase, providers, type TestDatabase } from "../support/test-databases";

// The background judging queue on a real database: jobs are claimed once,
// scores and failures are recorded, and jobs of a dead worker are taken again.

const medgemma = judgeConfigSchema.parse({ id: "medgemma", provider: "ollama", model: "medgemma:4b", requestsPerMinute: 10_000 });
const gemini = judgeConfigSchema.parse({ id: "gemini", provider: "gemini", model: "gemini-2.5-flash" });
const thresholds = { allowAtLeast: 4, warnAtLeast: 2.5 };

let ollama: FakeServer;
beforeAll(async () => {
  ollama = await startFakeOllama({
    models: ["medgemma:4b"],
    script: (call) =>
      call.lastUserText.includes("broken answer")
        ? "I cannot judge this."
        : JSON.stringify({ helpfulness: 4, compliance: 3, reasoning: "Grounded, but tells the patient to stop a medicine." }),
  });
});
afterAll(() => ollama.close());

describe.each(providers)("the judge queue on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  const context = (workerId: string) => ({
    db,
    workerId,
    judges: [medgemma, gemini],
    thresholds,
    digest: async () => "A digest of the Code of Conduct.",
    clientFor: (judge: typeof medgemma) => createJudgeClient(judge, parseEnv({ OLLAMA_HOST: ollama.url }), { retryBaseDelayMs: 5 }),
    retryBaseDelayMs: 5,
  });

  beforeAll(async () => {
    database = await createTestDatabase(provider, { migrate: true });
    db = database.db();
    await seedDatabase(db, { adminEmail: "admin@hospital.example", adminPassword: "an-admin-password" });
  });
  afterAll(() => database.drop());

  async function exchangeWithJobs(judgeIds: string[], answer?: string) {
    const user = await createSampleUser(db, "clinician", `nurse-${Math.random().toString(36).slice(2)}@hospital.example`);
    const exchange = await createSampleExchange(db, { userId: user.id, scenarioId: "B", finalAnswer: answer, judged: false });
    await db.judgeJob.createMany({ data: judgeIds.map((judgeId) => ({ exchangeId: exchange.id, judgeId })) });
    return exchange.id;
  }

  it("scores an exchange, records a disabled judge as unscored with the reason, and finishes every job", async () => {
    const exchangeId = await exchangeWithJobs(["medgemma", "gemini"]);
    while ((await processJudgeJobs(context("worker-1"))) > 0);
    const scores = await db.judgeScore.findMany({ where: { exchangeId }, orderBy: { judgeId: "asc" } });
    expect(scores.map((score) => [score.judgeId, score.status])).toEqual([
      ["gemini", "unscored"],
      ["medgemma", "scored"],
    ]);
    expect(scores[0]?.error).toMatch(/The judge is disabled: .*GEMINI_API_KEY/);
    expect(scores[1]).toMatchObject({ helpfulness: 4, compliance: 3, verdict: "warn", attempts: 1 });
    expect(await db.judgeJob.count({ where: { exchangeId, status: { not: "done" } } })).toBe(0);
  });

  it("records a judge that never gives a usable reply as unscored, never dropping it", async () => {
    const exchangeId = await exchangeWithJobs(["medgemma"], "A broken answer that the judge cannot read.");
    while ((await processJudgeJobs(context("worker-1"))) > 0);
    const score = await db.judgeScore.findFirstOrThrow({ where: { exchangeId } });
    expect(score).toMatchObject({ status: "unscored", attempts: 3 });
    expect(score.error).toMatch(/3 attempts/);
  });

  it("lets several workers share the queue, each job judged exactly once", async () => {
    const exchangeIds = await Promise.all(Array.from({ length: 6 }, () => exchangeWithJobs(["medgemma"])));
    const drain = async (workerId: string) => {
      while ((await processJudgeJobs(context(workerId))) > 0);
    };
    await Promise.all([drain("a"), drain("b"), drain("c")]);
    const counts = await db.judgeScore.groupBy({ by: ["exchangeId"], where: { exchangeId: { in: exchangeIds } }, _count: true });
    expect(counts).toHaveLength(6);
    expect(counts.every((group) => group._count === 1)).toBe(true);
  });

  it("takes over a job whose worker died, once its lock is stale", async () => {
    const exchangeId = await exchangeWithJobs(["medgemma"]);
    const lockedAt = new Date(Date.now() - STALE_LOCK_MS - 60_000);
    await db.judgeJob.updateMany({ where: { exchangeId }, data: { status: "running", lockedBy: "dead-worker", lockedAt } });
    expect(await processJudgeJobs(context("survivor"), new Date(Date.now() - STALE_LOCK_MS))).toBe(0);
    expect(await processJudgeJobs(context("survivor"))).toBe(1);
    expect(await db.judgeScore.count({ where: { exchangeId } })).toBe(1);
    expect((await db.judgeJob.findFirstOrThrow({ where: { exchangeId } })).attempts).toBe(1);
  });
});
