import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unusedPort } from "../fakes/http-server";
import { type AppServer, prepareDatabase, startAppServer } from "../support/app-server";
import { openBrowser, watchForErrors } from "../support/browser";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// The playground when the model server is down: the scenario picker says which
// server and what to do, questions are still sent, and the failure shows the
// server's message without losing the question. Nothing listens at OLLAMA_HOST.

const screenshots = join(process.cwd(), "test-results", "screenshots");
const CASEY = { email: "casey@hospital.example", password: "casey-long-password" };
const QUESTION = "When may a nurse disclose information about a person?";

let database: TestDatabase;
let server: AppServer;
let browser: BrowserContext;
let page: Page;
let ollamaHost: string;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  database = await createTestDatabase("sqlite");
  ollamaHost = `http://127.0.0.1:${await unusedPort()}`;
  const env = {
    DATABASE_URL: database.url,
    CAM_ADMIN_PASSWORD: "server-down-admin-password",
    OLLAMA_HOST: ollamaHost,
    RAG_STORE_DIR: corpusPath("seed_store"),
    EMBEDDING_MODEL: "none",
  };
  await prepareDatabase(env);
  await runCli(["users", "create", "--email", CASEY.email, "--name", "Casey Clinician", "--role", "clinician", "--password-stdin"], {
    env,
    input: `${CASEY.password}\n`,
  });
  server = await startAppServer(env);
  browser = await openBrowser();
  page = await browser.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

describe("the playground with its model server down", () => {
  it("says which server is down and what to do, still sends the question, and keeps it when it fails", async () => {
    const problems = watchForErrors(page);
    await page.goto(`${server.url}/playground`);
    await page.getByLabel("Email").fill(CASEY.email);
    await page.getByLabel("Password").fill(CASEY.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/playground`);

    const warning = page.getByRole("alert").filter({ hasText: "This scenario's model server is unavailable" });
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(
      new RegExp(`Ollama at ${ollamaHost} is not answering \\(connection refused\\)\\. Ask your administrator to start Ollama \\(\`ollama serve\`\\) or to set OLLAMA_HOST`),
    );
    expect(await page.getByText("Ollama unreachable").count()).toBe(1);
    expect(await page.getByLabel("Scenario", { exact: true }).locator("option").first().textContent()).toMatch(/server unavailable$/);

    const box = page.getByLabel("Your question");
    await box.fill(QUESTION);
    const send = page.getByRole("button", { name: "Send" });
    expect(await send.isEnabled()).toBe(true);
    await send.click();
    const failure = page.getByRole("alert").filter({ hasText: "Your question was not answered" });
    await failure.waitFor({ timeout: 60_000 });
    expect(await failure.textContent()).toMatch(new RegExp(`Ollama at ${ollamaHost}.*ollama serve`));
    expect(await box.inputValue()).toBe(QUESTION);

    // The failure is on record: its conversation lists it as a question that was not answered.
    const conversations = page.getByRole("navigation", { name: "Your conversations" });
    await conversations.getByRole("link", { name: new RegExp(QUESTION.replace("?", "\\?")) }).click();
    await page.getByRole("article", { name: "Answer 1" }).getByRole("heading", { name: "This question was not answered" }).waitFor();
    await page.screenshot({ path: join(screenshots, "playground-server-down.png") });

    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
    expect(problems).toEqual([]);
  });
});
