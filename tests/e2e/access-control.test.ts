import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Permission } from "@/lib/auth/permissions";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import { type AppServer, prepareDatabase, startAppServer } from "../support/app-server";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// Every route handler and page, found on disk (a new one is covered without
// editing this test), asked by nobody, a clinician who does not own the
// records, a reviewer and an admin, against the production build. Refusals
// must be 401 (not signed in) or 403 (signed in, not allowed); nothing may
// fail with 5xx; and no response, nor the server's log, may carry the
// identifiers one clinician typed, except that clinician's own conversation.
// Routes for machines ("metrics-token") open only to their bearer token: every
// person, signed in or not, gets 401 there.

type Role = "clinician" | "reviewer" | "admin";
type Principal = "anonymous" | Role;
type PageAccess = Permission | "public" | "signed-in";
type Access = PageAccess | "metrics-token";

const ACCOUNTS: Record<Role, { email: string; password: string }> = {
  clinician: { email: "ben@hospital.example", password: "ben-long-password" },
  reviewer: { email: "rita@hospital.example", password: "rita-long-password" },
  admin: { email: "admin@hospital.example", password: "access-e2e-admin-password" },
};
const OWNER = { email: "ann@hospital.example", password: "ann-long-password" };
const IDENTIFIERS = ["Jane Citizen", "2123 45670 1", "0412 345 678", "jane.citizen@example.com"];
const METRICS_TOKEN = "access-e2e-metrics-token";
const QUESTION = "My patient Jane Citizen (Medicare 2123 45670 1, 0412 345 678, jane.citizen@example.com) wants her notes sent to her GP. May I?";

/** Which permission each page needs; a page missing here fails the test until someone decides. */
const PAGE_ACCESS: Record<string, PageAccess> = {
  "/": "signed-in",
  "/forbidden": "signed-in",
  "/sign-in": "public",
  "/playground": "chat",
  "/audit": "audit.read",
  "/audit/[id]": "audit.read",
  "/dashboard": "audit.read",
  "/runs": "audit.read",
  "/runs/[id]": "audit.read",
  "/runs/compare": "audit.read",
  "/approvals": "config.approve",
  "/admin": "config.write",
  "/admin/knowledge-base": "config.write",
  "/admin/rules": "config.write",
  "/admin/scenarios": "config.write",
  "/admin/settings": "config.write",
  "/admin/users": "users.manage",
  "/admin/reveals": "privacy.oversee",
};

/** Routes whose records belong to one person: anyone else is refused, unless their role holds the permission given (null: whatever their role). */
const OWNED: Record<string, Permission | null> = {
  "/api/conversations/[id]": null,
  "/api/exchanges/[id]/judge-scores": "audit.read",
};

const appDir = join(process.cwd(), "app");

/** The URL pattern of a file under app/: route groups dropped, dynamic segments kept as [name]. */
const urlPattern = (file: string) => `/${dirname(file).split(sep).filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment)).join("/")}`;

function filesNamed(name: string): string[] {
  return (readdirSync(appDir, { recursive: true }) as string[]).filter((file) => file.endsWith(`${sep}${name}`) || file === name).sort();
}

/** Every handler of every route file with the access it declares. */
function discoverHandlers(): { pattern: string; method: string; access: Access }[] {
  return filesNamed("route.ts").flatMap((file) => {
    const source = readFileSync(join(appDir, file), "utf8");
    const exported = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]!);
    const declared = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = route\(\{\s*access: "([^"]+)"/g)];
    // Every handler goes through route() and says first who may call it.
    expect(declared.map((match) => match[1]), `${file}: every handler must be route({ access: ... })`).toEqual(exported);
    return declared.map((match) => ({ pattern: urlPattern(file), method: match[1]!, access: match[2] as Access }));
  });
}

let database: TestDatabase;
let ollama: FakeServer;
let server: AppServer;
const cookies: Partial<Record<Principal | "owner", string>> = {};
let ids: { conversation: string; exchange: string };

beforeAll(async () => {
  database = await createTestDatabase("sqlite");
  ollama = await startFakeOllama({
    models: ["gemma3:4b", "medgemma:4b"],
    script: () => "Ask Jane Citizen to confirm by calling 0412 345 678, then send the notes.",
  });
  const env = {
    DATABASE_URL: database.url,
    CAM_ADMIN_EMAIL: ACCOUNTS.admin.email,
    CAM_ADMIN_PASSWORD: ACCOUNTS.admin.password,
    OLLAMA_HOST: ollama.url,
    RAG_STORE_DIR: corpusPath("seed_store"),
    EMBEDDING_MODEL: "none",
    METRICS_TOKEN,
  };
  await prepareDatabase(env);
  for (const [account, role] of [[OWNER, "clinician"], [ACCOUNTS.clinician, "clinician"], [ACCOUNTS.reviewer, "reviewer"]] as const) {
    const created = await runCli(["users", "create", "--email", account.email, "--name", account.email.split("@")[0]!, "--role", role, "--password-stdin"], {
      env,
      input: `${account.password}\n`,
    });
    expect(created.code, created.stderr).toBe(0);
  }
  server = await startAppServer(env);
  cookies.owner = await signIn(OWNER);
  for (const role of ["clinician", "reviewer", "admin"] as const) cookies[role] = await signIn(ACCOUNTS[role]);
  const asked = await fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: cookies.owner, origin: server.url },
    body: JSON.stringify({ question: QUESTION, scenarioId: "A" }),
  });
  expect(asked.status, await asked.clone().text()).toBe(200);
  const answer = (await asked.json()) as { exchangeId: string; conversationId: string };
  ids = { conversation: answer.conversationId, exchange: answer.exchangeId };
});

afterAll(async () => {
  await server?.stop();
  await ollama?.close();
  await database?.drop();
});

async function signIn(account: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify(account),
  });
  expect(response.status, `sign-in of ${account.email}`).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
}

/** A concrete URL for a pattern: the owner's records where the route takes them, else an id that does not exist. */
function concrete(pattern: string): string {
  return pattern.replace(/\[(\w+)\]/g, (_, name: string) => {
    if (pattern.startsWith("/api/conversations/")) return ids.conversation;
    if (pattern.startsWith("/api/exchanges/") || pattern.startsWith("/audit/")) return ids.exchange;
    return name === "version" ? "9999" : "no-such-record";
  });
}

async function request(
  method: string,
  path: string,
  who: Principal | "owner",
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; location: string | null; text: string }> {
  const headers: Record<string, string> = { origin: server.url, ...extraHeaders };
  const cookie = who === "anonymous" ? undefined : cookies[who];
  if (cookie) headers.cookie = cookie;
  const hasBody = method !== "GET" && method !== "DELETE";
  if (hasBody) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}${path}`, { method, headers, body: hasBody ? "{}" : undefined, redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), text: await bodyText(response) };
}

/** The body; of an event stream (which never ends) only what arrives first. */
async function bodyText(response: Response): Promise<string> {
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) return response.text();
  const reader = response.body!.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value);
}

const leaked = (text: string) => IDENTIFIERS.filter((identifier) => text.includes(identifier));

describe("access control", () => {
  it("finds the route handlers and pages to check", () => {
    expect(discoverHandlers().length).toBeGreaterThan(50);
    expect(filesNamed("page.tsx").map(urlPattern).sort()).toEqual(Object.keys(PAGE_ACCESS).sort());
  });

  it("lets only the owner read their conversation, identifiers and all", async () => {
    const own = await request("GET", `/api/conversations/${ids.conversation}`, "owner");
    expect(own.status).toBe(200);
    expect(leaked(own.text)).toEqual(IDENTIFIERS);
  });

  it("refuses every route handler to whoever may not call it, with 401 or 403, and leaks nothing", async () => {
    const failures: string[] = [];
    for (const { pattern, method, access } of discoverHandlers()) {
      if (access === "public") continue;
      const path = concrete(pattern);
      for (const who of ["anonymous", "clinician", "reviewer", "admin"] as const) {
        const { status, text } = await request(method, path, who);
        if (leaked(text).length) failures.push(`${method} ${pattern} as ${who} leaked ${leaked(text).join(", ")}`);
        if (access === "metrics-token") {
          if (status !== 401) failures.push(`${method} ${pattern} as ${who}: ${status}, expected 401 without the metrics token (${text.slice(0, 160)})`);
          continue;
        }
        const owned = OWNED[pattern];
        const overridesOwner = owned === undefined || (owned !== null && who !== "anonymous" && can(who, owned));
        const allowed = who !== "anonymous" && (access === "signed-in" || can(who, access)) && overridesOwner;
        const expected = who === "anonymous" ? "401" : allowed ? "neither 401 nor 403" : "403";
        const fine = who === "anonymous" ? status === 401 : allowed ? status !== 401 && status !== 403 && status < 500 : status === 403;
        if (!fine) failures.push(`${method} ${pattern} as ${who}: ${status}, expected ${expected} (${text.slice(0, 160)})`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("opens metrics-token routes with the token only, and leaks nothing there", async () => {
    const routes = discoverHandlers().filter(({ access }) => access === "metrics-token");
    expect(routes.map(({ method, pattern }) => `${method} ${pattern}`)).toContain("GET /api/metrics");
    const failures: string[] = [];
    for (const { pattern, method } of routes) {
      const wrong = await request(method, concrete(pattern), "admin", { authorization: `Bearer ${METRICS_TOKEN}-wrong` });
      if (wrong.status !== 401) failures.push(`${method} ${pattern} with a wrong token: ${wrong.status}, expected 401`);
      const right = await request(method, concrete(pattern), "anonymous", { authorization: `Bearer ${METRICS_TOKEN}` });
      if (right.status !== 200) failures.push(`${method} ${pattern} with the token: ${right.status}, expected 200 (${right.text.slice(0, 160)})`);
      if (leaked(right.text).length) failures.push(`${method} ${pattern} leaked ${leaked(right.text).join(", ")}`);
    }
    expect(failures).toEqual([]);
  });

  it("answers public routes without a session and never with 5xx", async () => {
    const failures: string[] = [];
    for (const { pattern, method, access } of discoverHandlers()) {
      if (access !== "public" || pattern === "/api/auth/sign-out") continue;
      const { status, text } = await request(method, concrete(pattern), "anonymous");
      if (status === 401 || status === 403 || status >= 500) failures.push(`${method} ${pattern}: ${status} (${text.slice(0, 160)})`);
    }
    expect(failures).toEqual([]);
  });

  it("sends people who are not signed in to sign in, refuses pages a role may not open with 403, and leaks nothing", async () => {
    const failures: string[] = [];
    for (const pattern of filesNamed("page.tsx").map(urlPattern)) {
      const access = PAGE_ACCESS[pattern]!;
      if (access === "public") continue;
      const path = concrete(pattern);
      for (const who of ["anonymous", "clinician", "reviewer", "admin"] as const) {
        const { status, location, text } = await request("GET", path, who);
        const allowed = who !== "anonymous" && (access === "signed-in" || can(who, access));
        const fine =
          who === "anonymous"
            ? [302, 303, 307].includes(status) && Boolean(location?.includes("/sign-in"))
            : allowed
              ? [200, 307, 404].includes(status)
              : status === 403;
        if (!fine) failures.push(`${pattern} as ${who}: ${status}${location ? ` to ${location}` : ""}`);
        if (leaked(text).length) failures.push(`${pattern} as ${who} leaked ${leaked(text).join(", ")}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("keeps the identifiers out of the server's log", () => {
    expect(server.logs.length).toBeGreaterThan(0);
    expect(leaked(server.logs.join("\n"))).toEqual([]);
  });
});
