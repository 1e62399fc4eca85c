import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSettings } from "@/lib/schemas/settings";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import { type AppServer, prepareDatabase, startAppServer } from "../support/app-server";
import { openBrowser, watchForErrors } from "../support/browser";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// Two instances of the production build on one PostgreSQL database, as behind
// a load balancer: both run the background judge, a reviewer's browser is on
// instance B, and questions are asked on instance A. Nothing may depend on
// which instance a request reaches.

const screenshots = join(process.cwd(), "test-results", "screenshots");
const CLINICIAN = { email: "nina@hospital.example", password: "nina-long-password" };
const REVIEWER = { email: "rita@hospital.example", password: "rita-long-password" };
const QUESTIONS = 6;
const ANSWER = `Nurses must seek consent before sharing information.\n\n${defaultSettings.answer.disclaimer}`;

let database: TestDatabase;
let ollama: FakeServer;
let a: AppServer;
let b: AppServer;
let browser: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  database = await createTestDatabase("postgresql");
  ollama = await startFakeOllama({
    models: ["gemma3:4b", "medgemma:4b"],
    // Judges use /api/generate; answers use /api/chat. A slow judge widens the window for two workers to collide.
    script: (call) => (call.request.path === "/api/generate" ? { delayMs: 300, text: JSON.stringify({ helpfulness: 4, compliance: 5, reasoning: "Grounded." }) } : ANSWER),
  });
  const env = {
    DATABASE_URL: database.url,
    CAM_ADMIN_PASSWORD: "scale-out-admin-password",
    OLLAMA_HOST: ollama.url,
    RAG_STORE_DIR: corpusPath("seed_store"),
    EMBEDDING_MODEL: "none",
    JUDGE_WORKER: "on",
  };
  await prepareDatabase(env);
  for (const [account, role] of [[CLINICIAN, "clinician"], [REVIEWER, "reviewer"]] as const) {
    const created = await runCli(["users", "create", "--email", account.email, "--name", role, "--role", role, "--password-stdin"], { env, input: `${account.password}\n` });
    expect(created.code, created.stderr).toBe(0);
  }
  [a, b] = await Promise.all([startAppServer(env), startAppServer(env)]);
  browser = await openBrowser();
  page = await browser.newPage();
  problems = watchForErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await ollama?.close();
  await database?.drop();
});

const resultRows = () => page.getByRole("region", { name: "Results table" }).locator("tbody tr");

async function signInCookie(server: AppServer, account: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify(account),
  });
  expect(response.status).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
}

describe("two instances on one PostgreSQL database", () => {
  it("shows a browser on instance B the exchanges recorded on instance A, without a reload", async () => {
    await page.goto(`${b.url}/audit`);
    await page.getByLabel("Email").fill(REVIEWER.email);
    await page.getByLabel("Password").fill(REVIEWER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${b.url}/audit`);
    await page.getByText("No exchanges recorded yet").waitFor();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    // The session signed in on B is valid on A too: sessions live in the database.
    const cookie = await signInCookie(a, CLINICIAN);
    const asked = await fetch(`${a.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: a.url },
      body: JSON.stringify({ question: "When may a nurse share information about a person?", scenarioId: "A" }),
    });
    expect(asked.status, await asked.clone().text()).toBe(200);

    await expect.poll(() => resultRows().count(), { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await page.screenshot({ path: join(screenshots, "scale-out-live-audit.png"), fullPage: true });
  });

  it("judges every answer exactly once, though both instances run the judge", async () => {
    const cookie = await signInCookie(b, CLINICIAN);
    for (let index = 1; index < QUESTIONS; index += 1) {
      const server = index % 2 ? b : a;
      const asked = await fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: server.url },
        body: JSON.stringify({ question: `Question ${index}: may a nurse share notes with a GP?`, scenarioId: "A" }),
      });
      expect(asked.status).toBe(200);
    }
    const db = database.db();
    await expect.poll(() => db.judgeJob.count({ where: { status: { not: "done" } } }), { timeout: 60_000, interval: 500 }).toBe(0);
    const scores = await db.judgeScore.groupBy({ by: ["exchangeId", "judgeId"], _count: { _all: true } });
    expect(scores).toHaveLength(QUESTIONS);
    expect(scores.every((score) => score._count._all === 1)).toBe(true);
    expect(ollama.received.filter((request) => request.path === "/api/generate")).toHaveLength(QUESTIONS);
    await expect.poll(() => resultRows().count(), { timeout: 15_000 }).toBe(QUESTIONS);
  });

  it("logged no browser errors", () => {
    expect(problems).toEqual([]);
  });
});
