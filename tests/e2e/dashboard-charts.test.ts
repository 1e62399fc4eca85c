import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, prepareDatabase, startAppServer } from "../support/app-server";
import { openBrowser, watchForErrors } from "../support/browser";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// The dashboard on the production build: ten days of answers with judge
// scores (one day with a burst of blocks), seen by a reviewer. Every chart
// draws, has a legend, axis titles and a table; filters in the URL change the
// data; no browser errors or chart warnings; no serious accessibility issues.

const screenshots = join(process.cwd(), "test-results", "screenshots");
const REVIEWER = { email: "reviewer@hospital.example", password: "dashboard-reviewer-password" };
const CLINICIAN = { email: "clinician@hospital.example", password: "dashboard-clinician-password" };

type Seeded = { daysAgo: number; scenarioId: "A" | "B" | "D"; action: "allow" | "warn" | "block"; totalMs: number };

/** 9 days of 10 answers (1 blocked a day, 6 two days ago) and 4 today, across scenarios A, B and D. */
function seedPlan(): Seeded[] {
  const plan: Seeded[] = [];
  for (let daysAgo = 9; daysAgo >= 0; daysAgo -= 1) {
    const count = daysAgo === 0 ? 4 : 10;
    const blocked = daysAgo === 2 ? 6 : 1;
    for (let index = 0; index < count; index += 1) {
      const action = index < blocked ? "block" : index < blocked + 2 ? "warn" : "allow";
      plan.push({ daysAgo, scenarioId: (["A", "B", "D"] as const)[index % 3] as Seeded["scenarioId"], action, totalMs: 400 + ((index * 37 + daysAgo * 11) % 20) * 100 });
    }
  }
  return plan;
}

const PLAN = seedPlan();
const COMPLIANCE = { allow: 4.5, warn: 3, block: 1.5 } as const;

let database: TestDatabase;
let server: AppServer;
let browser: BrowserContext;
let page: Page;
let problems: string[];
const chartWarnings: string[] = [];

async function seed(db: ReturnType<TestDatabase["db"]>): Promise<void> {
  const today = new Date();
  for (const [index, entry] of PLAN.entries()) {
    // Early in each UTC day, so "today" is never in the future.
    const createdAt = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - entry.daysAgo, 0, 5 + index % 50));
    await db.exchange.create({
      data: {
        createdAt,
        source: index % 4 === 0 ? "pipeline" : "console",
        scenarioId: entry.scenarioId,
        provider: "ollama",
        model: entry.scenarioId === "D" ? "medgemma:4b" : "gemma3:4b",
        retrieval: entry.scenarioId !== "A",
        options: {},
        question: "When may notes be disclosed?",
        finalAnswer: "An answer.",
        action: entry.action,
        latency: {},
        totalMs: entry.totalMs,
        ruleSetVersion: 1,
        settingsVersion: 1,
        judgeScores: {
          create: [
            { judgeId: "medgemma", judgeModel: "medgemma:4b", status: "scored", compliance: COMPLIANCE[entry.action], helpfulness: 4, verdict: entry.action, latencyMs: 900 },
            ...(index % 2 === 0
              ? [
                  index % 10 === 0
                    ? { judgeId: "gemini", judgeModel: "gemini-2.5-flash", status: "unscored" as const, error: "HTTP 429 after 3 attempts", attempts: 3 }
                    : { judgeId: "gemini", judgeModel: "gemini-2.5-flash", status: "scored" as const, compliance: entry.action === "block" ? 2 : 4, helpfulness: 3.5, verdict: entry.action === "block" ? ("block" as const) : ("allow" as const), latencyMs: 1_200 },
                ]
              : []),
          ],
        },
      },
    });
  }
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  database = await createTestDatabase("sqlite");
  const env = { DATABASE_URL: database.url, CAM_ADMIN_PASSWORD: "dashboard-admin-password", RAG_STORE_DIR: corpusPath("seed_store"), OLLAMA_HOST: "http://127.0.0.1:9" };
  await prepareDatabase(env);
  for (const [account, role] of [[REVIEWER, "reviewer"], [CLINICIAN, "clinician"]] as const) {
    const created = await runCli(["users", "create", "--email", account.email, "--name", `Dana ${role}`, "--role", role, "--password-stdin"], { env, input: `${account.password}\n` });
    expect(created.code, created.stderr).toBe(0);
  }
  const db = database.db();
  await seed(db);
  await db.$disconnect();
  server = await startAppServer(env);
  browser = await openBrowser();
  page = await browser.newPage();
  problems = watchForErrors(page);
  page.on("console", (message) => {
    if (message.type() === "warning" && /recharts|width|height|chart/i.test(message.text())) chartWarnings.push(message.text());
  });
  await page.goto(`${server.url}/dashboard`);
  await page.getByLabel("Email").fill(REVIEWER.email);
  await page.getByLabel("Password").fill(REVIEWER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${server.url}/dashboard`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

const CHARTS = [
  { title: "Allow, warn and block rates", legend: ["allow rate", "warn rate", "block rate"], axis: "Share of decided answers" },
  { title: "Judge scores over time", legend: ["gemini", "medgemma"], axis: "Average compliance (0–5)" },
  { title: "Distribution of judge scores", legend: ["gemini", "medgemma"], axis: "Share of the judge's scores" },
  { title: "Judge scores by scenario", legend: ["gemini", "medgemma"], axis: "Average compliance (0–5)" },
  { title: "CAM's decision against judge verdicts", legend: [], axis: "Judge verdict" },
  { title: "Answer time", legend: ["p50 (median)", "p95"], axis: "Total time to answer" },
];

const panel = (title: string): Locator => page.getByRole("region", { name: title, exact: true });

/** Opens a panel's data table and returns its text. */
async function tableText(title: string): Promise<string> {
  const region = panel(title);
  const toggle = region.getByRole("button", { name: /data table/ });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await region.getByRole("table").first().waitFor();
  return (await region.getByRole("table").allTextContents()).join("\n");
}

async function seriousViolations(): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

describe("the dashboard", () => {
  it("draws every chart with a title, axis labels, a legend and a text summary", async () => {
    for (const chart of CHARTS) {
      const region = panel(chart.title);
      await region.locator("svg").first().waitFor({ timeout: 30_000 });
      expect(await region.locator("svg").count(), chart.title).toBeGreaterThan(0);
      const text = await region.textContent();
      expect(text, chart.title).toContain(chart.axis);
      for (const entry of chart.legend) expect(await region.locator(".recharts-legend-wrapper").textContent(), chart.title).toContain(entry);
      expect(await region.locator("figcaption").textContent(), chart.title).not.toBe("");
    }
    const matrix = panel("CAM's decision against judge verdicts");
    expect(await matrix.locator("svg[role=img] title").allTextContents()).toEqual(["CAM's action by gemini's verdict", "CAM's action by medgemma's verdict"]);
    await page.screenshot({ path: join(screenshots, "dashboard-overview.png"), fullPage: true });
  });

  it("marks the day with a burst of blocks as a spike, in the chart and in its table", async () => {
    const region = panel("Allow, warn and block rates");
    expect(await region.locator(".recharts-wrapper").textContent()).toContain("spike");
    expect(await region.locator("figcaption").textContent()).toMatch(/Block-rate spikes: .+\(60\.0% blocked; usual 10\.0%\)/);
    const table = await tableText("Allow, warn and block rates");
    expect(table).toContain("6 (60.0%)");
    expect(table).toMatch(/Yes: above 15\.0%/);
    const decided = PLAN.length;
    expect(await region.locator("figcaption").textContent()).toContain(`${decided} answers decided`);
  });

  it("shows the numbers of every chart as a table", async () => {
    expect(await tableText("Distribution of judge scores")).toMatch(/4\.5\s*\d+ \(\d+\.\d%\)/);
    const matrix = await tableText("CAM's decision against judge verdicts");
    // medgemma's verdict always equals CAM's action in the seed: every allow row cell lands on the diagonal.
    const allowAnswers = PLAN.filter((entry) => entry.action === "allow").length;
    expect(matrix).toContain(`${allowAnswers} (100.0%) agrees`);
    expect(await tableText("Answer time")).toMatch(/\d+\.\d ms/);
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: join(screenshots, "dashboard-tables.png"), fullPage: true });
  });

  it("switches the score charts between compliance and helpfulness, and scenario and model", async () => {
    await panel("Judge scores by scenario").locator("label", { hasText: "Model" }).click();
    const byModel = panel("Judge scores by model");
    await expect.poll(() => byModel.locator("figcaption").textContent(), { timeout: 30_000 }).toContain("medgemma:4b: gemini");
    expect(await byModel.locator(".recharts-wrapper").textContent()).toContain("medgemma:4b");
    await byModel.locator("label", { hasText: "Helpfulness" }).click();
    // Every gemma3:4b answer got helpfulness 4 from medgemma and 3.5 from gemini.
    await expect.poll(() => byModel.locator("figcaption").textContent()).toContain("gemma3:4b: gemini 3.50, medgemma 4.00");
  });

  it("applies filters through the URL and redraws the charts from the filtered data", async () => {
    const filters = page.getByRole("form", { name: "Dashboard filters" });
    await filters.getByLabel("Scenario").selectOption("D");
    await filters.getByLabel("Judge").selectOption("gemini");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/scenario=D/);
    expect(page.url()).toMatch(/judge=gemini/);
    const decidedInD = PLAN.filter((entry) => entry.scenarioId === "D").length;
    await expect.poll(() => panel("Allow, warn and block rates").locator("figcaption").textContent(), { timeout: 30_000 }).toContain(`${decidedInD} answers decided`);
    const distribution = panel("Distribution of judge scores");
    await distribution.locator(".recharts-legend-wrapper").waitFor();
    expect(await distribution.locator(".recharts-legend-wrapper").textContent()).not.toContain("medgemma");
    // A bookmarked URL shows the same view after a fresh load.
    await page.reload();
    await expect.poll(() => panel("Allow, warn and block rates").locator("figcaption").textContent(), { timeout: 30_000 }).toContain(`${decidedInD} answers decided`);
    expect(await page.getByRole("form", { name: "Dashboard filters" }).getByLabel("Scenario").inputValue()).toBe("D");
    await page.screenshot({ path: join(screenshots, "dashboard-filtered.png"), fullPage: true });
  });

  it("shows an empty state for a range without data and says why bad filters were ignored", async () => {
    await page.goto(`${server.url}/dashboard?from=2020-01-01&to=2020-01-31`);
    await panel("Answer time").getByText("No answered questions match these filters.").waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/dashboard?from=2026-02-30`);
    await page.getByText("from is not a calendar date").waitFor();
  });

  it("shows an error with a way to retry in a chart whose data fails, while the others still draw", async () => {
    // A separate page: the refused responses below are on purpose, not problems of the page under test.
    const other = await browser.newPage();
    try {
      let refuse = true;
      await other.route("**/api/dashboard/latency-trend*", (route) =>
        refuse
          ? route.fulfill({ status: 503, json: { error: { code: "service_unavailable", message: "The database did not answer in time. Try again in a moment." } } })
          : route.continue(),
      );
      await other.goto(`${server.url}/dashboard`);
      const failing = other.getByRole("region", { name: "Answer time", exact: true });
      await failing.getByRole("alert").getByText("The database did not answer in time. Try again in a moment.").waitFor({ timeout: 30_000 });
      await other.getByRole("region", { name: "Allow, warn and block rates", exact: true }).locator(".recharts-wrapper").waitFor();
      refuse = false;
      await failing.getByRole("button", { name: "Try again" }).click();
      await failing.locator(".recharts-wrapper").waitFor({ timeout: 30_000 });
    } finally {
      await other.close();
    }
  });

  it("lays out for a tablet without horizontal scrolling and stays accessible", async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${server.url}/dashboard`);
    for (const chart of CHARTS) await panel(chart.title).locator("svg").first().waitFor({ timeout: 30_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: join(screenshots, "dashboard-tablet.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("had no browser errors and no chart warnings", () => {
    expect(problems).toEqual([]);
    expect(chartWarnings).toEqual([]);
  });
});

describe("the dashboard API", () => {
  async function cookieFor(account: { email: string; password: string }): Promise<string> {
    const response = await fetch(`${server.url}/api/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(account) });
    return (response.headers.get("set-cookie") ?? "").split(";")[0] as string;
  }

  it("serves prepared series to readers of the audit trail only, and explains bad filters", async () => {
    const url = `${server.url}/api/dashboard/decision-trend`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { cookie: await cookieFor(CLINICIAN) } })).status).toBe(403);
    const reviewer = await cookieFor(REVIEWER);
    const ok = await fetch(`${url}?scenario=A`, { headers: { cookie: reviewer } });
    const body = await ok.json();
    expect(body.rows).toHaveLength(30);
    expect(body.rows.reduce((sum: number, row: { decided: number }) => sum + row.decided, 0)).toBe(PLAN.filter((entry) => entry.scenarioId === "A").length);
    const bad = await fetch(`${url}?from=2026-11-27&to=2026-11-01`, { headers: { cookie: reviewer } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toMatch(/from must be on or before the end date/);
  });
});
