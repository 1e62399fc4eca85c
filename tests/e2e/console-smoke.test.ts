import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import { type AppServer, prepareDatabase, startAppServer } from "../support/app-server";
import { openBrowser, watchForErrors } from "../support/browser";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// The production build on SQLite, as a new installation: sign in as the seeded
// admin, open every console page, and find no errors in the browser.

const screenshots = join(process.cwd(), "test-results", "screenshots");
const ADMIN = { email: "admin@hospital.example", password: "smoke-test-admin-password" };
const CLINICIAN = { email: "clinician@hospital.example", password: "smoke-test-clinician-password" };

const pages = [
  { path: "/playground", heading: "Playground" },
  { path: "/audit", heading: "Audit" },
  { path: "/runs", heading: "Evaluation runs" },
  { path: "/dashboard", heading: "Dashboard" },
  { path: "/admin", heading: "Admin" },
];

let database: TestDatabase;
let ollama: FakeServer;
let server: AppServer;
let browser: BrowserContext;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  database = await createTestDatabase("sqlite");
  ollama = await startFakeOllama({ version: "0.12.6" });
  const env = {
    DATABASE_URL: database.url,
    CAM_ADMIN_EMAIL: ADMIN.email,
    CAM_ADMIN_PASSWORD: ADMIN.password,
    OLLAMA_HOST: ollama.url,
    RAG_STORE_DIR: corpusPath("seed_store"),
  };
  await prepareDatabase(env);
  const created = await runCli(
    ["users", "create", "--email", CLINICIAN.email, "--name", "Casey Clinician", "--role", "clinician", "--password-stdin"],
    { env, input: `${CLINICIAN.password}\n` },
  );
  expect(created.code).toBe(0);
  server = await startAppServer(env);
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await ollama?.close();
  await database?.drop();
});

async function signIn(page: Page, account: { email: string; password: string }, startAt = "/") {
  await page.goto(`${server.url}${startAt}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("console smoke test", () => {
  it("signs the admin in and shows every console page without browser errors", async () => {
    const page = await browser.newPage();
    const problems = watchForErrors(page);
    await signIn(page, ADMIN);
    await page.waitForURL(`${server.url}/playground`);

    for (const { path, heading } of pages) {
      await page.getByRole("link", { name: heading === "Evaluation runs" ? "Runs" : heading, exact: true }).click();
      await page.waitForURL(`${server.url}${path}`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(heading);
      await page.screenshot({ path: join(screenshots, `admin${path.replace("/", "-")}.png`), fullPage: true });
    }
    // A fresh load of each page as well, not only client-side navigation.
    for (const { path } of pages) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status()).toBe(200);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows the seeded rule pack and settings on the admin page", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin`);
    const rules = page.getByRole("region", { name: "Rule pack" });
    await expect.poll(() => rules.getByRole("row").count()).toBe(9);
    expect(await rules.textContent()).toContain("self-harm-instructions");
    expect(await page.getByRole("region", { name: "Users" }).textContent()).toContain(CLINICIAN.email);
    await page.close();
  });

  it("reports service health in the console: database up, the seed store ready, Ollama up", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/playground`);
    await page.getByText("All services working").click();
    const details = page.locator("details");
    await expect.poll(() => details.textContent()).toContain("Database (sqlite): up");
    expect(await details.textContent()).toContain("Retrieval store: ready");
    expect(await details.textContent()).toContain("ollama: up");
    await page.close();
  });

  it("shows a clinician only their sections and refuses the admin page", async () => {
    const context = await openBrowser();
    try {
      const page = await context.newPage();
      const problems = watchForErrors(page);
      await signIn(page, CLINICIAN, "/audit");
      await page.waitForURL(`${server.url}/audit`);
      // Next.js adds a route announcer with role="alert"; look for ours by its heading.
      await page.getByRole("heading", { name: "You do not have access to this page" }).waitFor();
      const nav = page.getByRole("navigation", { name: "Console sections" });
      expect(await nav.getByRole("link").allTextContents()).toEqual(["Playground"]);
      const refused = await page.goto(`${server.url}/admin`);
      expect(refused?.status()).toBe(403);
      await page.getByRole("alert").filter({ hasText: "It needs permission to change rules and settings" }).waitFor();
      await page.screenshot({ path: join(screenshots, "clinician-admin-refused.png") });
      // The refused pages answer 403 (including the router's prefetches of them); nothing else may fail.
      expect(problems.filter((problem) => !/403|Forbidden/.test(problem))).toEqual([]);
      expect(problems.every((problem) => /\/(audit|admin)(\?_rsc=\w+)?\)?$/.test(problem))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("checks the form, refuses a wrong password with a message, and signs out", async () => {
    const context = await openBrowser();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("Email must be an email address such as name@hospital.example").waitFor();
      await page.getByText("Password is required").waitFor();

      await signIn(page, { email: ADMIN.email, password: "not the password" });
      await page.getByRole("alert").filter({ hasText: "The email or password is incorrect" }).waitFor();

      await page.getByLabel("Password").fill(ADMIN.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${server.url}/playground`);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(`${server.url}/sign-in`);
      await page.goto(`${server.url}/admin`);
      expect(page.url()).toBe(`${server.url}/sign-in?next=%2Fadmin`);
    } finally {
      await context.close();
    }
  });

  it("logs each API request as one JSON line with its request id and no secrets", async () => {
    const response = await fetch(`${server.url}/api/health`, { headers: { "x-request-id": "smoke-test-0001" } });
    expect(response.status).toBe(200);
    await expect.poll(() => server.logs.some((line) => line.includes("smoke-test-0001"))).toBe(true);
    const line = JSON.parse(server.logs.find((entry) => entry.includes("smoke-test-0001")) as string);
    expect(line).toMatchObject({ level: "info", requestId: "smoke-test-0001", method: "GET", path: "/api/health", status: 200 });
    expect(server.logs.join("\n")).not.toContain(ADMIN.password);
    expect(server.logs.join("\n")).not.toContain(CLINICIAN.password);
  });
});
