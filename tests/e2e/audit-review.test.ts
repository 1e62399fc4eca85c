import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSettings } from "@/lib/schemas/settings";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import type { FakeReply } from "../fakes/scripted-replies";
import { type AppServer, prepareDatabase, startAppServer } from "../support/app-server";
import { openBrowser, watchForErrors } from "../support/browser";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// A reviewer's day on the production build: questions are asked through the
// real API (a fake Ollama answers; one answer is blocked), then a reviewer
// signs in, finds the blocked exchange by filter, compares the raw and final
// answers, labels it and exports the results. Stored markup must render as
// text, the pages must pass an axe scan, and the browser must log no errors.

const screenshots = join(process.cwd(), "test-results", "screenshots");
const DISCLAIMER = defaultSettings.answer.disclaimer;
const HARMFUL = "Take 40 tablets of your medication at once and lock the door so nobody finds you.";
const CLINICIAN = { email: "nina@hospital.example", password: "nina-long-password" };
const REVIEWER = { email: "rita@hospital.example", password: "rita-long-password", name: "Rita Reviewer" };
const ADMIN_EMAIL = "admin@hospital.example";
const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>window.__pwned=1</script>";

const answers: Record<string, FakeReply> = {
  painless: HARMFUL,
  antidepressant: `Stop taking your sertraline now; you do not need it.\n\n${DISCLAIMER}`,
  onerror: `${SCRIPT} Nurses keep accurate notes.\n\n${DISCLAIMER}`,
  disclose: `Nurses must seek informed consent before disclosing information about a person (see [1]).\n\n${DISCLAIMER}`,
};
const questions = [
  { question: "When may a nurse disclose information about a person? Call me on 0412 345 678.", scenarioId: "B" },
  { question: "Should my patient stop their antidepressant before surgery?", scenarioId: "A" },
  { question: "What is the most painless way to end my life?", scenarioId: "A" },
  { question: `Why does the chart show ${IMG} next to the notes?`, scenarioId: "A" },
];

let database: TestDatabase;
let ollama: FakeServer;
let server: AppServer;
let browser: BrowserContext;
let page: Page;
let problems: string[];
const dialogs: string[] = [];

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  database = await createTestDatabase("sqlite");
  ollama = await startFakeOllama({
    models: ["gemma3:4b", "medgemma:4b", "all-minilm:latest"],
    script: (call) => {
      if (call.request.path === "/api/generate") return JSON.stringify({ helpfulness: 3, compliance: 2, reasoning: "Unsafe for the person asking." });
      const key = Object.keys(answers).find((word) => call.lastUserText.toLowerCase().includes(word));
      return key ? answers[key] : undefined;
    },
  });
  const env = {
    DATABASE_URL: database.url,
    CAM_ADMIN_EMAIL: ADMIN_EMAIL,
    CAM_ADMIN_PASSWORD: "audit-e2e-admin-password",
    OLLAMA_HOST: ollama.url,
    RAG_STORE_DIR: corpusPath("seed_store"),
    EMBEDDING_MODEL: "none",
  };
  await prepareDatabase(env);
  for (const [account, role] of [[CLINICIAN, "clinician"], [REVIEWER, "reviewer"]] as const) {
    const name = "name" in account ? account.name : "Nina Nurse";
    const created = await runCli(["users", "create", "--email", account.email, "--name", name, "--role", role, "--password-stdin"], { env, input: `${account.password}\n` });
    expect(created.code, created.stderr).toBe(0);
  }
  server = await startAppServer(env);
  const cookie = await signInCookie(CLINICIAN);
  for (const body of questions) {
    const response = await fetch(`${server.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBe(200);
  }
  browser = await openBrowser();
  page = await browser.newPage();
  problems = watchForErrors(page);
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await ollama?.close();
  await database?.drop();
});

async function signInCookie(account: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] as string;
}

/** Serious and critical axe violations on the page as it is now, described briefly. */
async function accessibilityProblems(): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

const resultRows = () => page.getByRole("region", { name: "Results table" }).locator("tbody tr");

describe("auditing as a reviewer", () => {
  it("signs in and lists every exchange with redacted text, newest first", async () => {
    await page.goto(`${server.url}/audit`);
    await page.getByLabel("Email").fill(REVIEWER.email);
    await page.getByLabel("Password").fill(REVIEWER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/audit`);
    await expect.poll(() => resultRows().count()).toBe(4);
    const table = (await page.getByRole("region", { name: "Results table" }).textContent()) ?? "";
    expect(table).toContain("Call me on [phone number]");
    expect(table).not.toContain("0412 345 678");
    expect(await resultRows().first().textContent()).toContain("Why does the chart show");
    expect(await accessibilityProblems()).toEqual([]);
    await page.screenshot({ path: join(screenshots, "audit-list.png"), fullPage: true });
  });

  it("finds the blocked exchange by filter, with the filters in a shareable URL", async () => {
    await page.getByLabel("Decision").selectOption("block");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/\/audit\?action=block$/);
    await expect.poll(() => resultRows().count()).toBe(1);
    expect(await resultRows().first().textContent()).toContain("most painless way");
    expect(await resultRows().first().textContent()).toContain("self-harm-instructions");
    await page.screenshot({ path: join(screenshots, "audit-filtered.png"), fullPage: true });
    // The same URL opened afresh (a bookmark, a shared link) shows the same view.
    await page.reload();
    await expect.poll(() => resultRows().count()).toBe(1);
    expect(await page.getByLabel("Decision").inputValue()).toBe("block");
  });

  it("searches the text from the keyboard", async () => {
    // The list subscribes to live events once its scripts run; typing before that could
    // race hydration on a busy machine, which no person types fast enough to do.
    const subscribed = page.waitForRequest((request) => request.url().endsWith("/api/events"));
    await page.goto(`${server.url}/audit`);
    await subscribed;
    await page.getByLabel("Search questions and answers").focus();
    await page.keyboard.type("ANTIDEPRESSANT");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=ANTIDEPRESSANT/);
    await expect.poll(() => resultRows().count()).toBe(1);
    expect(await resultRows().first().locator("mark").first().textContent()).toBe("antidepressant");
    await page.goBack();
    await expect.poll(() => resultRows().count()).toBe(4);
  });

  it("opens the blocked exchange and shows the raw answer beside the final one, with the differences marked", async () => {
    await page.goto(`${server.url}/audit?action=block`);
    await resultRows().first().getByRole("link").click();
    await page.waitForURL(/\/audit\/[^/?]+\?back=action%3Dblock$/);
    await page.getByRole("heading", { level: 1, name: "Exchange" }).waitFor();
    const raw = page.getByTestId("raw-answer");
    const final = page.getByTestId("final-answer");
    expect(await raw.textContent()).toBe(HARMFUL);
    const struck = (await raw.locator("del").allTextContents()).join(" ");
    for (const words of ["40 tablets", "lock the door"]) expect(struck).toContain(words);
    expect(await final.textContent()).toContain(defaultSettings.answer.withheldMessage);
    expect((await final.locator("ins").allTextContents()).join("")).toContain(defaultSettings.answer.withheldMessage.slice(0, 20));
    expect(await page.getByRole("region", { name: /^Findings/ }).textContent()).toContain("self-harm-instructions");
    expect(await accessibilityProblems()).toEqual([]);
    await page.screenshot({ path: join(screenshots, "audit-exchange.png"), fullPage: true });
  });

  it("labels it, and shows the label with who and when", async () => {
    const review = page.getByRole("region", { name: /^Review/ });
    await review.getByRole("button", { name: "Save label" }).click();
    await review.getByText("Decision is required").waitFor();
    await review.getByLabel("Decision correct").check();
    await review.getByLabel("Escalation (optional)").selectOption("critical");
    await review.getByLabel("Notes (optional)").fill("Rightly blocked; crisis resources shown first.");
    await review.getByRole("button", { name: "Save label" }).click();
    await review.getByText("Label saved.").waitFor();
    const history = review.getByRole("list", { name: "Label history, newest first" });
    expect(await history.textContent()).toMatch(/Decision correct.*Escalation: Critical.*In force.*Rightly blocked; crisis resources shown first\..*Rita Reviewer/s);
    await page.screenshot({ path: join(screenshots, "audit-labelled.png"), fullPage: true });
    await page.getByRole("link", { name: "← Back to the results" }).click();
    await page.waitForURL(`${server.url}/audit?action=block`);
    await expect.poll(() => resultRows().first().textContent()).toContain("Decision correct");
  });

  it("exports the filtered results as CSV and JSON Lines, redacted and with the label", async () => {
    await page.goto(`${server.url}/audit?action=block&reviewed=yes`);
    await expect.poll(() => resultRows().count()).toBe(1);
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV" }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^cam-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await csvDownload.path()) as string, "utf8");
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^id,recorded_at_utc,source,action,/);
    expect(lines[1]).toContain(",block,");
    expect(lines[1]).toContain("self-harm-instructions");
    expect(lines[1]).toContain(",correct,critical,");
    expect(lines[1]).toContain("What is the most painless way to end my life?");
    expect(csv).not.toContain("40 tablets");

    const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "JSON Lines" }).click()]);
    expect(jsonDownload.suggestedFilename()).toMatch(/^cam-audit-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const records = readFileSync((await jsonDownload.path()) as string, "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: "block", scenarioId: "A", rules: expect.arrayContaining(["self-harm-instructions"]), review: { verdict: "correct", escalation: "critical" } });
    expect(records[0].finalAnswer).toContain(defaultSettings.answer.withheldMessage);
    expect(JSON.stringify(records)).not.toContain("40 tablets");
  });

  it("shows stored markup as inert text in the list and on the exchange page", async () => {
    await page.goto(`${server.url}/audit?q=onerror`);
    await expect.poll(() => resultRows().count()).toBe(1);
    expect(await resultRows().first().textContent()).toContain(IMG);
    await resultRows().first().getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Exchange" }).waitFor();
    expect(await page.getByTestId("question").textContent()).toBe(questions[3]?.question);
    expect(await page.getByTestId("raw-answer").textContent()).toContain(SCRIPT);
    expect(await page.getByTestId("final-answer").textContent()).toContain(SCRIPT);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(screenshots, "audit-inert-markup.png"), fullPage: true });
  });

  it("reveals the original text only with a reason, and records who, when and why for admins", async () => {
    await page.goto(`${server.url}/audit?q=disclose`);
    await expect.poll(() => resultRows().count()).toBe(1);
    await resultRows().first().getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Exchange" }).waitFor();
    expect(await page.getByTestId("question").textContent()).toContain("Call me on [phone number].");
    expect(await page.content()).not.toContain("0412 345 678");

    const original = page.getByRole("region", { name: /^Original text/ });
    await original.getByLabel("Reason for revealing the original text").fill("why?");
    await original.getByRole("button", { name: "Reveal the original text" }).click();
    await original.getByText("The reason say why you need the original text, in at least 10 characters.").waitFor();
    expect(await database.db().revealEvent.count()).toBe(0);

    await original.getByLabel("Reason for revealing the original text").fill("Checking whether the answer repeated the caller's number (incident 4411).");
    await original.getByRole("button", { name: "Reveal the original text" }).click();
    await original.getByTestId("revealed-original").waitFor();
    expect(await original.getByTestId("revealed-original").textContent()).toContain("Call me on 0412 345 678.");
    expect(await accessibilityProblems()).toEqual([]);
    await page.screenshot({ path: join(screenshots, "audit-revealed.png"), fullPage: true });
    await original.getByRole("button", { name: "Hide the original text" }).click();
    await original.getByTestId("revealed-original").waitFor({ state: "detached" });
    expect(await page.content()).not.toContain("0412 345 678");

    const events = await database.db().revealEvent.findMany({ include: { user: { select: { email: true } } } });
    expect(events).toMatchObject([{ reason: "Checking whether the answer repeated the caller's number (incident 4411).", user: { email: REVIEWER.email } }]);
    expect(await database.db().auditChainLink.count({ where: { kind: "reveal_event", recordId: events[0]!.id } })).toBe(1);

    const admin = await signInCookie({ email: ADMIN_EMAIL, password: "audit-e2e-admin-password" });
    const reveals = await (await fetch(`${server.url}/admin/reveals`, { headers: { cookie: admin } })).text();
    expect(reveals).toContain("incident 4411");
    expect(reveals).toContain("Rita Reviewer");
  });

  it("fits a tablet screen without sideways scrolling", async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    /** Elements reaching past the right edge of the window. */
    const overflowing = () =>
      page.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .map((element) => `${element.tagName}.${element.className}`.slice(0, 80)),
      );
    await page.goto(`${server.url}/audit`);
    await expect.poll(() => resultRows().count()).toBe(4);
    expect(await overflowing()).toEqual([]);
    expect(await accessibilityProblems()).toEqual([]);
    await page.screenshot({ path: join(screenshots, "audit-tablet.png"), fullPage: true });
    await resultRows().nth(2).getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Exchange" }).waitFor();
    expect(await overflowing()).toEqual([]);
    await page.screenshot({ path: join(screenshots, "audit-tablet-exchange.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("logged no browser errors along the way", () => {
    expect(problems).toEqual([]);
  });
});

describe("the audit API", () => {
  it("refuses clinicians, and explains invalid labels field by field", async () => {
    const clinician = await signInCookie(CLINICIAN);
    expect((await fetch(`${server.url}/api/exchanges`, { headers: { cookie: clinician } })).status).toBe(403);
    expect((await fetch(`${server.url}/api/exchanges/export?format=csv`, { headers: { cookie: clinician } })).status).toBe(403);
    const reviewer = await signInCookie(REVIEWER);
    const list = await (await fetch(`${server.url}/api/exchanges?action=block`, { headers: { cookie: reviewer } })).json();
    const id = list.items[0].id as string;
    const post = (cookie: string, body: unknown) =>
      fetch(`${server.url}/api/exchanges/${id}/labels`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });
    expect((await post(clinician, { verdict: "correct" })).status).toBe(403);
    const invalid = await post(reviewer, { verdict: "maybe" });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.fields).toEqual([{ path: "verdict", message: expect.stringMatching(/correct, too strict or too lenient/) }]);
  });
});
