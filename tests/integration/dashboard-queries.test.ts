import { beforeAll, describe, expect, it } from "vitest";
import { type DashboardFilters, resolveDashboardFilters } from "@/lib/dashboard/dashboard-filters";
import { getDecisionMatrix } from "@/lib/dashboard/get-decision-matrix";
import { getDecisionTrend } from "@/lib/dashboard/get-decision-trend";
import { getLatencyTrend } from "@/lib/dashboard/get-latency-trend";
import { getScoreDistribution } from "@/lib/dashboard/get-score-distribution";
import { getScoresByGroup } from "@/lib/dashboard/get-scores-by-group";
import { getScoreTrend } from "@/lib/dashboard/get-score-trend";
import { listDashboardFilterOptions } from "@/lib/dashboard/list-dashboard-filter-options";
import type { Db } from "@/lib/db";
import { migratedDatabaseForSuite, providers } from "../support/test-databases";

// The dashboard's aggregate queries on SQLite and PostgreSQL, against a small
// hand-made set of exchanges whose every number below was worked out by hand.

type Score = { judgeId: string; compliance?: number; helpfulness?: number; verdict?: "allow" | "warn" | "block"; unscored?: true };
type Seed = {
  at: string;
  scenarioId: string;
  action: "allow" | "warn" | "block";
  totalMs: number;
  failed?: true;
  source?: "console" | "api" | "pipeline";
  scores?: Score[];
};

const MODELS: Record<string, string> = { A: "gemma3:4b", B: "medgemma:4b", S: "gemma3:4b" };

// Nov 1: e1–e4 (e4 failed); Nov 2: nothing; Nov 3: e5–e8; Nov 4: e9, outside the range used below.
const EXCHANGES: Seed[] = [
  { at: "2026-11-01T09:15:00Z", scenarioId: "A", action: "allow", totalMs: 100, scores: [{ judgeId: "medgemma", compliance: 4.5, helpfulness: 4, verdict: "allow" }, { judgeId: "gemini", compliance: 4, helpfulness: 3.5, verdict: "allow" }] },
  { at: "2026-11-01T09:45:00Z", scenarioId: "A", action: "warn", totalMs: 300, scores: [{ judgeId: "medgemma", compliance: 3, helpfulness: 4, verdict: "warn" }, { judgeId: "gemini", unscored: true }] },
  { at: "2026-11-01T14:00:00Z", scenarioId: "B", action: "block", totalMs: 200, scores: [{ judgeId: "medgemma", compliance: 1, helpfulness: 2, verdict: "block" }] },
  { at: "2026-11-01T23:59:59.999Z", scenarioId: "B", action: "block", totalMs: 5000, failed: true },
  { at: "2026-11-03T00:00:00Z", scenarioId: "A", action: "allow", totalMs: 400, source: "pipeline", scores: [{ judgeId: "medgemma", compliance: 5, helpfulness: 5, verdict: "allow" }] },
  { at: "2026-11-03T08:00:00Z", scenarioId: "B", action: "allow", totalMs: 100, scores: [{ judgeId: "medgemma", compliance: 3.5, helpfulness: 4.5, verdict: "warn" }, { judgeId: "gemini", compliance: 2, helpfulness: 3, verdict: "block" }] },
  { at: "2026-11-03T12:00:00Z", scenarioId: "B", action: "block", totalMs: 900 },
  { at: "2026-11-03T23:00:00Z", scenarioId: "A", action: "warn", totalMs: 250, scores: [{ judgeId: "medgemma", compliance: 4.25, helpfulness: 3, verdict: "allow" }] },
  { at: "2026-11-04T00:00:00Z", scenarioId: "A", action: "allow", totalMs: 100, scores: [{ judgeId: "medgemma", compliance: 0, helpfulness: 0, verdict: "block" }] },
];

/** Scenario S: a week (Oct 20–26) with 1 block in 10 answers a day, then Oct 27 with 6 in 10: a spike on the first day of an Oct 27–28 range. */
const SPIKE_DAYS = ["20", "21", "22", "23", "24", "25", "26", "27"].map((day) => ({ day: `2026-10-${day}`, blocked: day === "27" ? 6 : 1 }));

async function seed(db: Db): Promise<void> {
  for (const [id, model] of Object.entries(MODELS)) {
    await db.scenario.create({ data: { id, name: `Scenario ${id}`, provider: "ollama", model, retrieval: false, options: {} } });
  }
  const base = (entry: { at: string; scenarioId: string; action: Seed["action"]; totalMs: number; failed?: true; source?: Seed["source"] }) => ({
    createdAt: new Date(entry.at),
    source: entry.source ?? ("console" as const),
    scenarioId: entry.scenarioId,
    provider: "ollama" as const,
    model: MODELS[entry.scenarioId] as string,
    retrieval: false,
    options: {},
    question: "When may notes be disclosed?",
    finalAnswer: entry.failed ? "" : "An answer.",
    action: entry.action,
    latency: {},
    totalMs: entry.totalMs,
    ruleSetVersion: 1,
    settingsVersion: 1,
    error: entry.failed ? "The model server did not answer." : null,
  });
  for (const entry of EXCHANGES) {
    await db.exchange.create({
      data: {
        ...base(entry),
        judgeScores: {
          create: (entry.scores ?? []).map((score) => ({
            judgeId: score.judgeId,
            judgeModel: score.judgeId === "gemini" ? "gemini-2.5-flash" : "medgemma:4b",
            status: score.unscored ? ("unscored" as const) : ("scored" as const),
            compliance: score.compliance,
            helpfulness: score.helpfulness,
            verdict: score.verdict,
            error: score.unscored ? "HTTP 429 after 3 attempts" : undefined,
          })),
        },
      },
    });
  }
  await db.exchange.createMany({
    data: SPIKE_DAYS.flatMap(({ day, blocked }) =>
      Array.from({ length: 10 }, (_, index) => base({ at: `${day}T10:${String(index).padStart(2, "0")}:00Z`, scenarioId: "S", action: index < blocked ? "block" : "allow", totalMs: 100 })),
    ),
  });
}

/** Filters as the routes resolve them. */
function filters(input: Partial<Record<"from" | "to" | "scenario" | "judge" | "model" | "source" | "bucket", string>>): DashboardFilters {
  const resolved = resolveDashboardFilters(
    { bucket: "auto", ...input } as Parameters<typeof resolveDashboardFilters>[0],
    new Date("2026-11-26T12:00:00Z"),
  );
  if (!("filters" in resolved)) throw new Error(JSON.stringify(resolved.issues));
  return resolved.filters;
}

const NOV_1_TO_3 = { from: "2026-11-01", to: "2026-11-03" };

describe.each(providers)("the dashboard's aggregate queries on %s", (provider) => {
  const suite = migratedDatabaseForSuite(provider);
  let db: Db;
  beforeAll(async () => {
    db = suite.db;
    await seed(db);
  });

  it("offers the scenarios, the judges that scored and the models that answered as filters", async () => {
    const options = await listDashboardFilterOptions(db);
    expect(options.scenarios.map((scenario) => scenario.id)).toEqual(["A", "B", "S"]);
    expect(options.judges).toEqual(["gemini", "medgemma"]);
    expect(options.models).toEqual(["gemma3:4b", "medgemma:4b"]);
  });

  it("counts scores per judge in half-point buckets, leaving out judge failures, failed exchanges and other days", async () => {
    const data = await getScoreDistribution(db, filters(NOV_1_TO_3));
    expect(data.judges.map((judge) => judge.key)).toEqual(["gemini", "medgemma"]);
    expect(data.totals).toEqual({ compliance: { gemini: 2, medgemma: 6 }, helpfulness: { gemini: 2, medgemma: 6 } });
    const counts = (metric: "compliance" | "helpfulness", judge: string) =>
      Object.fromEntries(data.rows[metric].filter((row) => (row.counts[judge] ?? 0) > 0).map((row) => [row.key, row.counts[judge]]));
    // medgemma compliance 4.5, 3, 1, 5, 3.5, 4.25 (in the 4 bucket).
    expect(counts("compliance", "medgemma")).toEqual({ "1": 1, "3": 1, "3.5": 1, "4": 1, "4.5": 1, "5": 1 });
    expect(counts("compliance", "gemini")).toEqual({ "2": 1, "4": 1 });
    expect(counts("helpfulness", "medgemma")).toEqual({ "2": 1, "3": 1, "4": 2, "4.5": 1, "5": 1 });
    expect(data.rows.helpfulness.find((row) => row.key === "4")?.values.medgemma).toBeCloseTo(2 / 6, 10);
  });

  it("averages scores per UTC day and judge, with an empty day kept as a gap", async () => {
    const data = await getScoreTrend(db, filters(NOV_1_TO_3));
    expect(data.buckets.map((bucket) => bucket.key)).toEqual(["2026-11-01", "2026-11-02", "2026-11-03"]);
    const [first, gap, third] = data.rows.compliance;
    expect(first?.values.medgemma).toBeCloseTo((4.5 + 3 + 1) / 3, 10);
    expect(first?.counts).toEqual({ gemini: 1, medgemma: 3 });
    expect(gap?.values).toEqual({ gemini: null, medgemma: null });
    expect(third?.values.medgemma).toBeCloseTo((5 + 3.5 + 4.25) / 3, 10);
    expect(third?.values.gemini).toBe(2);
    expect(data.rows.helpfulness[2]?.values.medgemma).toBeCloseTo((5 + 4.5 + 3) / 3, 10);
  });

  it("averages scores per scenario and per model", async () => {
    const byScenario = await getScoresByGroup(db, filters(NOV_1_TO_3), "scenario");
    expect(byScenario.rows.compliance.map((row) => [row.key, row.values.medgemma, row.values.gemini])).toEqual([
      ["A", (4.5 + 3 + 5 + 4.25) / 4, 4],
      ["B", (1 + 3.5) / 2, 2],
    ]);
    const byModel = await getScoresByGroup(db, filters(NOV_1_TO_3), "model");
    expect(byModel.rows.compliance.map((row) => [row.key, row.counts.medgemma])).toEqual([
      ["gemma3:4b", 4],
      ["medgemma:4b", 2],
    ]);
  });

  it("counts decisions and failures per day and computes the rates over decided answers", async () => {
    const data = await getDecisionTrend(db, filters(NOV_1_TO_3));
    expect(data.rows.map((row) => [row.key, row.counts, row.failed])).toEqual([
      ["2026-11-01", { allow: 1, warn: 1, block: 1 }, 1],
      ["2026-11-02", { allow: 0, warn: 0, block: 0 }, 0],
      ["2026-11-03", { allow: 2, warn: 1, block: 1 }, 0],
    ]);
    expect(data.rows[2]?.rates).toEqual({ allow: 0.5, warn: 0.25, block: 0.25 });
    expect(data.rows[1]?.rates).toEqual({ allow: null, warn: null, block: null });
  });

  it("marks a spike on the first day shown, using the days before the range as its baseline", async () => {
    const data = await getDecisionTrend(db, filters({ from: "2026-10-27", to: "2026-10-28", scenario: "S", bucket: "day" }));
    expect(data.rows.map((row) => row.key)).toEqual(["2026-10-27", "2026-10-28"]);
    expect(data.rows[0]).toMatchObject({ spike: true, counts: { block: 6 }, baseline: { buckets: 7 } });
    // The week before: 10% blocked every day, so a standard deviation of 0 and a threshold of 10% + 5 points.
    expect(data.rows[0]?.baseline?.mean).toBeCloseTo(0.1, 10);
    expect(data.rows[0]?.baseline?.stdDev).toBeCloseTo(0, 10);
    expect(data.rows[0]?.baseline?.threshold).toBeCloseTo(0.15, 10);
    expect(data.rows[1]?.spike).toBe(false);
  });

  it("keeps history before the range out of a month bucket that began before it", async () => {
    const data = await getDecisionTrend(db, filters({ from: "2026-11-02", to: "2026-11-30", bucket: "month" }));
    expect(data.rows.map((row) => [row.key, row.decided, row.failed])).toEqual([["2026-11", 5, 0]]);
  });

  it("crosses CAM's action with each judge's verdict, unscored in a column of its own", async () => {
    const data = await getDecisionMatrix(db, filters(NOV_1_TO_3));
    const medgemma = data.judges.find((judge) => judge.judgeId === "medgemma");
    expect(medgemma?.rows.map((row) => [row.action, row.counts])).toEqual([
      ["allow", { allow: 2, warn: 1, block: 0, unscored: 0 }],
      ["warn", { allow: 1, warn: 1, block: 0, unscored: 0 }],
      ["block", { allow: 0, warn: 0, block: 1, unscored: 0 }],
    ]);
    expect(medgemma?.rows[0]?.shares.allow).toBeCloseTo(2 / 3, 10);
    expect(medgemma?.agreement).toBeCloseTo(4 / 6, 10);
    const gemini = data.judges.find((judge) => judge.judgeId === "gemini");
    expect(gemini?.rows.map((row) => [row.action, row.counts])).toEqual([
      ["allow", { allow: 1, warn: 0, block: 1, unscored: 0 }],
      ["warn", { allow: 0, warn: 0, block: 0, unscored: 1 }],
      ["block", { allow: 0, warn: 0, block: 0, unscored: 0 }],
    ]);
    expect(gemini?.agreement).toBe(0.5);
  });

  it("takes nearest-rank p50 and p95 of answered questions per day and per hour", async () => {
    const daily = await getLatencyTrend(db, filters(NOV_1_TO_3));
    expect(daily.rows).toEqual([
      // 100, 200, 300 (the failed 5000 ms left out): ranks ceil(1.5) = 2 and ceil(2.85) = 3.
      { key: "2026-11-01", n: 3, p50Ms: 200, p95Ms: 300, averageMs: 200 },
      { key: "2026-11-02", n: 0, p50Ms: null, p95Ms: null, averageMs: null },
      // 100, 250, 400, 900: ranks 2 and ceil(3.8) = 4.
      { key: "2026-11-03", n: 4, p50Ms: 250, p95Ms: 900, averageMs: 412.5 },
    ]);
    const hourly = await getLatencyTrend(db, filters({ from: "2026-11-01", to: "2026-11-01" }));
    expect(hourly.filters.bucket).toBe("hour");
    expect(hourly.rows).toHaveLength(24);
    expect(hourly.rows.filter((row) => row.n > 0).map((row) => [row.key, row.n, row.p50Ms, row.p95Ms])).toEqual([
      ["2026-11-01T09", 2, 100, 300],
      ["2026-11-01T14", 1, 200, 200],
    ]);
  });

  it("applies the scenario, model, source and judge filters", async () => {
    const scenarioA = await getDecisionTrend(db, filters({ ...NOV_1_TO_3, scenario: "A" }));
    expect(scenarioA.rows.map((row) => row.decided)).toEqual([2, 0, 2]);
    const medgemmaModel = await getLatencyTrend(db, filters({ ...NOV_1_TO_3, model: "medgemma:4b" }));
    expect(medgemmaModel.rows.map((row) => row.n)).toEqual([1, 0, 2]);
    const pipeline = await getScoreTrend(db, filters({ ...NOV_1_TO_3, source: "pipeline" }));
    expect(pipeline.rows.compliance.map((row) => row.values.medgemma)).toEqual([null, null, 5]);
    const gemini = await getScoreDistribution(db, filters({ ...NOV_1_TO_3, judge: "gemini" }));
    expect(gemini.judges.map((judge) => judge.key)).toEqual(["gemini"]);
    const nothing = await getDecisionMatrix(db, filters({ ...NOV_1_TO_3, judge: "no-such-judge" }));
    expect(nothing.judges).toEqual([]);
  });
});
