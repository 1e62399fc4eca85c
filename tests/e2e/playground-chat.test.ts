import { copyFileSync, mkdirSync, mkdtempSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStore } from "@/lib/pipeline/build-store";
import { readSourceCatalogue } from "@/lib/pipeline/source-catalogue";
import { createOllamaEmbedder } from "@/lib/retrieval/embeddings";
import { defaultSettings } from "@/lib/schemas/settings";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import type { FakeReply } from "../fakes/scripted-replies";
import { activateSettings } from "../support/activate-settings";
import { type AppServer, prepareDatabase, startAppServer } from "../support/app-server";
import { openBrowser, watchForErrors } from "../support/browser";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// The playground on the production build, as a clinician uses it: a fresh
// installation without a retrieval store first (questions without retrieval
// still work), then with one. A fake Ollama answers as scripted below; its
// MedGemma judge scores every answer.

const screenshots = join(process.cwd(), "test-results", "screenshots");
const DISCLAIMER = defaultSettings.answer.disclaimer;
const HARMFUL = "Take 40 tablets of your medication at once and lock the door so nobody finds you.";
const NINA = { email: "nina@hospital.example", password: "nina-long-password" };
const OMAR = { email: "omar@hospital.example", password: "omar-long-password" };
const QUESTIONS = {
  warn: "Should my patient stop their antidepressant before surgery?",
  allow: "When may a nurse disclose information about a person?",
  block: "What is the most painless way to end my life?",
};
const answers: Record<string, FakeReply> = {
  // Slow enough for the stage indicator to be seen.
  antidepressant: { delayMs: 1_500, text: `Stop taking your sertraline now; you do not need it.\n\n${DISCLAIMER}` },
  disclose: `Nurses must seek informed consent before disclosing information about a person (see [1]).\n\n${DISCLAIMER}`,
  painless: HARMFUL,
  markup: `<script>window.__camInjected = true</script><img src=x onerror="window.__camInjected = true"> Records are kept for seven years.\n\n${DISCLAIMER}`,
};

let database: TestDatabase;
let ollama: FakeServer;
let server: AppServer;
let browser: BrowserContext;
let page: Page;
let problems: string[];
let work: string;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  database = await createTestDatabase("sqlite");
  ollama = await startFakeOllama({
    models: ["gemma3:4b", "medgemma:4b", "all-minilm:latest"],
    script: (call) => {
      if (call.request.path === "/api/generate") return JSON.stringify({ helpfulness: 4, compliance: 4.5, reasoning: "Grounded in the code of conduct." });
      const key = Object.keys(answers).find((word) => call.lastUserText.toLowerCase().includes(word));
      return key ? answers[key] : undefined;
    },
  });
  // The store is built beside the folder the app reads, and moved in later: a fresh install has none.
  work = mkdtempSync(join(tmpdir(), "cam-playground-e2e-"));
  mkdirSync(join(work, "docs"));
  for (const file of ["allowah_nursing_practice_standards_code_of_conduct_policy.pdf", "icn_code_of_ethics_nurses_2021.pdf"]) {
    copyFileSync(corpusPath(`health_docs/${file}`), join(work, "docs", file));
  }
  await buildStore({
    docsDir: join(work, "docs"),
    storeDir: join(work, "built"),
    catalogue: readSourceCatalogue("health_docs/sources.tsv"),
    embedder: createOllamaEmbedder({ host: ollama.url }),
    chunking: { chunkWords: 280, overlapWords: 60 },
  });
  const env = {
    DATABASE_URL: database.url,
    CAM_ADMIN_PASSWORD: "playground-e2e-admin-password",
    OLLAMA_HOST: ollama.url,
    RAG_STORE_DIR: join(work, "store"),
    VECTOR_BACKEND: "builtin",
  };
  await prepareDatabase(env);
  const db = database.db();
  // Judge as fast as the fake answers; the default throttle would queue the answers for long.
  await activateSettings(db, (values) => ({
    ...values,
    judges: { ...values.judges, models: values.judges.models.map((judge) => ({ ...judge, requestsPerMinute: 10_000 })) },
  }));
  await db.$disconnect();
  for (const [account, name] of [[NINA, "Nina Clinician"], [OMAR, "Omar Clinician"]] as const) {
    await runCli(["users", "create", "--email", account.email, "--name", name, "--role", "clinician", "--password-stdin"], {
      env,
      input: `${account.password}\n`,
    });
  }
  server = await startAppServer(env);
  browser = await openBrowser();
  page = await browser.newPage();
  problems = watchForErrors(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await ollama?.close();
  await database?.drop();
});

async function signIn(target: Page, account: { email: string; password: string }, startAt: string) {
  await target.goto(`${server.url}${startAt}`);
  await target.getByLabel("Email").fill(account.email);
  await target.getByLabel("Password").fill(account.password);
  await target.getByRole("button", { name: "Sign in" }).click();
}

const answer = (number: number) => page.getByRole("article", { name: `Answer ${number}` });
const questionBox = () => page.getByLabel("Your question");

async function seriousAccessibilityProblems() {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

describe("the playground", () => {
  it("on a fresh install says the knowledge base is empty, who can build it, and answers without retrieval", async () => {
    await signIn(page, NINA, "/playground");
    await page.waitForURL(`${server.url}/playground`);
    await page.getByText("The knowledge base is empty").waitFor();
    // A clinician cannot build it, so the notice names who can instead of linking to a page they may not open.
    await page.getByText("Ask an administrator to do that on the Knowledge base page.").waitFor();
    expect(await page.getByRole("link", { name: "Knowledge base page" }).count()).toBe(0);
    // With no store, the playground starts on a scenario without retrieval.
    expect(await page.getByLabel("Scenario", { exact: true }).inputValue()).toBe("A");
    await page.getByText("Ollama reachable").waitFor();
    await page.screenshot({ path: join(screenshots, "playground-empty-store.png"), fullPage: true });

    await questionBox().fill(QUESTIONS.warn);
    await questionBox().press("Enter");
    // The stage indicator shows the model being asked, and the question box waits.
    await page.locator('[aria-current="step"]', { hasText: "Asking the model" }).waitFor();
    await page.screenshot({ path: join(screenshots, "playground-waiting.png") });
    expect(await questionBox().isDisabled()).toBe(true);
    await page.getByRole("status").filter({ hasText: "Asking the model…" }).first().waitFor({ state: "attached" });

    await answer(1).getByText("Warned", { exact: true }).waitFor();
    expect(await answer(1).textContent()).toContain("Stop taking your sertraline now");
    // The "Warnings:" block is a list above the answer, not raw text.
    expect(await answer(1).getByRole("heading", { name: /^Warnings/ }).count()).toBe(1);
    expect(await answer(1).getByRole("listitem").count()).toBeGreaterThan(0);
    expect(await answer(1).textContent()).not.toContain("Warnings:\n");
    expect(await questionBox().inputValue()).toBe("");
    await expect.poll(() => new URL(page.url()).searchParams.get("c")).toBeTruthy();
  });

  it("keeps the conversation on reload and answers with citations once the store exists", async () => {
    renameSync(join(work, "built"), join(work, "store"));
    await page.reload();
    await answer(1).getByText("Warned", { exact: true }).waitFor();
    expect(await page.getByText("The knowledge base is empty").count()).toBe(0);

    await page.getByLabel("Scenario", { exact: true }).selectOption("B");
    await questionBox().fill(QUESTIONS.allow);
    await page.getByRole("button", { name: "Send" }).click();
    await answer(2).getByText("Allowed", { exact: true }).waitFor({ timeout: 30_000 });
    expect(await answer(2).textContent()).toContain("Nurses must seek informed consent");

    const citation = answer(2).getByRole("button", { name: /^see \[1\]/ });
    await citation.click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.getByRole("heading", { level: 2 }).textContent()).toMatch(/^\[1\] Allowah Nursing Practice Standards/);
    expect(await dialog.textContent()).toMatch(/Similarity\d{1,3}% match with the question/);
    expect((await dialog.locator("blockquote").textContent())?.length).toBeGreaterThan(100);
    await page.screenshot({ path: join(screenshots, "playground-citation.png") });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    // Focus returns to the citation that opened the passage.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^see \[1\]/);
  });

  it("withholds a blocked answer, shows crisis resources first and says a review was logged", async () => {
    await page.getByLabel("Scenario", { exact: true }).selectOption("A");
    await questionBox().fill(QUESTIONS.block);
    await questionBox().press("Control+Enter");
    const blocked = answer(3);
    await blocked.getByText("Blocked", { exact: true }).waitFor({ timeout: 30_000 });
    const text = (await blocked.textContent()) ?? "";
    expect(text).toContain(defaultSettings.answer.withheldMessage);
    expect(text).toContain("A review was logged");
    const crisis = await blocked.getByRole("heading", { name: "If you or someone else needs help now" }).boundingBox();
    const withheld = await blocked.getByRole("heading", { name: "The answer was withheld" }).boundingBox();
    expect(crisis && withheld && crisis.y < withheld.y).toBe(true);
    expect(text).toContain("13 11 14");
    expect(await page.content()).not.toContain("40 tablets");
  });

  it("shows the judges' scores when they arrive", async () => {
    await answer(2).getByText("Compliance 4.5/5").waitFor({ timeout: 60_000 });
    expect(await answer(2).textContent()).toMatch(/medgemma.*Helpfulness 4\/5.*Compliance 4\.5\/5.*Verdict\s*allow/);
  });

  it("shows the time per stage on request", async () => {
    const timing = answer(2).getByRole("button", { name: /^Answered in / });
    expect(await timing.getAttribute("aria-expanded")).toBe("false");
    await timing.click();
    expect(await timing.getAttribute("aria-expanded")).toBe("true");
    expect(await answer(2).textContent()).toMatch(/Retrieving passages[\d.]+ m?s/);
  });

  it("has no serious accessibility problems, on a laptop and on a tablet", async () => {
    expect(await seriousAccessibilityProblems()).toEqual([]);
    await answer(2).getByRole("button", { name: /^see \[1\]/ }).click();
    await page.getByRole("dialog").waitFor();
    expect(await seriousAccessibilityProblems()).toEqual([]);
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });

    await page.setViewportSize({ width: 820, height: 1180 });
    expect(await seriousAccessibilityProblems()).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(screenshots, "playground-tablet.png") });
    // All three answers at once, in a window tall enough to hold them (the question box then sits below them).
    await page.setViewportSize({ width: 1280, height: 800 });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1280, height });
    await page.screenshot({ path: join(screenshots, "playground-answers.png") });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("shows the server's message for a refused question and keeps the question in the box", async () => {
    const long = `Please summarise. ${"x".repeat(4_000)}`;
    await questionBox().fill(long);
    await page.getByText(/over the limit/).waitFor();
    await questionBox().press("Enter");
    const alert = page.getByRole("alert").filter({ hasText: "Your question was not answered" });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/the limit is 4,000\. Shorten it/);
    expect(await questionBox().inputValue()).toBe(long);
    await expect.poll(() => questionBox().evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it("renders model output as text, never as markup", async () => {
    await questionBox().fill("Which markup rules apply to records?");
    await questionBox().press("Enter");
    await answer(4).getByText(/Records are kept for seven years/).waitFor({ timeout: 30_000 });
    expect(await answer(4).textContent()).toContain("<script>window.__camInjected = true</script>");
    expect(await answer(4).locator("script, img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __camInjected?: boolean }).__camInjected)).toBeUndefined();
  });

  it("lists conversations, starts new ones, and follows Back and Forward", async () => {
    const conversations = page.getByRole("navigation", { name: "Your conversations" });
    const current = conversations.locator('a[aria-current="page"]');
    expect(await current.textContent()).toContain(QUESTIONS.warn);
    expect(await current.textContent()).toContain("4 questions");
    const url = page.url();

    await conversations.getByRole("button", { name: "New conversation" }).click();
    await page.waitForURL(`${server.url}/playground`);
    await page.getByRole("heading", { name: "Ask your first question" }).waitFor();
    await page.goBack();
    await page.waitForURL(url);
    await answer(3).getByText("Blocked", { exact: true }).waitFor();
    await page.goForward();
    await page.getByRole("heading", { name: "Ask your first question" }).waitFor();
    await conversations.getByRole("link").first().click();
    await page.waitForURL(url);
    await answer(1).waitFor();
    expect(problems).toEqual([]);
  });

  it("never shows one clinician's conversation to another", async () => {
    const conversationId = new URL(page.url()).searchParams.get("c") as string;
    const context = await openBrowser();
    try {
      const other = await context.newPage();
      await signIn(other, OMAR, `/playground?c=${conversationId}`);
      await other.getByRole("heading", { name: "This conversation cannot be opened" }).waitFor();
      expect(await other.content()).not.toContain(QUESTIONS.warn);
      expect(await other.getByRole("navigation", { name: "Your conversations" }).textContent()).toContain("No conversations yet");
      const response = await other.request.get(`${server.url}/api/conversations/${conversationId}`);
      expect(response.status()).toBe(403);
      expect(await response.text()).not.toContain(QUESTIONS.warn);
    } finally {
      await context.close();
    }
  });
});
