import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { type FakeOidcProvider, startFakeOidcProvider } from "../fakes/fake-oidc-provider";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import { type AppServer, prepareDatabase, startAppServer } from "../support/app-server";
import { openBrowser, watchForErrors } from "../support/browser";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// Single sign-on in a real browser against the production build: the console
// is configured (OIDC_*) for a fake OpenID provider that speaks the real
// protocol, and people sign in by clicking "Sign in with Hospital Login".

const screenshots = join(process.cwd(), "test-results", "screenshots");
const ADMIN = { email: "admin@hospital.example", password: "oidc-test-admin-password" };
const REVIEWER = { sub: "idp-rita", email: "rita@hospital.example", email_verified: true, name: "Rita Reviewer" };

let database: TestDatabase;
let db: Db;
let provider: FakeOidcProvider;
let ollama: FakeServer;
let server: AppServer;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  database = await createTestDatabase("sqlite");
  provider = await startFakeOidcProvider();
  ollama = await startFakeOllama({ version: "0.12.6" });
  const env = {
    DATABASE_URL: database.url,
    CAM_ADMIN_EMAIL: ADMIN.email,
    CAM_ADMIN_PASSWORD: ADMIN.password,
    CAM_ENCRYPTION_KEYS: `e2e:${randomBytes(32).toString("base64")}`,
    OLLAMA_HOST: ollama.url,
    RAG_STORE_DIR: corpusPath("seed_store"),
    JUDGE_WORKER: "off",
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_DISPLAY_NAME: "Hospital Login",
    OIDC_DEFAULT_ROLE: "clinician",
  };
  await prepareDatabase(env);
  const created = await runCli(["users", "create", "--email", REVIEWER.email, "--name", REVIEWER.name, "--role", "reviewer"], { env });
  expect(created.code).toBe(0);
  server = await startAppServer(env);
  db = database.db();
});

afterAll(async () => {
  await server?.stop();
  await ollama?.close();
  await provider?.close();
  await database?.drop();
});

/** A fresh browser (no cookies) for each person. */
async function withBrowser(test: (page: Page, problems: string[]) => Promise<void>) {
  const browser: BrowserContext = await openBrowser();
  try {
    const page = await browser.newPage();
    await test(page, watchForErrors(page));
  } finally {
    await browser.close();
  }
}

describe("single sign-on in the browser", () => {
  it("signs an existing reviewer in from the sign-in page and lands on the page they asked for, with their role", async () => {
    provider.signInAs(REVIEWER);
    await withBrowser(async (page, problems) => {
      await page.goto(`${server.url}/audit`);
      await page.waitForURL(`${server.url}/sign-in?next=%2Faudit`);
      await page.getByRole("link", { name: "Sign in with Hospital Login" }).click();

      await page.waitForURL(`${server.url}/audit`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Audit");
      const nav = page.getByRole("navigation", { name: "Console sections" });
      expect(await nav.getByRole("link").allTextContents()).toEqual(["Playground", "Audit", "Runs", "Dashboard", "Approvals"]);
      expect(await page.getByText(`${REVIEWER.email} · reviewer`).count()).toBe(1);
      // The flow cookie is used once and gone; the session cookie is http-only.
      const cookies = await page.context().cookies();
      expect(cookies.map((cookie) => cookie.name)).not.toContain("cam_oidc_flow");
      expect(cookies.find((cookie) => cookie.name === "cam_session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
      await page.screenshot({ path: join(screenshots, "oidc-reviewer-signed-in.png") });
      expect(problems).toEqual([]);
    });
    const reviewer = await db.user.findUniqueOrThrow({ where: { email: REVIEWER.email } });
    expect(reviewer.oidcSubject).toBe(`${provider.issuer}|${REVIEWER.sub}`);
    expect(reviewer.lastSignInAt).not.toBeNull();
    // The provider was asked with the return address on this server and PKCE S256.
    const request = provider.authorizations.at(-1) as URLSearchParams;
    expect(request.get("redirect_uri")).toBe(`${server.url}/api/auth/oidc/callback`);
    expect(request.get("code_challenge_method")).toBe("S256");
  });

  it("creates a clinician account for a newcomer (OIDC_DEFAULT_ROLE), whose role keeps them out of reviewer pages", async () => {
    provider.signInAs({ sub: "idp-cole", email: "Cole@Hospital.example", email_verified: true, name: "Cole Clinician" });
    await withBrowser(async (page, problems) => {
      await page.goto(`${server.url}/sign-in?next=%2Faudit`);
      await page.getByRole("link", { name: "Sign in with Hospital Login" }).click();
      await page.waitForURL(`${server.url}/audit`);
      await page.getByRole("heading", { name: "You do not have access to this page" }).waitFor();
      const nav = page.getByRole("navigation", { name: "Console sections" });
      expect(await nav.getByRole("link").allTextContents()).toEqual(["Playground"]);
      expect(await page.getByText("cole@hospital.example · clinician").count()).toBe(1);
      // The refused page answers 403 on purpose (the browser logs that); nothing else may fail.
      expect(problems.filter((problem) => !problem.includes(`403 (Forbidden) (${server.url}/audit)`) && problem !== `HTTP 403 ${server.url}/audit`)).toEqual([]);
      await page.getByRole("link", { name: "Playground" }).click();
      await page.waitForURL(`${server.url}/playground`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Playground");
    });
    const created = await db.user.findUniqueOrThrow({ where: { email: "cole@hospital.example" } });
    expect(created).toMatchObject({ name: "Cole Clinician", role: "clinician", passwordHash: null });
  });

  it("brings a person the provider refused back to the sign-in page with a readable message, and lets them try again", async () => {
    provider.signInAs(REVIEWER);
    provider.refuseNextSignIn({ error: "access_denied", error_description: "The user declined the sign-in." });
    await withBrowser(async (page, problems) => {
      await page.goto(`${server.url}/sign-in?next=%2Fdashboard`);
      await page.getByRole("link", { name: "Sign in with Hospital Login" }).click();

      await page.waitForURL((url) => url.pathname === "/sign-in" && url.searchParams.get("next") === "/dashboard");
      const alert = page.getByRole("alert").filter({ hasText: "Single sign-on did not complete" });
      await alert.waitFor();
      expect(await alert.textContent()).toContain(
        "Hospital Login did not let you sign in (access_denied: The user declined the sign-in). If you cancelled, start again; if you should have access to CAM, ask an administrator.",
      );
      await page.screenshot({ path: join(screenshots, "oidc-access-denied.png") });
      const violations = (await new AxeBuilder({ page }).analyze()).violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
      expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

      // The link keeps where they were going; the provider now approves.
      await page.getByRole("link", { name: "Sign in with Hospital Login" }).click();
      await page.waitForURL(`${server.url}/dashboard`);
      expect(problems).toEqual([]);
    });
  });

  it("refuses an unverified email that matches an existing account, saying what to do", async () => {
    provider.signInAs({ sub: "idp-rita-impostor", email: REVIEWER.email, email_verified: false, name: "Not Rita" });
    await withBrowser(async (page, problems) => {
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole("link", { name: "Sign in with Hospital Login" }).click();
      await page.waitForURL((url) => url.pathname === "/sign-in" && url.searchParams.has("sso_error"));
      await page.getByRole("alert").filter({ hasText: `Hospital Login has not verified the email address ${REVIEWER.email}` }).waitFor();
      expect(await page.context().cookies().then((cookies) => cookies.some((cookie) => cookie.name === "cam_session"))).toBe(false);
      expect(problems).toEqual([]);
    });
  });

  it("keeps password sign-in working next to single sign-on", async () => {
    await withBrowser(async (page, problems) => {
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel("Email").fill(ADMIN.email);
      await page.getByLabel("Password").fill(ADMIN.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${server.url}/playground`);
      expect(problems).toEqual([]);
    });
  });

  it("shows no message for a sign-in error link CAM did not seal", async () => {
    await withBrowser(async (page) => {
      await page.goto(`${server.url}/sign-in?sso_error=${encodeURIComponent("Your account is locked. Call 555-0100.")}`);
      await page.getByRole("link", { name: "Sign in with Hospital Login" }).waitFor();
      expect(await page.getByText("Call 555-0100").count()).toBe(0);
      expect(await page.getByText("Single sign-on did not complete").count()).toBe(0);
    });
  });
});
