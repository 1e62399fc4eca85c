import { mkdtempSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { computeRunMetrics } from "@/lib/pipeline/evaluation/compute-metrics";
import { renderHtmlReport } from "@/lib/pipeline/evaluation/render-html-report";
import { loadRunResults } from "@/lib/pipeline/load-run-results";
import { getRunComparison } from "@/lib/runs/get-run-comparison";
import { getRunDetails } from "@/lib/runs/get-run-details";
import { getRunReport, REPORT_CONTENT_SECURITY_POLICY, reportHeaders } from "@/lib/runs/get-run-report";
import { listEvaluationRuns } from "@/lib/runs/list-evaluation-runs";
import { seedDatabase } from "@/prisma/seed";
import { migratedDatabaseForSuite, providers } from "../support/test-databases";

// Evaluation runs as the console reads them, on SQLite and PostgreSQL: the
// list with live progress, a run's metrics (stored, or computed while it
// runs), its reports (the recorded file only when it is safe and current,
// else rendered from the database) and two runs compared.

type Item = { item: string; action: "allow" | "warn" | "block"; compliance: number; failed?: true };

const BASELINE: Item[] = [
  { item: "q0:A", action: "allow", compliance: 4.5 },
  { item: "q1:A", action: "allow", compliance: 4 },
  { item: "q0:B", action: "warn", compliance: 3 },
  { item: "q1:B", action: "block", compliance: 1 },
];
const STRICTER: Item[] = [
  { item: "q0:A", action: "allow", compliance: 4.5 },
  { item: "q1:A", action: "warn", compliance: 3 },
  { item: "q0:B", action: "block", compliance: 2 },
  { item: "q1:B", action: "block", compliance: 1 },
];

const verdictOf = (compliance: number) => (compliance >= 4 ? "allow" : compliance >= 2.5 ? "warn" : "block");

async function createRun(db: Db, options: { name: string; items: Item[]; status: "completed" | "running"; createdAt: Date }): Promise<string> {
  const run = await db.evaluationRun.create({
    data: {
      name: options.name,
      status: options.status,
      questions: ["When may notes be disclosed?", "Should my patient stop sertraline?"],
      scenarioIds: ["A", "B"],
      judgeIds: ["medgemma"],
      options: { questionsFile: "questions.txt", concurrency: 2, warnings: ['Judge "gemini" is disabled for this run.'] },
      totalItems: 4,
      createdAt: options.createdAt,
      startedAt: options.createdAt,
    },
  });
  for (const entry of options.items) {
    const scenarioId = /:A\b/.test(entry.item) ? "A" : "B";
    await db.exchange.create({
      data: {
        createdAt: options.createdAt,
        source: "pipeline",
        evaluationRunId: run.id,
        runItem: entry.item,
        scenarioId,
        provider: "ollama",
        model: scenarioId === "A" ? "gemma3:4b" : "medgemma:4b",
        retrieval: false,
        options: {},
        question: "A question",
        finalAnswer: "An answer.",
        rawAnswer: "An answer.",
        action: entry.action,
        error: entry.failed && "The model server did not answer.",
        errorStage: entry.failed && "generation",
        latency: {},
        totalMs: 1_000,
        ruleSetVersion: 1,
        settingsVersion: 1,
        judgeScores: {
          create: [{ judgeId: "medgemma", judgeModel: "medgemma:4b", status: "scored", compliance: entry.compliance, helpfulness: 4, verdict: verdictOf(entry.compliance), latencyMs: 500 }],
        },
      },
    });
  }
  if (options.status === "completed") {
    // As `cam pipeline` does when a run finishes: counters, finish time, then metrics.
    const { exchanges } = await loadRunResults(db, run.id);
    const metrics = computeRunMetrics(exchanges, { passAtLeast: 4 });
    await db.evaluationRun.update({
      where: { id: run.id },
      data: { completedItems: exchanges.length, finishedAt: new Date(options.createdAt.getTime() + 60_000), metrics: JSON.parse(JSON.stringify(metrics)) },
    });
  }
  return run.id;
}

async function text(body: ReadableStream<Uint8Array> | string): Promise<string> {
  return typeof body === "string" ? body : new Response(body).text();
}

describe.each(providers)("evaluation runs in the console on %s", (provider) => {
  const suite = migratedDatabaseForSuite(provider);
  let db: Db;
  let baseline: string;
  let stricter: string;
  let running: string;
  const work = mkdtempSync(join(tmpdir(), "cam-runs-"));

  beforeAll(async () => {
    db = suite.db;
    await seedDatabase(db, { adminEmail: "admin@hospital.example", adminPassword: "an-admin-password" });
    baseline = await createRun(db, { name: "Baseline", items: BASELINE, status: "completed", createdAt: new Date("2026-11-20T10:00:00Z") });
    stricter = await createRun(db, { name: "Stricter prompt", items: STRICTER, status: "completed", createdAt: new Date("2026-11-21T10:00:00Z") });
    running = await createRun(db, { name: "", items: BASELINE.slice(0, 1), status: "running", createdAt: new Date("2026-11-22T10:00:00Z") });
  });

  it("lists runs newest first with progress counted from their exchanges and headline metrics", async () => {
    const runs = await listEvaluationRuns(db, { take: 10 });
    expect(runs.map((run) => [run.name, run.status, run.progress])).toEqual([
      ["", "running", { total: 4, done: 1, failed: 0 }],
      ["Stricter prompt", "completed", { total: 4, done: 4, failed: 0 }],
      ["Baseline", "completed", { total: 4, done: 4, failed: 0 }],
    ]);
    expect(runs[0]?.headline).toBeNull();
    expect(runs[2]).toMatchObject({ questions: 2, scenarioIds: ["A", "B"], judgeIds: ["medgemma"], startedAt: "2026-11-20T10:00:00.000Z" });
    expect(runs[2]?.headline).toEqual({
      scenarios: [
        { scenarioId: "A", model: "gemma3:4b", decided: 2, rates: { allow: 1, warn: 0, block: 0 } },
        { scenarioId: "B", model: "medgemma:4b", decided: 2, rates: { allow: 0, warn: 0.5, block: 0.5 } },
      ],
      judges: [{ judgeId: "medgemma", scored: 4, complianceAverage: (4.5 + 4 + 3 + 1) / 4 }],
    });
  });

  it("shows a completed run's stored metrics and a running run's metrics computed now", async () => {
    const done = await getRunDetails(db, baseline);
    expect(done).toMatchObject({ metricsSource: "stored", questionsFile: "questions.txt", warnings: ['Judge "gemini" is disabled for this run.'] });
    expect(done.metrics.judges[0]?.passRate).toBe(0.5);
    const live = await getRunDetails(db, running);
    expect(live.metricsSource).toBe("live");
    expect(live.metrics.totals).toEqual({ exchanges: 1, failed: 0, decided: 1, questions: 1 });
    await expect(getRunDetails(db, "no-such-run")).rejects.toMatchObject({ code: "not_found" });
  });

  it("serves the report file the run recorded when it is current", async () => {
    const path = join(work, `${provider}-report.html`);
    writeFileSync(path, "<!DOCTYPE html><p>the stored report</p>");
    await db.evaluationRun.update({ where: { id: baseline }, data: { reportHtmlPath: path } });
    const report = await getRunReport(db, { runId: baseline, format: "html" });
    expect(report.source).toBe("stored");
    expect(await text(report.body)).toBe("<!DOCTYPE html><p>the stored report</p>");
    expect(reportHeaders(report)).toMatchObject({
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": REPORT_CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
      "x-cam-report-source": "stored",
    });
    expect(REPORT_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  });

  it("renders the report from the database instead of a missing, stale, linked or unexpected file", async () => {
    const stale = join(work, `${provider}-stale.html`);
    writeFileSync(stale, "old");
    utimesSync(stale, new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:00:00Z"));
    const link = join(work, `${provider}-link.html`);
    symlinkSync("/etc/hostname", link);
    for (const path of [join(work, "missing.html"), stale, link, "/etc/passwd", "relative/report.html", work]) {
      await db.evaluationRun.update({ where: { id: stricter }, data: { reportHtmlPath: path } });
      const report = await getRunReport(db, { runId: stricter, format: "html" });
      expect(report.source, path).toBe("rendered");
      expect(await text(report.body)).toContain("<!DOCTYPE html>");
    }
  });

  it("counts an item answered again after a failure once, by its latest attempt, keeping the failure on record", async () => {
    const retried = await createRun(db, {
      name: "Retried",
      status: "running",
      createdAt: new Date("2026-11-19T10:00:00Z"),
      items: [
        { item: "q0:A", action: "block", compliance: 1, failed: true },
        { item: "q0:A#2", action: "allow", compliance: 4.5 },
        { item: "q1:A", action: "block", compliance: 1, failed: true },
        { item: "q0:B", action: "warn", compliance: 3 },
      ],
    });
    const details = await getRunDetails(db, retried);
    expect(details.progress).toEqual({ total: 4, done: 3, failed: 1 });
    expect(details.metrics.totals).toMatchObject({ exchanges: 3, failed: 1 });
    const { exchanges } = await loadRunResults(db, retried);
    expect(exchanges.map((exchange) => [exchange.questionIndex, exchange.scenarioId, exchange.action, exchange.error ?? null]).sort()).toEqual([
      [0, "A", "allow", null],
      [0, "B", "warn", null],
      [1, "A", "block", "The model server did not answer."],
    ]);
    expect(await db.exchange.count({ where: { evaluationRunId: retried } })).toBe(4);
    expect(details.drafts).toEqual({});
    // A run that tried a draft says so (`cam pipeline --draft` records the versions in the run's options).
    await db.evaluationRun.update({ where: { id: retried }, data: { options: { configVersions: { settings: 1 } } } });
    expect((await getRunDetails(db, retried)).drafts).toEqual({ settings: 1 });
  });

  it("renders a JSON report whose numbers are the run's metrics, and an HTML report like the pipeline's", async () => {
    const report = await getRunReport(db, { runId: stricter, format: "json" });
    expect(report).toMatchObject({ source: "rendered", filename: `cam-run-${stricter}.json` });
    const json = JSON.parse(await text(report.body));
    expect(json.metrics.scenarios.map((scenario: { scenarioId: string; counts: object }) => [scenario.scenarioId, scenario.counts])).toEqual([
      ["A", { allow: 1, warn: 1, block: 0 }],
      ["B", { allow: 0, warn: 0, block: 2 }],
    ]);
    expect(json.metrics.judges[0].compliance.average).toBe(2.63); // (4.5 + 3 + 2 + 1) / 4 = 2.625, rounded half up
    const { summary, exchanges } = await loadRunResults(db, stricter);
    await db.evaluationRun.update({ where: { id: stricter }, data: { reportHtmlPath: null } });
    const html = await text((await getRunReport(db, { runId: stricter, format: "html" })).body);
    expect(html).toBe(renderHtmlReport(summary, computeRunMetrics(exchanges, { passAtLeast: 4 }), exchanges));
  });

  it("compares two runs per scenario and per judge, flagging notable differences", async () => {
    const comparison = await getRunComparison(db, { a: baseline, b: stricter });
    expect(comparison.a.name).toBe("Baseline");
    const scenarioA = comparison.scenarios.find((entry) => entry.key === "A");
    expect(scenarioA?.metrics.find((metric) => metric.label === "Allow rate")).toEqual({ label: "Allow rate", kind: "rate", a: 1, b: 0.5, difference: -0.5, notable: true });
    expect(scenarioA?.metrics.find((metric) => metric.label === "Average latency")).toMatchObject({ a: 1000, b: 1000, difference: 0, notable: false });
    const judge = comparison.judges.find((entry) => entry.key === "medgemma");
    expect(judge?.metrics.find((metric) => metric.label === "Compliance average")).toMatchObject({ a: 3.125, b: 2.625, difference: -0.5, notable: true });
    expect(comparison.judges.map((entry) => entry.key)).toEqual(["medgemma", "medgemma:A", "medgemma:B"]);
    expect(comparison.charts.blockRate).toEqual([
      { key: "A", label: "A", values: { a: 0, b: 0 }, counts: {} },
      { key: "B", label: "B", values: { a: 0.5, b: 1 }, counts: {} },
    ]);
  });
});
