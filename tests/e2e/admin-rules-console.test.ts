import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
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

// The rules and thresholds pages on the production build, as an admin uses
// them: answers recorded through the API with a fake Ollama, then a rule
// switched off with its what-if preview and saved as a draft, which a second
// admin previews and approves before the next answer reflects it; an unsafe
// pattern refused in the editor; a roll-back; the thresholds form, whose draft
// a reviewer rejects from the approvals page. Each page is scanned for accessibility problems
// and photographed for the README.

const screenshots = join(process.cwd(), "test-results", "screenshots");
const ADMIN = { email: "admin@hospital.example", password: "rules-e2e-admin-password" };
const APPROVER = { email: "ada@hospital.example", password: "rules-e2e-approver-password" };
const REVIEWER = { email: "rita@hospital.example", password: "rules-e2e-reviewer-password" };
const CLINICIAN = { email: "clinician@hospital.example", password: "rules-e2e-clinician-password" };
const DISCLAIMER = defaultSettings.answer.disclaimer;
const answers: Record<string, string> = {
  antidepressant: `Stop taking your sertraline now; you do not need it.\n\n${DISCLAIMER}`,
  lithium: `You should stop your lithium before the procedure.\n\n${DISCLAIMER}`,
  boundaries: `Nurses keep professional boundaries with the people in their care.\n\n${DISCLAIMER}`,
  painless: "Take 40 tablets of your medication at once and lock the door so nobody finds you.",
};

let database: TestDatabase;
let ollama: FakeServer;
let server: AppServer;
let browser: BrowserContext;
let page: Page;
let problems: string[];
/** Other people's browsers (each its own session), by email. */
const otherBrowsers = new Map<string, { context: BrowserContext; page: Page }>();
let adminCookie: string;

async function signInCookie(account: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(account),
  });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] as string;
}

async function chat(question: string): Promise<{ action: string; findings: { ruleId: string }[]; versions: { ruleSet: number } }> {
  const response = await fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: adminCookie },
    body: JSON.stringify({ question, scenarioId: "A" }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

/** Serious and critical accessibility violations on the page as it is now. */
async function seriousViolations(target: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: target }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

/** A screenshot of the whole page; the viewport grows to fit it, so sticky bars and dialogs sit where a reader expects them. */
async function shoot(name: string) {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 2400)) });
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
  await page.setViewportSize(viewport);
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  database = await createTestDatabase("sqlite");
  ollama = await startFakeOllama({
    models: ["gemma3:4b", "medgemma:4b", "all-minilm:latest"],
    script: (call) =>
      call.request.path === "/api/generate"
        ? JSON.stringify({ helpfulness: 4, compliance: 4.5, reasoning: "Grounded." })
        : answers[Object.keys(answers).find((word) => call.lastUserText.toLowerCase().includes(word)) ?? ""],
  });
  const env = {
    DATABASE_URL: database.url,
    CAM_ADMIN_EMAIL: ADMIN.email,
    CAM_ADMIN_PASSWORD: ADMIN.password,
    OLLAMA_HOST: ollama.url,
    RAG_STORE_DIR: corpusPath("seed_store"),
  };
  await prepareDatabase(env);
  const created = await runCli(["users", "create", "--email", CLINICIAN.email, "--name", "Casey", "--role", "clinician", "--password-stdin"], {
    env,
    input: `${CLINICIAN.password}\n`,
  });
  expect(created.code).toBe(0);
  for (const [account, name, role] of [[APPROVER, "Ada Approver", "admin"], [REVIEWER, "Rita Reviewer", "reviewer"]] as const) {
    const other = await runCli(["users", "create", "--email", account.email, "--name", name, "--role", role, "--password-stdin"], {
      env,
      input: `${account.password}\n`,
    });
    expect(other.code).toBe(0);
  }
  server = await startAppServer(env);
  adminCookie = await signInCookie(ADMIN);
  // Earlier answers for the what-if preview: two warned for a medication directive, one allowed, one blocked.
  for (const question of [
    "Should my patient stop their antidepressant before surgery? Her mobile is 0412 345 678.",
    "Does lithium need to stop before a procedure?",
    "What are professional boundaries?",
    "What is the most painless way to end my life?",
  ]) {
    await chat(question);
  }
  browser = await openBrowser();
  page = await browser.newPage();
  problems = watchForErrors(page);
}, 180_000);

/** Opens a console page as someone else, in their own browser, signing in the first time. */
async function as(account: { email: string; password: string }, path: string): Promise<Page> {
  const open = otherBrowsers.get(account.email);
  if (open) {
    await open.page.goto(`${server.url}${path}`);
    return open.page;
  }
  const context = await openBrowser();
  const other = await context.newPage();
  otherBrowsers.set(account.email, { context, page: other });
  await other.goto(`${server.url}${path}`);
  await other.getByLabel("Email").fill(account.email);
  await other.getByLabel("Password").fill(account.password);
  await other.getByRole("button", { name: "Sign in" }).click();
  await other.waitForURL(`${server.url}${path}`);
  return other;
}

afterAll(async () => {
  for (const { context } of otherBrowsers.values()) await context.close();
  await browser?.close();
  await server?.stop();
  await ollama?.close();
  await database?.drop();
});

describe("the rules page", () => {
  it("switches a rule off, previews which warned answers would be allowed, saves a draft, and the next answer reflects it once another admin approves it", async () => {
    await page.goto(`${server.url}/admin/rules`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/admin/rules`);
    await page.getByRole("heading", { level: 1, name: "Rules" }).waitFor();
    await page.getByRole("table", { name: "Versions of the rule pack, newest first" }).getByText("Installed the default rule pack").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot("admin-rules");

    const toggle = page.getByRole("switch", { name: "medication-directive enabled" });
    await toggle.click();
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    const unsaved = page.getByRole("region", { name: "Unsaved changes" });
    expect(await unsaved.textContent()).toContain("turned off medication-directive");
    await unsaved.getByRole("button", { name: "Review and save…" }).click();

    const dialog = page.getByRole("dialog", { name: "Review and save the rule pack" });
    await dialog.getByText("2 decisions would change: 2 warn → allow").waitFor();
    const changes = dialog.getByRole("table", { name: "Decisions that would change" });
    const text = await changes.textContent();
    expect(text).toContain("Should my patient stop their antidepressant before surgery? Her mobile is [phone number].");
    expect(text).toContain("Does lithium need to stop before a procedure?");
    expect(text).not.toContain("0412 345 678");
    expect(await changes.getByRole("link").first().getAttribute("href")).toMatch(/^\/audit\/\w+$/);
    expect(await dialog.getByText("What this preview cannot show").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot("admin-rules-what-if");

    await dialog.getByLabel("Note for the change log (optional)").fill("Prescribers asked for fewer warnings");
    await dialog.getByRole("button", { name: "Save as draft" }).click();
    await page.getByText("Saved as draft v2. Saved rule pack draft 2: turned off medication-directive. Someone other than you must preview and approve it").waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("Draft saved");
    await page.getByRole("heading", { name: "Rule pack v1" }).waitFor();
    const own = page.getByRole("listitem", { name: "Draft v2" });
    await own.getByText("You wrote this draft, so you cannot approve or reject it").waitFor();
    expect(await own.textContent()).toMatch(/by Administrator.*turned off medication-directive/);
    expect(await own.textContent()).toContain("Not yet tried on a question set. To see its effect on fresh answers as well as on recent ones: npm run cam -- pipeline --questions <file> --draft rules:2");
    expect(await own.getByRole("button", { name: "Preview the effect" }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot("admin-rules-draft");

    const approverView = await as(APPROVER, "/admin/rules");
    const awaiting = approverView.getByRole("listitem", { name: "Draft v2" });
    await awaiting.getByRole("button", { name: "Preview the effect" }).click();
    const review = approverView.getByRole("dialog", { name: "Review draft v2" });
    await review.getByText("2 decisions would change: 2 warn → allow").waitFor();
    expect(await review.textContent()).toContain("turned off medication-directive");
    expect(await seriousViolations(approverView)).toEqual([]);
    await review.getByRole("button", { name: "Approve" }).click();
    await approverView.getByText(/Approved rule pack draft 2, replacing version 1, after previewing it on 4 recent exchanges \(2 decisions would change\)\. The next answer uses version 2\./).waitFor();
    await approverView.getByRole("heading", { name: "Rule pack v2" }).waitFor();
    await approverView.getByText("No rule pack drafts are waiting").waitFor();

    await page.reload();
    await page.getByRole("heading", { name: "Rule pack v2" }).waitFor();
    const next = await chat("Should my patient stop their antidepressant before surgery?");
    expect(next.action).toBe("allow");
    expect(next.versions.ruleSet).toBe(2);
    expect(next.findings.map((finding) => finding.ruleId)).not.toContain("medication-directive");
    expect(problems).toEqual([]);
  });

  it("refuses a pattern that could backtrack badly, with the reason, and tests a fixed one live", async () => {
    const opener = page.getByRole("button", { name: "New rule" });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: "New rule" });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("rule-id");
    await dialog.getByLabel("Rule id").fill("no-guarantees");
    await dialog.getByLabel("Description").fill("Promises a treatment outcome.");
    await dialog.getByLabel("Message").fill("The answer promises an outcome; no treatment is certain.");
    await dialog.getByLabel("Pattern", { exact: true }).fill("(a+)+$");
    await dialog.getByText(/Nested quantifier in \(a\+\)\+: a repeated group ends with another repeat/).waitFor();
    await dialog.getByRole("button", { name: "Add to draft" }).click();
    await dialog.getByRole("alert").filter({ hasText: "The rule cannot be applied yet" }).waitFor();
    expect(await dialog.isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot("admin-rules-editor-refused");

    await dialog.getByLabel("Pattern", { exact: true }).fill(String.raw`\bguarantee[sd]?\b`);
    await dialog.getByLabel("Sample answer").fill("We guarantee a full recovery within a week.");
    const result = dialog.getByTestId("rule-test-result");
    await result.getByText("Fires: the rule would mark this answer").waitFor();
    expect(await result.textContent()).toContain("We guarantee a full recovery within a week.");
    await shoot("admin-rules-editor-tester");

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("New rule");
    expect(await page.getByRole("region", { name: "Unsaved changes" }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("rolls back to version 1 as a new version, shows who changed what, and compares versions", async () => {
    await page.getByRole("button", { name: "Roll back to v1" }).click();
    const dialog = page.getByRole("dialog", { name: "Roll back to rule pack v1" });
    await dialog.getByText(/3 decisions would change: 3 allow → warn/).waitFor();
    expect(await dialog.getByRole("table", { name: "Changes to medication-directive" }).textContent()).toMatch(/enabled\s*off\s*on/);
    await dialog.getByRole("button", { name: "Roll back to v1" }).click();
    await page.getByRole("heading", { name: "Rule pack v3" }).waitFor();

    const history = page.getByRole("table", { name: "Versions of the rule pack, newest first" });
    await history.getByText("Rolled the rule pack back to version 1 as version 3: turned on medication-directive").waitFor();
    const rows = await history.getByRole("row").allTextContents();
    expect(rows[1]).toMatch(/v3\s*in force.*Administrator/);
    expect(rows[2]).toMatch(/v2\s*superseded.*Administrator.*turned off medication-directive.*Note: Prescribers asked for fewer warnings/);
    expect(rows[3]).toMatch(/v1\s*superseded.*installation/);

    const compare = page.getByRole("region", { name: "Compare two versions" });
    expect(await compare.getByLabel("From version").inputValue()).toBe("2");
    await compare.getByRole("table", { name: "Changes to medication-directive" }).waitFor();
    expect(await compare.textContent()).toMatch(/enabled\s*off\s*on.*version\s*2\s*3/);
    await page.getByRole("heading", { name: "Version history" }).scrollIntoViewIfNeeded();
    await shoot("admin-rules-history");

    expect((await chat("Should my patient stop their antidepressant before surgery?")).findings.map((finding) => finding.ruleId)).toContain(
      "medication-directive",
    );
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${server.url}/admin/rules`);
    await page.getByRole("heading", { name: "Rule pack v3" }).waitFor();
    await page.screenshot({ path: join(screenshots, "admin-rules-tablet.png") });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(problems).toEqual([]);
  });
});

describe("the thresholds page", () => {
  it("explains invalid values, previews a valid change honestly and saves it", async () => {
    await page.goto(`${server.url}/admin/settings`);
    await page.getByRole("heading", { level: 1, name: "Thresholds" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot("admin-settings");

    await page.getByLabel("Minimum similarity").fill("");
    await page.getByLabel("Judge allows at or above").fill("3");
    await page.getByLabel("Judge warns at or above").fill("4");
    await page.getByRole("button", { name: "Review and save…" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "Some settings need fixing" });
    await summary.waitFor();
    expect(await summary.textContent()).toContain("Minimum similarity is required");
    expect(await summary.textContent()).toContain("Judge warns at or above must not be above the allow cut-off");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
    expect(await page.getByLabel("Judge warns at or above").getAttribute("aria-invalid")).toBe("true");
    expect(await seriousViolations(page)).toEqual([]);
    await shoot("admin-settings-errors");

    await page.getByLabel("Minimum similarity").fill("0.3");
    await page.getByLabel("Judge allows at or above").fill("4");
    await page.getByLabel("Judge warns at or above").fill("2.5");
    await page.getByLabel("Questions per person per minute").fill("30");
    await page.getByLabel("Crisis cues").fill(`${defaultSettings.crisis.cues.join("\n")}\nhopeless`);
    await page.getByRole("button", { name: "Review and save…" }).click();
    const dialog = page.getByRole("dialog", { name: "Review and save the settings" });
    await dialog.getByText("No decision would change").waitFor();
    const caveats = await dialog.getByText("What this preview cannot show").locator("..").textContent();
    expect(caveats).toContain("Stored passages scoring below 0.3 are removed");
    expect(caveats).toContain("Not replayed: Crisis cues, Questions per person per minute");
    expect(await dialog.getByRole("table", { name: /Settings changed/ }).textContent()).toMatch(/Minimum similarity.*0\.2.*0\.3/);
    await shoot("admin-settings-what-if");
    await dialog.getByRole("button", { name: "Save as draft" }).click();
    await page.getByText(/Saved as draft v2\. Saved settings draft 2: Minimum similarity 0\.2 → 0\.3; Crisis cues: added hopeless/).waitFor();
    // The form shows the settings in force again; the draft waits below.
    expect(await page.getByLabel("Minimum similarity").inputValue()).toBe("0.2");
    await page.getByRole("listitem", { name: "Draft v2" }).getByText("You wrote this draft").waitFor();
    expect(problems).toEqual([]);
  });

  it("lets a reviewer reject the settings draft from the approvals page, with a reason", async () => {
    const approverView = await as(REVIEWER, "/approvals");
    await approverView.getByRole("heading", { level: 1, name: "Approvals" }).waitFor();
    await approverView.getByText("No rule pack drafts are waiting").waitFor();
    const drafts = approverView.getByRole("region", { name: "Settings drafts awaiting approval" });
    expect(await seriousViolations(approverView)).toEqual([]);
    await approverView.screenshot({ path: join(screenshots, "approvals.png"), fullPage: true });
    await drafts.getByRole("listitem", { name: "Draft v2" }).getByRole("button", { name: "Preview the effect" }).click();
    const review = approverView.getByRole("dialog", { name: "Review draft v2" });
    await review.getByText("No decision would change").waitFor();
    await review.getByRole("button", { name: "Reject" }).click();
    await review.getByText("Reason for rejecting: say why, so the author knows what to change.").waitFor();
    await review.getByLabel("Reason for rejecting (needed to reject)").fill("0.3 drops too many passages");
    await review.getByRole("button", { name: "Reject" }).click();
    await approverView.getByText("Rejected settings draft 2: 0.3 drops too many passages.").waitFor();
    await approverView.getByText("No settings drafts are waiting").waitFor();
    await page.reload();
    const history = page.getByRole("table", { name: /Versions of the settings/ });
    await history.getByText("rejected").waitFor();
    expect(await history.textContent()).toMatch(/v2\s*rejected.*Administrator/);
  });

  it("is for admins only", async () => {
    const cookie = await signInCookie(CLINICIAN);
    for (const path of ["/api/rules", "/api/settings", "/api/rules/versions", "/api/config/drafts?kind=rules"]) {
      expect((await fetch(`${server.url}${path}`, { headers: { cookie } })).status).toBe(403);
    }
    const whatIf = await fetch(`${server.url}/api/what-if`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ change: { kind: "settings", values: defaultSettings } }),
    });
    expect(whatIf.status).toBe(403);
    expect((await fetch(`${server.url}/api/rules`)).status).toBe(401);
  });
});
