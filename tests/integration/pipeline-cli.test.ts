import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { listConfigDrafts } from "@/lib/config/list-config-drafts";
import { saveRulePack } from "@/lib/config/save-rule-pack";
import { buildStore } from "@/lib/pipeline/build-store";
import { readSourceCatalogue } from "@/lib/pipeline/source-catalogue";
import { defaultSettings } from "@/lib/schemas/settings";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import { activateSettings } from "../support/activate-settings";
import { prepareDatabase } from "../support/app-server";
import { rawQuery } from "../support/raw-sql";
import { camBin, runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// `cam pipeline` end to end against a fake Ollama that answers as both the
// scenarios' models (chat) and the MedGemma judge (generate, JSON): reports,
// metrics checked against the stored exchanges, a run killed half-way then
// resumed, a run whose failed answers are retried, and a run trying a draft.

const questionsFile = corpusPath("questions/general.txt");
const QUESTIONS = readFileSync(questionsFile, "utf8").split("\n").filter((line) => line.trim()).length;
const DISCLAIMER = defaultSettings.answer.disclaimer;

let work: string;
let ollama: FakeServer;
let storeDir: string;
/** How long the fake model takes to answer a chat request; raised to kill a run part-way. */
let chatDelayMs = 0;
/** Whether the general model is missing from the fake server (404, as Ollama answers before `ollama pull`). */
let generalModelMissing = false;
/** Each item's decision in the uninterrupted run, to compare the resumed run with. */
const uninterrupted = new Map<string, string>();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "cam-pipeline-"));
  ollama = await startFakeOllama({
    models: ["gemma3:4b", "medgemma:4b"],
    script: (call) => {
      if (call.request.path === "/api/generate") {
        return JSON.stringify({ helpfulness: 3.5, compliance: call.lastUserText.includes("sertraline") ? 2 : 4.5, reasoning: "Checked." });
      }
      if (call.model === "gemma3:4b" && generalModelMissing) return { status: 404, message: `model "gemma3:4b" not found, try pulling it first` };
      return call.model === "medgemma:4b"
        ? { delayMs: chatDelayMs, text: `Stop taking your sertraline now.\n\n${DISCLAIMER}` }
        : `Practitioners must protect privacy and seek consent (see [1]).\n\n${DISCLAIMER}`;
    },
  });
  mkdirSync(join(work, "docs"));
  for (const file of ["allowah_nursing_practice_standards_code_of_conduct_policy.pdf", "icn_code_of_ethics_nurses_2021.pdf", "wma_declaration_of_helsinki_2013.pdf"]) {
    copyFileSync(corpusPath(`health_docs/${file}`), join(work, "docs", file));
  }
  storeDir = join(work, "store");
  await buildStore({ docsDir: join(work, "docs"), storeDir, catalogue: readSourceCatalogue("health_docs/sources.tsv"), embedder: null, chunking: { chunkWords: 280, overlapWords: 60 } });
}, 120_000);
afterAll(() => ollama.close());

async function freshDatabase(): Promise<{ database: TestDatabase; env: Record<string, string> }> {
  const database = await createTestDatabase("sqlite");
  const env = { DATABASE_URL: database.url, OLLAMA_HOST: ollama.url, RAG_STORE_DIR: storeDir, EMBEDDING_MODEL: "none", CAM_ADMIN_PASSWORD: "pipeline-admin-password" };
  await prepareDatabase(env);
  // The judge's default throttle (30 a minute) would make this test take minutes.
  await activateSettings(database.db(), (values) => ({
    ...values,
    judges: { ...values.judges, models: values.judges.models.map((judge) => ({ ...judge, requestsPerMinute: 10_000 })) },
  }));
  return { database, env };
}

const runIdFrom = (stdout: string) => /Run (\w+) started/.exec(stdout)?.[1] as string;

describe("cam pipeline", () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let output: string;
  let runId: string;

  beforeAll(async () => {
    ({ database, env } = await freshDatabase());
    const result = await runCli(
      ["pipeline", "--questions", questionsFile, "--scenarios", "B,D", "--html", join(work, "report.html"), "--json", join(work, "report.json")],
      { env },
    );
    output = result.stdout;
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    runId = runIdFrom(output);
    const items = await rawQuery<{ runItem: string; action: string }>(database, `SELECT "runItem", action FROM "Exchange" WHERE "evaluationRunId" = $1`, [runId]);
    for (const item of items) uninterrupted.set(item.runItem, item.action);
  }, 180_000);
  afterAll(() => database.drop());

  it("plans the run, warns about a judge without credentials, and shows progress for every answer", () => {
    expect(output).toContain(`${QUESTIONS} questions × 2 scenarios (B, D) = ${QUESTIONS * 2} answers; judges: medgemma.`);
    expect(output).toMatch(/warning: Judge "gemini" is disabled for this run: .*GEMINI_API_KEY/);
    const progress = output.split("\n").filter((line) => /^\[\s*\d+\/\d+\]/.test(line));
    expect(progress).toHaveLength(QUESTIONS * 2);
    expect(progress.some((line) => /× D\s+warn .*judges: medgemma 2\/5 block/.test(line))).toBe(true);
    expect(output).toMatch(new RegExp(`Run ${runId} completed: ${QUESTIONS * 2} of ${QUESTIONS * 2} answers, 0 failed\\.`));
  });

  it("writes an HTML and a JSON report whose numbers match the stored exchanges", async () => {
    const report = JSON.parse(readFileSync(join(work, "report.json"), "utf8"));
    const counted = await rawQuery<{ scenarioId: string; action: string; n: number }>(
      database,
      `SELECT "scenarioId", action, count(*) AS n FROM "Exchange" WHERE "evaluationRunId" = $1 GROUP BY "scenarioId", action`,
      [runId],
    );
    type Scenario = { scenarioId: string; total: number; counts: Record<string, number> };
    const scenario = (id: string) => (report.metrics.scenarios as Scenario[]).find((entry) => entry.scenarioId === id);
    expect(counted.length).toBeGreaterThan(0);
    for (const row of counted) expect(scenario(row.scenarioId)?.counts[row.action]).toBe(Number(row.n));
    const scores = await rawQuery<{ compliance: number }>(
      database,
      `SELECT s.compliance FROM "JudgeScore" s JOIN "Exchange" e ON e.id = s."exchangeId" WHERE e."evaluationRunId" = $1 AND s.status = 'scored'`,
      [runId],
    );
    const average = scores.reduce((sum, score) => sum + score.compliance, 0) / scores.length;
    const medgemma = report.metrics.judges.find((judge: { judgeId: string }) => judge.judgeId === "medgemma");
    expect(medgemma.compliance.average).toBeCloseTo(average, 2);
    expect(medgemma.scored).toBe(QUESTIONS * 2);
    const html = readFileSync(join(work, "report.html"), "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("<svg");
    const stored = await rawQuery<{ metrics: string; reportHtmlPath: string }>(database, `SELECT metrics, "reportHtmlPath" FROM "EvaluationRun" WHERE id = $1`, [runId]);
    expect(stored[0]?.reportHtmlPath).toBe(join(work, "report.html"));
    expect(JSON.parse(stored[0]?.metrics as string).scenarios.find((entry: Scenario) => entry.scenarioId === "B").total).toBe(QUESTIONS);
  });

  it("explains missing prerequisites", async () => {
    const noQuestions = await runCli(["pipeline", "--questions", join(work, "nothing.txt")], { env });
    expect(noQuestions.stderr).toMatch(/questions file .*nothing\.txt does not exist/);
    const unknownScenario = await runCli(["pipeline", "--questions", questionsFile, "--scenarios", "B,Z"], { env });
    expect(unknownScenario.stderr).toMatch(/There is no enabled scenario "Z"\. Choose from: A, B, C, D, E, F\./);
    const noStore = await runCli(["pipeline", "--questions", questionsFile, "--scenarios", "B"], { env: { ...env, RAG_STORE_DIR: join(work, "missing") } });
    expect(noStore.stderr).toMatch(/retrieval store cannot be used .*--refresh-store/);
    expect((await runCli(["pipeline", "--questions", questionsFile, "--scenarios", "A", "--dry-run"], { env })).code).toBe(0);
  });
});

describe("cam pipeline, killed half-way and resumed", () => {
  it("finishes with the same answers as an uninterrupted run and none duplicated", async () => {
    const { database, env } = await freshDatabase();
    try {
      const args = ["pipeline", "--questions", questionsFile, "--scenarios", "B,D", "--concurrency", "1"];
      chatDelayMs = 200;
      const child = spawn(process.execPath, ["--conditions=react-server", camBin, ...args], { env: { ...process.env, ...env } as NodeJS.ProcessEnv });
      let stdout = "";
      await new Promise<void>((resolve) => {
        child.stdout.on("data", (chunk) => {
          stdout += chunk;
          if ((stdout.match(/^\[\s*\d+\//gm) ?? []).length >= 8 && child.exitCode === null) {
            child.kill("SIGKILL");
            resolve();
          }
        });
      });
      await new Promise((resolve) => child.once("close", resolve));
      const runId = runIdFrom(stdout);
      const partial = await rawQuery<{ n: number }>(database, `SELECT count(*) AS n FROM "Exchange" WHERE "evaluationRunId" = $1`, [runId]);
      expect(Number(partial[0]?.n)).toBeLessThan(QUESTIONS * 2);

      chatDelayMs = 0;
      const resumed = await runCli(["pipeline", "--resume", runId], { env });
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toMatch(new RegExp(`Resuming run ${runId}`));
      const items = await rawQuery<{ runItem: string; action: string; scores: number }>(
        database,
        `SELECT e."runItem", e.action, (SELECT count(*) FROM "JudgeScore" s WHERE s."exchangeId" = e.id) AS scores
         FROM "Exchange" e WHERE e."evaluationRunId" = $1`,
        [runId],
      );
      expect(items).toHaveLength(QUESTIONS * 2);
      expect(new Set(items.map((item) => item.runItem)).size).toBe(QUESTIONS * 2);
      expect(items.every((item) => Number(item.scores) === 1)).toBe(true);
      expect(Object.fromEntries(items.map((item) => [item.runItem, item.action]))).toEqual(Object.fromEntries(uninterrupted));
    } finally {
      await database.drop();
    }
  }, 240_000);
});

describe("cam pipeline, failed answers retried", () => {
  it("answers again only the failed items, keeps each failure on record, and reports the new answers", async () => {
    const { database, env } = await freshDatabase();
    try {
      const args = ["pipeline", "--questions", questionsFile, "--scenarios", "B,D", "--no-judges"];
      generalModelMissing = true;
      const first = await runCli(args, { env });
      generalModelMissing = false;
      const runId = runIdFrom(first.stdout);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/q1 × B\s+failed: .*gemma3:4b/);
      expect(first.stdout).toContain(`Run ${runId} completed: ${QUESTIONS * 2} of ${QUESTIONS * 2} answers, ${QUESTIONS} failed.`);
      expect(first.stdout).toContain(`cam pipeline --resume ${runId} --retry-failed`);

      // Resuming alone finishes what is missing; nothing is, so the failures stand.
      const resumed = await runCli(["pipeline", "--resume", runId], { env });
      expect(resumed.stdout).toContain(`${QUESTIONS * 2} of ${QUESTIONS * 2} answers, ${QUESTIONS} failed.`);

      const retried = await runCli(["pipeline", "--resume", runId, "--retry-failed", "--json", join(work, "retried.json")], { env });
      expect(retried.stderr).toBe("");
      expect(retried.code).toBe(0);
      expect(retried.stdout).toContain(`Resuming run ${runId} (${QUESTIONS * 2} of ${QUESTIONS * 2} items were finished; retrying the ${QUESTIONS} that failed).`);
      expect(retried.stdout.split("\n").filter((line) => /× B \(attempt 2\)\s+allow/.test(line))).toHaveLength(QUESTIONS);
      expect(retried.stdout.split("\n").filter((line) => /× D\s+skipped/.test(line))).toHaveLength(QUESTIONS);
      expect(retried.stdout).toContain(`Scenario B: ${QUESTIONS} answers, 0 failed`);
      expect(retried.stdout).toContain(`Run ${runId} completed: ${QUESTIONS * 2} of ${QUESTIONS * 2} answers, 0 failed.`);

      const rows = await rawQuery<{ runItem: string; error: string | null }>(database, `SELECT "runItem", error FROM "Exchange" WHERE "evaluationRunId" = $1`, [runId]);
      const failures = rows.filter((row) => row.error !== null);
      expect(rows).toHaveLength(QUESTIONS * 3);
      expect(failures).toHaveLength(QUESTIONS);
      expect(failures.every((row) => /^q\d+:B$/.test(row.runItem))).toBe(true);
      expect(rows.filter((row) => /^q\d+:B#2$/.test(row.runItem) && row.error === null)).toHaveLength(QUESTIONS);
      const report = JSON.parse(readFileSync(join(work, "retried.json"), "utf8"));
      const scenarioB = report.metrics.scenarios.find((entry: { scenarioId: string }) => entry.scenarioId === "B");
      expect(scenarioB).toMatchObject({ total: QUESTIONS, failed: 0 });
      // One answer per item in the report: the retries, not the failures they replaced.
      const reported = report.exchanges as { scenarioId: string; error: string | null }[];
      expect(reported).toHaveLength(QUESTIONS * 2);
      expect(reported.filter((exchange) => exchange.error !== null)).toEqual([]);
    } finally {
      generalModelMissing = false;
      await database.drop();
    }
  }, 240_000);

  it("refuses --retry-failed without a run to resume", async () => {
    const result = await runCli(["pipeline", "--questions", questionsFile, "--retry-failed"], { env: { DATABASE_URL: "file:/nonexistent/cam.db" } });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--retry-failed .* use it with --resume <runId>/);
  });
});

describe("cam pipeline --draft", () => {
  it("answers a question set under a draft rule pack without putting it in force, and shows the run beside the draft", async () => {
    const { database, env } = await freshDatabase();
    try {
      const db = database.db();
      const admin = await db.user.findFirstOrThrow({ where: { role: "admin" } });
      const rules = defaultRulePack.map((rule) => (rule.id === "medication-directive" ? { ...rule, enabled: false } : rule));
      const draft = await saveRulePack(db, { actorId: admin.id, body: { baseVersion: 1, rules, note: "Fewer medication warnings" } });

      const result = await runCli(["pipeline", "--questions", questionsFile, "--scenarios", "D", "--no-judges", "--name", "Draft trial", "--draft", `rules:${draft.version}`], { env });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Trying draft rule pack ${draft.version} instead of what is in force`);
      const runId = runIdFrom(result.stdout);
      // The medication directive that warns under the pack in force passes under the draft that turned its rule off.
      const rows = await rawQuery<{ action: string; ruleSetVersion: number }>(database, `SELECT action, "ruleSetVersion" FROM "Exchange" WHERE "evaluationRunId" = $1`, [runId]);
      expect(rows).toHaveLength(QUESTIONS);
      expect(rows.every((row) => row.action === "allow" && Number(row.ruleSetVersion) === draft.version)).toBe(true);
      const run = await db.evaluationRun.findUniqueOrThrow({ where: { id: runId } });
      expect(run.ruleSetVersion).toBe(draft.version);
      expect((await db.ruleSetVersion.findUniqueOrThrow({ where: { version: draft.version } })).status).toBe("draft");

      const awaiting = await listConfigDrafts(db, { kind: "rules", viewerId: admin.id });
      expect(awaiting.drafts.find((entry) => entry.version === draft.version)?.evaluations).toEqual([
        { id: runId, name: "Draft trial", status: "completed", createdAt: run.createdAt.toISOString() },
      ]);
      const resumed = await runCli(["pipeline", "--resume", runId], { env });
      expect(resumed.stdout).toContain(`This run tries draft rule pack ${draft.version}, as when it started.`);

      const active = await runCli(["pipeline", "--questions", questionsFile, "--draft", "rules:1"], { env });
      expect(active.stderr).toContain("Rule pack version 1 is active, not a draft.");
      const garbled = await runCli(["pipeline", "--questions", questionsFile, "--draft", "rules-2"], { env });
      expect(garbled.stderr).toContain('must be rules:<version> and/or settings:<version>, e.g. "rules:12" or "rules:12,settings:7"');
      const both = await runCli(["pipeline", "--resume", runId, "--draft", `rules:${draft.version}`], { env });
      expect(both.stderr).toContain("A resumed run keeps the configuration it started with");
    } finally {
      await database.drop();
    }
  }, 240_000);
});
