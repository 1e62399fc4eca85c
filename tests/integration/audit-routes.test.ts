import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getExchangeRoute } from "@/app/api/exchanges/[id]/route";
import { GET as listLabelsRoute, POST as addLabelRoute } from "@/app/api/exchanges/[id]/labels/route";
import { GET as exportRoute } from "@/app/api/exchanges/export/route";
import { GET as searchRoute } from "@/app/api/exchanges/route";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { createUser } from "@/lib/users/create-user";
import { seedExchange } from "../support/audit-exchange";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// The audit routes end to end through the route wrapper (real sessions,
// permissions and error shapes) on SQLite. A file of their own: the routes
// read DATABASE_URL once, so it is set before anything reads the environment.

describe("the audit routes", () => {
  let database: TestDatabase;
  let exchangeId: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { migrate: true });
    process.env.DATABASE_URL = database.url;
    process.env.LOG_LEVEL = "silent";
    const db = database.db();
    exchangeId = (await seedExchange(db, "routes")).exchange.id;
    for (const role of ["clinician", "reviewer"] as const) {
      const user = await createUser(db, { email: `${role}@cam.example`, name: `A ${role}`, role, password: "a-long-test-password" }, null);
      cookies[role] = `${SESSION_COOKIE}=${(await createSession(db, user.id)).token}`;
    }
  });
  afterAll(() => database.drop());

  async function call(
    handler: (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
    options: { path: string; as?: string; method?: string; body?: unknown; params?: Record<string, string>; origin?: string },
  ) {
    const headers = new Headers({ host: "cam.hospital.example" });
    if (options.as) headers.set("cookie", cookies[options.as] as string);
    if (options.body !== undefined) headers.set("content-type", "application/json");
    if (options.origin) headers.set("origin", options.origin);
    const request = new NextRequest(`http://cam.hospital.example${options.path}`, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return handler(request, { params: Promise.resolve(options.params ?? {}) });
  }

  it("searches for readers of the audit trail only", async () => {
    const reviewer = await call(searchRoute, { path: "/api/exchanges?action=block&reviewed=no", as: "reviewer" });
    expect(reviewer.status).toBe(200);
    const body = await reviewer.json();
    expect(body).toMatchObject({ items: [{ id: exchangeId, question: "Can I share notes? Call me on [phone number]." }], nextCursor: null, prevCursor: null });
    expect((await call(searchRoute, { path: "/api/exchanges", as: "clinician" })).status).toBe(403);
    expect((await call(searchRoute, { path: "/api/exchanges" })).status).toBe(401);
  });

  it("explains invalid filters field by field", async () => {
    const response = await call(searchRoute, { path: "/api/exchanges?action=maybe&from=yesterday&limit=500", as: "reviewer" });
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.fields.map((field: { path: string }) => field.path).sort()).toEqual(["action", "from", "limit"]);
    expect(error.message).toMatch(/action must be allow, warn or block/);
  });

  it("returns one exchange, or 404 with what to do", async () => {
    const found = await call(getExchangeRoute, { path: `/api/exchanges/${exchangeId}`, as: "reviewer", params: { id: exchangeId } });
    expect(found.status).toBe(200);
    expect((await found.json()).rawAnswer).toBe("Email them to [email] and stop your medication (see [1]).");
    const missing = await call(getExchangeRoute, { path: "/api/exchanges/nope", as: "reviewer", params: { id: "nope" } });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toMatch(/audit list/);
  });

  it("records a reviewer's label, and refuses clinicians, invalid labels and other sites", async () => {
    const path = `/api/exchanges/${exchangeId}/labels`;
    const params = { id: exchangeId };
    const saved = await call(addLabelRoute, { path, as: "reviewer", method: "POST", params, body: { verdict: "too_lenient", escalation: "high", notes: "  Should have warned.  " } });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ verdict: "too_lenient", escalation: "high", notes: "Should have warned.", reviewer: { name: "A reviewer" } });

    const invalid = await call(addLabelRoute, { path, as: "reviewer", method: "POST", params, body: { verdict: "fine", escalation: "urgent", notes: "x".repeat(4_001) } });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.fields.map((field: { path: string }) => field.path).sort()).toEqual(["escalation", "notes", "verdict"]);
    expect((await call(addLabelRoute, { path, as: "clinician", method: "POST", params, body: { verdict: "correct" } })).status).toBe(403);
    expect((await call(addLabelRoute, { path, as: "reviewer", method: "POST", params, body: { verdict: "correct" }, origin: "https://evil.example" })).status).toBe(403);

    const listed = await call(listLabelsRoute, { path, as: "reviewer", params });
    expect((await listed.json()).map((label: { verdict: string }) => label.verdict)).toEqual(["too_lenient"]);
  });

  it("exports as a download named with the date, and refuses an unknown format", async () => {
    const response = await call(exportRoute, { path: "/api/exchanges/export?format=jsonl&action=block", as: "reviewer" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="cam-audit-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    const lines = (await response.text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ id: exchangeId, action: "block", review: { verdict: "too_lenient", escalation: "high" } });
    expect((await call(exportRoute, { path: "/api/exchanges/export?format=xlsx", as: "reviewer" })).status).toBe(422);
    expect((await call(exportRoute, { path: "/api/exchanges/export?format=csv", as: "clinician" })).status).toBe(403);
  });
});
