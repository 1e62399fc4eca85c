import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import { type AppServer, prepareDatabase, startAppServer } from "../support/app-server";
import { openBrowser, watchForErrors } from "../support/browser";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// The admin pages for scenarios, users and the knowledge base, on a fresh
// installation with no retrieval store: build one from an uploaded PDF.

const screenshots = join(process.cwd(), "test-results", "screenshots");
const ADMIN = { email: "admin@hospital.example", password: "admin-console-password" };

let database: TestDatabase;
let ollama: FakeServer;
let server: AppServer;
let browser: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  database = await createTestDatabase("sqlite");
  ollama = await startFakeOllama({ models: ["gemma3:4b", "medgemma:4b", "medgemma:27b", "llama3.2:3b", "all-minilm:latest"] });
  const work = mkdtempSync(join(tmpdir(), "cam-admin-e2e-"));
  const env = {
    DATABASE_URL: database.url,
    CAM_ADMIN_EMAIL: ADMIN.email,
    CAM_ADMIN_PASSWORD: ADMIN.password,
    OLLAMA_HOST: ollama.url,
    RAG_STORE_DIR: join(work, "rag_store"),
    HEALTH_DOCS_DIR: join(work, "docs"),
    JUDGE_WORKER: "off",
  };
  await prepareDatabase(env);
  server = await startAppServer(env);
  browser = await openBrowser();
  page = await browser.newPage();
  problems = watchForErrors(page);
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${server.url}/playground`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await ollama?.close();
  await database?.drop();
});

async function expectAccessible() {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

describe("admin console", () => {
  it("changes a scenario's model, suggesting the models the server reports", async () => {
    await page.goto(`${server.url}/admin/scenarios`);
    await page.getByRole("button", { name: "Edit scenario A" }).click();
    await page.getByText("5 model(s) reported by this server").waitFor();
    await page.getByLabel("Model", { exact: true }).fill("llama3.2:3b");
    await page.getByLabel("Temperature").fill("0.1");
    await page.getByRole("button", { name: "Save scenario" }).click();
    await page.getByText("Scenario A saved.").waitFor();
    await expect.poll(() => page.getByRole("row").filter({ hasText: "A: General 4B model" }).textContent()).toContain("ollama / llama3.2:3b");
    await expectAccessible();
    await page.screenshot({ path: join(screenshots, "admin-scenarios.png"), fullPage: true });
  });

  it("creates an account with a one-time password, changes its role and disables it", async () => {
    await page.goto(`${server.url}/admin/users`);
    await page.getByLabel("Email").fill("rita@hospital.example");
    await page.getByLabel("Name").fill("Rita Reviewer");
    await page.getByLabel("Role", { exact: true }).selectOption("reviewer");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Created rita@hospital.example").waitFor();
    expect(await page.getByText(/shown only this once/).textContent()).toMatch(/[\w-]{24}/);
    await page.getByLabel("Role of rita@hospital.example").selectOption("admin");
    await page.getByText("Saved rita@hospital.example.").waitFor();
    await page.getByRole("button", { name: "Disable rita@hospital.example" }).click();
    await page.getByRole("button", { name: "Re-enable rita@hospital.example" }).waitFor();
    await expectAccessible();
    await page.screenshot({ path: join(screenshots, "admin-users.png"), fullPage: true });
  });

  it("unlinks an account from a single sign-on identity that changed at the provider", async () => {
    // As a first single sign-on would have linked it (see the OIDC tests); the provider is not part of this test.
    const db = database.db();
    await db.user.update({ where: { email: "rita@hospital.example" }, data: { oidcSubject: "https://login.hospital.example|rita-7" } });
    await page.goto(`${server.url}/admin/users`);
    const row = page.getByRole("row").filter({ hasText: "rita@hospital.example" });
    expect(await row.textContent()).toContain("Single sign-on: linked to https://login.hospital.example|rita-7");
    await page.getByRole("button", { name: "Unlink single sign-on of rita@hospital.example" }).click();
    await page.getByText("Unlinked rita@hospital.example from single sign-on and signed it out everywhere.").waitFor();
    await expect.poll(() => row.textContent()).toContain("Single sign-on: not linked");
    expect(await db.adminChange.count({ where: { action: "user.unlink_sso" } })).toBe(1);
    await expectAccessible();
  });

  it("builds the first store from an uploaded PDF, showing progress and the result", async () => {
    await page.goto(`${server.url}/admin/knowledge-base`);
    await page.getByText("There is no retrieval store yet").waitFor();
    await page.getByLabel("Add PDFs").setInputFiles(corpusPath("health_docs/wma_declaration_of_helsinki_2013.pdf"));
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByText(/Uploaded wma_declaration_of_helsinki_2013\.pdf/).waitFor();
    await page.getByRole("button", { name: "Rebuild the store" }).click();
    await page.getByText(/is now in use: 1 documents/).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByRole("table", { name: "Documents in the store" }).textContent()).toContain("WMA Declaration of Helsinki (2013)");
    expect(await page.getByRole("table", { name: "Store builds, newest first" }).textContent()).toContain("completed");
    await expectAccessible();
    await page.screenshot({ path: join(screenshots, "admin-knowledge-base.png"), fullPage: true });
  });

  it("refuses a file that is not a PDF with the reason", async () => {
    const notPdf = join(mkdtempSync(join(tmpdir(), "cam-upload-")), "minutes.pdf");
    (await import("node:fs")).writeFileSync(notPdf, "Minutes of the meeting");
    await page.getByLabel("Add PDFs").setInputFiles(notPdf);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByText("minutes.pdf is not a PDF (it has no PDF header)").waitFor();
  });

  it("shows no browser errors on the way", () => {
    expect(problems.filter((problem) => !problem.includes("/api/knowledge-base/documents"))).toEqual([]);
  });
});
