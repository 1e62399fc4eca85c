import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { createUser } from "@/lib/users/create-user";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

// The route wrapper against a real database: real sessions, real permission
// checks, and the JSON error shape every route shares.

let database: TestDatabase;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase("sqlite", { migrate: true });
  process.env.DATABASE_URL = database.url;
  process.env.LOG_LEVEL = "silent";
  const db = database.db();
  for (const role of ["clinician", "admin"] as const) {
    const user = await createUser(db, { email: `${role}@hospital.example`, name: role, role, password: "a-long-test-password" }, null);
    tokens[role] = (await createSession(db, user.id)).token;
  }
});
afterAll(() => database.drop());

const context = { params: Promise.resolve({}) };

function request(options: { method?: string; body?: string; headers?: Record<string, string>; as?: string } = {}) {
  const headers = new Headers(options.headers);
  if (options.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  if (options.as) headers.set("cookie", `${SESSION_COOKIE}=${tokens[options.as]}`);
  headers.set("host", "cam.hospital.example");
  return new NextRequest("http://cam.hospital.example/api/test", { method: options.method ?? "GET", body: options.body, headers });
}

async function call(handler: ReturnType<typeof route>, options: Parameters<typeof request>[0] = {}) {
  const response = await handler(request(options), context);
  return { status: response.status, body: await response.json(), requestId: response.headers.get("x-request-id") };
}

const echo = route({
  access: "public",
  body: z.object({ question: z.string().min(1, { error: "is required" }).max(20, { error: "must be at most 20 characters" }) }),
  maxBodyBytes: 200,
  handler: async ({ body }) => ({ received: body.question }),
});

describe("route wrapper", () => {
  it("parses the body with its schema and answers JSON with a request id", async () => {
    const result = await call(echo, { method: "POST", body: JSON.stringify({ question: "Consent?" }) });
    expect(result).toMatchObject({ status: 200, body: { received: "Consent?" } });
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps a caller's well-formed request id and replaces a malformed one", async () => {
    const kept = await call(echo, { method: "POST", body: '{"question":"x"}', headers: { "x-request-id": "trace-1234abcd" } });
    expect(kept.requestId).toBe("trace-1234abcd");
    const replaced = await call(echo, { method: "POST", body: '{"question":"x"}', headers: { "x-request-id": "<script>" } });
    expect(replaced.requestId).not.toBe("<script>");
  });

  it("answers 422 with a message per field", async () => {
    const result = await call(echo, { method: "POST", body: JSON.stringify({ question: "" }) });
    expect(result.status).toBe(422);
    expect(result.body.error).toMatchObject({
      code: "validation_failed",
      message: "Some fields are invalid: question is required.",
      fields: [{ path: "question", message: "is required" }],
    });
    expect(result.body.error.requestId).toBe(result.requestId);
  });

  it("answers 400 for malformed JSON, 415 for another content type and 413 for an oversized body", async () => {
    expect((await call(echo, { method: "POST", body: '{"question":' })).body.error.code).toBe("bad_request");
    const wrongType = await call(echo, { method: "POST", body: "question=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(wrongType).toMatchObject({ status: 415, body: { error: { code: "unsupported_media_type" } } });
    const oversized = await call(echo, { method: "POST", body: JSON.stringify({ question: "x".repeat(500) }) });
    expect(oversized).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
  });

  it("answers 401 without a session and 403 without the permission, naming what is missing", async () => {
    const adminOnly = route({ access: "config.write", handler: async ({ caller }) => ({ hello: caller.name }) });
    const anonymous = await call(adminOnly);
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
    const clinician = await call(adminOnly, { as: "clinician" });
    expect(clinician.status).toBe(403);
    expect(clinician.body.error.message).toBe(
      "Your role (clinician) may not change rules and settings. Ask an administrator for access.",
    );
    expect(await call(adminOnly, { as: "admin" })).toMatchObject({ status: 200, body: { hello: "admin" } });
  });

  it("refuses a cookie-authenticated write that comes from another site", async () => {
    const write = route({ access: "signed-in", handler: async () => ({ ok: true }) });
    const crossSite = await call(write, { method: "POST", as: "admin", headers: { origin: "https://evil.example" } });
    expect(crossSite).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    const sameSite = await call(write, { method: "POST", as: "admin", headers: { origin: "http://cam.hospital.example" } });
    expect(sameSite.status).toBe(200);
  });

  it("believes the browser's Sec-Fetch-Site when it says a write is cross-site, even without an Origin", async () => {
    const write = route({ access: "signed-in", handler: async () => ({ ok: true }) });
    for (const site of ["cross-site", "same-site"]) {
      const refused = await call(write, { method: "POST", as: "admin", headers: { "sec-fetch-site": site } });
      expect(refused).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    }
    const ownPage = await call(write, { method: "POST", as: "admin", headers: { "sec-fetch-site": "same-origin" } });
    expect(ownPage.status).toBe(200);
    // Reading is not a forgery risk: a cross-site GET only reaches what a link could.
    const read = route({ access: "signed-in", handler: async () => ({ ok: true }) });
    expect((await call(read, { as: "admin", headers: { "sec-fetch-site": "cross-site" } })).status).toBe(200);
  });

  it("passes an AppError's status and message through", async () => {
    const conflict = route({ access: "public", handler: async () => { throw new AppError("conflict", "That version was already approved."); } });
    expect(await call(conflict)).toMatchObject({ status: 409, body: { error: { code: "conflict", message: "That version was already approved." } } });
  });

  it("hides the details of unexpected errors behind a generic 500 that quotes the request id", async () => {
    const broken = route({ access: "public", handler: async () => { throw new Error("secret internal detail"); } });
    const result = await call(broken);
    expect(result.status).toBe(500);
    expect(JSON.stringify(result.body)).not.toContain("secret internal detail");
    expect(result.body.error.message).toContain(result.requestId);
  });
});
