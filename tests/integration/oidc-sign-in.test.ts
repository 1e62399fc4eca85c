import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as startRoute } from "@/app/api/auth/oidc/start/route";
import { completeOidcSignIn } from "@/lib/auth/oidc/complete-oidc-sign-in";
import { openOidcFlow } from "@/lib/auth/oidc/oidc-flow";
import type { OidcSettings } from "@/lib/auth/oidc/oidc-settings";
import { readSignInError, sealSignInError } from "@/lib/auth/oidc/sign-in-error";
import { startOidcSignIn } from "@/lib/auth/oidc/start-oidc-sign-in";
import { findCaller } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { unlinkSso } from "@/lib/users/unlink-sso";
import { type FakeOidcProvider, type FakeOidcUser, startFakeOidcProvider } from "../fakes/fake-oidc-provider";
import { unusedPort } from "../fakes/http-server";
import { runCli } from "../support/run-cli";
import { migratedDatabaseForSuite, providers } from "../support/test-databases";

// Single sign-on through the real openid-client against a fake provider that
// speaks the real protocol (discovery, JWKS, code + PKCE, signed ID tokens),
// on SQLite and PostgreSQL: how people are matched to accounts, and how every
// kind of failure is refused with a message that says what to do.

// Set before anything reads the configuration (env() reads it once, on first use).
process.env.CAM_ENCRYPTION_KEYS = `test:${randomBytes(32).toString("base64")}`;
process.env.LOG_LEVEL = "silent";

const REDIRECT_URI = new URL("https://cam.hospital.example/api/auth/oidc/callback");
let provider: FakeOidcProvider;

beforeAll(async () => {
  provider = await startFakeOidcProvider();
});
afterAll(() => provider.close());
afterEach(() => vi.useRealTimers());

function settings(overrides: Partial<OidcSettings> = {}): OidcSettings {
  return { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, displayName: "Hospital Login", ...overrides };
}

/** Starts a sign-in, lets the provider answer as a browser would see it, and returns the reply to complete. */
async function visitProvider(options: { as?: FakeOidcUser; settings?: OidcSettings; next?: string } = {}) {
  if (options.as) provider.signInAs(options.as);
  const started = await startOidcSignIn({ settings: options.settings ?? settings(), redirectUri: REDIRECT_URI, next: options.next ?? "/" });
  const reply = await fetch(started.authorizationUrl, { redirect: "manual" });
  expect(reply.status).toBe(302);
  return { sealedFlow: started.sealedFlow, callbackUrl: new URL(reply.headers.get("location") as string) };
}

/** A full sign-in: the provider's reply is completed with the flow cookie this browser would hold. */
async function signInAs(db: Db, user: FakeOidcUser, config = settings(), next = "/") {
  const { sealedFlow, callbackUrl } = await visitProvider({ as: user, settings: config, next });
  return completeOidcSignIn({ db, settings: config, flow: openOidcFlow(sealedFlow), callbackUrl });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(providers)("single sign-on accounts on %s", (databaseProvider) => {
  const suite = migratedDatabaseForSuite(databaseProvider);

  it("links an existing account by verified email, then recognises its subject even when the email changes", async () => {
    const { db } = suite;
    const nurse = await createUser(db, { email: "nina@hospital.example", name: "Nina Nurse", role: "clinician", password: "a-long-nurse-password" }, null);
    const session = await signInAs(db, { sub: "nina-1", email: "Nina@Hospital.EXAMPLE", email_verified: true, name: "Nina N." }, settings(), "/audit?q=1");

    expect(session.user).toMatchObject({ id: nurse.id, role: "clinician" });
    expect(session.next).toBe("/audit?q=1");
    expect(await findCaller(db, session.token)).toMatchObject({ userId: nurse.id, email: "nina@hospital.example", role: "clinician" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: nurse.id } });
    expect(stored.oidcSubject).toBe(`${provider.issuer}|nina-1`);
    expect(stored.lastSignInAt).not.toBeNull();
    expect(stored.passwordHash).not.toBeNull();
    const link = await db.adminChange.findFirstOrThrow({ where: { action: "user.link_sso", entityId: nurse.id } });
    expect(link.summary).toContain("nina@hospital.example");

    const again = await signInAs(db, { sub: "nina-1", email: "nina.new@hospital.example", email_verified: false });
    expect(again.user.id).toBe(nurse.id);
    expect(await db.user.count({ where: { email: "nina.new@hospital.example" } })).toBe(0);
  });

  it("refuses to match an unverified email to an account, and refuses people without one", async () => {
    const { db } = suite;
    const owner = await createUser(db, { email: "rex@hospital.example", name: "Rex Reviewer", role: "reviewer", password: "a-long-reviewer-password" }, null);
    const sessionsBefore = await db.session.count();

    const unverified = await refusal(signInAs(db, { sub: "impostor-1", email: "rex@hospital.example", email_verified: false }));
    expect(unverified.code).toBe("forbidden");
    expect(unverified.message).toContain("Hospital Login has not verified the email address rex@hospital.example");
    // Even with auto-provisioning on, an unverified address never takes over an existing account.
    const withDefaultRole = await refusal(signInAs(db, { sub: "impostor-1", email: "rex@hospital.example" }, settings({ defaultRole: "admin" })));
    expect(withDefaultRole.message).toContain("has not verified");
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).oidcSubject).toBeNull();

    const stranger = await refusal(signInAs(db, { sub: "stranger-1", email: "Sam@Elsewhere.example", email_verified: true }));
    expect(stranger.message).toBe("No CAM account for sam@elsewhere.example; ask an administrator to create one.");
    expect(await db.session.count()).toBe(sessionsBefore);
    expect(await db.user.count({ where: { email: "sam@elsewhere.example" } })).toBe(0);
  });

  it("creates an account with OIDC_DEFAULT_ROLE at a first sign-in, without a password, and records who created it", async () => {
    const { db } = suite;
    const config = settings({ defaultRole: "reviewer" });
    const session = await signInAs(db, { sub: "new-1", email: "Quinn@Hospital.example", email_verified: true, name: "Quinn Newcomer" }, config);

    const created = await db.user.findUniqueOrThrow({ where: { email: "quinn@hospital.example" } });
    expect(created).toMatchObject({ name: "Quinn Newcomer", role: "reviewer", passwordHash: null, oidcSubject: `${provider.issuer}|new-1` });
    expect(await findCaller(db, session.token)).toMatchObject({ userId: created.id, role: "reviewer" });
    const record = await db.adminChange.findFirstOrThrow({ where: { action: "user.create", entityId: created.id } });
    expect(record.actorId).toBeNull();
    expect(record.summary).toContain("first single sign-on");

    // The second sign-in finds the same account rather than creating another.
    const again = await signInAs(db, { sub: "new-1", email: "quinn@hospital.example", email_verified: true }, config);
    expect(again.user.id).toBe(created.id);
    expect(await db.adminChange.count({ where: { action: "user.create", entityId: created.id } })).toBe(1);
  });

  it("lets an administrator unlink an identity that changed at the provider, so the next sign-in links the new one", async () => {
    const { db } = suite;
    const admin = await createUser(db, { email: "ada@hospital.example", name: "Ada Admin", role: "admin", password: "a-long-admin-password" }, null);
    const surgeon = await createUser(db, { email: "sol@hospital.example", name: "Sol Surgeon", role: "clinician", password: "a-long-surgeon-password" }, null);
    const first = await signInAs(db, { sub: "sol-old", email: "sol@hospital.example", email_verified: true });

    // The hospital moved to a new directory: same verified email, new subject.
    const moved = await refusal(signInAs(db, { sub: "sol-new", email: "sol@hospital.example", email_verified: true }));
    expect(moved.message).toContain("already linked to a different Hospital Login identity");
    expect(moved.message).toContain("ask an administrator to unlink it (Admin → Users)");

    await unlinkSso(db, { userId: surgeon.id, actorId: admin.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: surgeon.id } })).oidcSubject).toBeNull();
    expect(await findCaller(db, first.token)).toBeNull();
    const record = await db.adminChange.findFirstOrThrow({ where: { action: "user.unlink_sso", entityId: surgeon.id } });
    expect(record).toMatchObject({ actorId: admin.id, before: { oidcSubject: `${provider.issuer}|sol-old` }, after: { oidcSubject: null } });
    expect(await db.auditChainLink.count({ where: { kind: "admin_change", recordId: record.id } })).toBe(1);
    const again = await refusal(unlinkSso(db, { userId: surgeon.id, actorId: admin.id }));
    expect(again).toMatchObject({ code: "conflict", message: "sol@hospital.example is not linked to a single sign-on identity, so there is nothing to unlink." });

    const relinked = await signInAs(db, { sub: "sol-new", email: "sol@hospital.example", email_verified: true });
    expect(relinked.user.id).toBe(surgeon.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: surgeon.id } })).oidcSubject).toBe(`${provider.issuer}|sol-new`);

    // From the command line, for an administrator who can no longer sign in at all.
    const env = { DATABASE_URL: suite.database.url };
    expect((await runCli(["users", "list"], { env })).stdout).toMatch(/sol@hospital\.example .* single sign-on linked/);
    const cli = await runCli(["users", "unlink-sso", "--email", "SOL@hospital.example"], { env });
    expect(cli.stderr).toBe("");
    expect(cli.stdout).toContain("Unlinked sol@hospital.example from its single sign-on identity and signed it out everywhere.");
    expect(await findCaller(db, relinked.token)).toBeNull();
    const unknown = await runCli(["users", "unlink-sso", "--email", "nobody@hospital.example"], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("There is no account nobody@hospital.example");
  });

  it("refuses a disabled account, whether it is found by subject or by email", async () => {
    const { db } = suite;
    const user = await createUser(db, { email: "dana@hospital.example", name: "Dana", role: "clinician", password: "a-long-dana-password" }, null);
    await signInAs(db, { sub: "dana-1", email: "dana@hospital.example", email_verified: true });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const sessionsBefore = await db.session.count({ where: { userId: user.id } });

    const bySubject = await refusal(signInAs(db, { sub: "dana-1", email: "dana@hospital.example", email_verified: true }));
    expect(bySubject).toMatchObject({ code: "forbidden", message: "The CAM account for dana@hospital.example is disabled. Ask an administrator to enable it." });

    const other = await createUser(db, { email: "eli@hospital.example", name: "Eli", role: "clinician", password: "a-long-eli-password" }, null);
    await db.user.update({ where: { id: other.id }, data: { disabledAt: new Date() } });
    const byEmail = await refusal(signInAs(db, { sub: "eli-1", email: "eli@hospital.example", email_verified: true }));
    expect(byEmail.message).toContain("is disabled");
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).oidcSubject).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(sessionsBefore);
  });
});

describe("single sign-on failures", () => {
  const suite = migratedDatabaseForSuite("sqlite");
  const person = { sub: "fay-1", email: "fay@hospital.example", email_verified: true, name: "Fay" };

  beforeAll(async () => {
    await createUser(suite.db, { email: person.email, name: "Fay", role: "clinician", password: "a-long-fay-password" }, null);
  });

  it("sends PKCE S256, state and nonce to the provider and keeps them unreadable in the flow cookie", async () => {
    const { sealedFlow } = await visitProvider({ as: person, next: "/runs" });
    const request = provider.authorizations.at(-1) as URLSearchParams;
    expect(request.get("code_challenge_method")).toBe("S256");
    expect(request.get("redirect_uri")).toBe(REDIRECT_URI.href);
    expect(request.get("scope")).toBe("openid email profile");
    const flow = openOidcFlow(sealedFlow);
    expect(flow).toMatchObject({ state: request.get("state"), nonce: request.get("nonce"), next: "/runs" });
    for (const secret of [flow?.state, flow?.nonce, flow?.codeVerifier, "/runs"]) expect(sealedFlow).not.toContain(secret);
  });

  it("refuses a reply whose state was tampered with, or that belongs to another attempt", async () => {
    const { sealedFlow, callbackUrl } = await visitProvider({ as: person });
    callbackUrl.searchParams.set("state", "tampered");
    const tampered = await refusal(completeOidcSignIn({ db: suite.db, settings: settings(), flow: openOidcFlow(sealedFlow), callbackUrl }));
    expect(tampered.message).toContain("does not belong to the sign-in this browser started");

    const first = await visitProvider({ as: person });
    const second = await visitProvider({ as: person });
    const crossed = await refusal(completeOidcSignIn({ db: suite.db, settings: settings(), flow: openOidcFlow(first.sealedFlow), callbackUrl: second.callbackUrl }));
    expect(crossed.message).toContain("does not belong to the sign-in this browser started");
  });

  it("refuses a forged, altered, missing or expired flow cookie", async () => {
    const { sealedFlow, callbackUrl } = await visitProvider({ as: person });
    const altered = `${sealedFlow.slice(0, -2)}${sealedFlow.endsWith("A") ? "B" : "A"}${sealedFlow.slice(-1)}`;
    expect(openOidcFlow(altered)).toBeNull();
    expect(openOidcFlow(Buffer.from(JSON.stringify({ state: "x", nonce: "y", codeVerifier: "z".repeat(43), next: "/" })).toString("base64url"))).toBeNull();
    const missing = await refusal(completeOidcSignIn({ db: suite.db, settings: settings(), flow: openOidcFlow(undefined), callbackUrl }));
    expect(missing.message).toContain("has expired or was started in another browser");

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 11 * 60_000 });
    expect(openOidcFlow(sealedFlow)).toBeNull();
  });

  it("refuses an ID token whose nonce is not this attempt's, and a code exchanged without the right PKCE verifier", async () => {
    const wrongNonce = await visitProvider({ as: person });
    const flow = openOidcFlow(wrongNonce.sealedFlow)!;
    const nonce = await refusal(completeOidcSignIn({ db: suite.db, settings: settings(), flow: { ...flow, nonce: "another-nonce" }, callbackUrl: wrongNonce.callbackUrl }));
    expect(nonce.code).toBe("bad_gateway");
    expect(nonce.message).toContain("answered in a way CAM could not verify");

    const wrongVerifier = await visitProvider({ as: person });
    const pkceFlow = openOidcFlow(wrongVerifier.sealedFlow)!;
    const pkce = await refusal(
      completeOidcSignIn({ db: suite.db, settings: settings(), flow: { ...pkceFlow, codeVerifier: "x".repeat(64) }, callbackUrl: wrongVerifier.callbackUrl }),
    );
    expect(pkce.message).toBe("Hospital Login refused the sign-in code as expired or already used (invalid_grant: PKCE verification failed). Start again.");
  });

  it("reports token endpoint errors: rejected client credentials, a reused code, a provider outage", async () => {
    const wrongSecret = settings({ clientSecret: "not-the-secret" });
    const credentials = await refusal(signInAs(suite.db, person, wrongSecret));
    expect(credentials.code).toBe("config_invalid");
    expect(credentials.message).toContain("Hospital Login refused CAM's client credentials (invalid_client: Client authentication failed)");
    expect(credentials.message).toContain("OIDC_CLIENT_ID and OIDC_CLIENT_SECRET");

    const { sealedFlow, callbackUrl } = await visitProvider({ as: person });
    await completeOidcSignIn({ db: suite.db, settings: settings(), flow: openOidcFlow(sealedFlow), callbackUrl });
    const reused = await refusal(completeOidcSignIn({ db: suite.db, settings: settings(), flow: openOidcFlow(sealedFlow), callbackUrl }));
    expect(reused.message).toContain("refused the sign-in code as expired or already used (invalid_grant");

    provider.failNextTokenRequest({ status: 503, error: "temporarily_unavailable", error_description: "Maintenance until 02:00." });
    const outage = await refusal(signInAs(suite.db, person));
    expect(outage.code).toBe("bad_gateway");
    expect(outage.message).toContain("Hospital Login did not answer as expected (HTTP 503). Try again in a few minutes.");

    provider.failNextTokenRequest({ status: 400, error: "invalid_request", error_description: "Unsupported parameter." });
    const rejected = await refusal(signInAs(suite.db, person));
    expect(rejected.message).toContain("Hospital Login refused to complete the sign-in (HTTP 400, invalid_request: Unsupported parameter)");
  });

  it("reports a refusal at the provider (access_denied) with the provider's reason", async () => {
    provider.refuseNextSignIn();
    const { sealedFlow, callbackUrl } = await visitProvider({ as: person });
    expect(callbackUrl.searchParams.get("error")).toBe("access_denied");
    const denied = await refusal(completeOidcSignIn({ db: suite.db, settings: settings(), flow: openOidcFlow(sealedFlow), callbackUrl }));
    expect(denied).toMatchObject({ code: "forbidden" });
    expect(denied.message).toContain("Hospital Login did not let you sign in (access_denied: The user declined the sign-in)");
  });

  it("reports a provider that cannot be reached, and refuses a plain-http provider that is not on this machine", async () => {
    const unreachable = settings({ issuer: `http://127.0.0.1:${await unusedPort()}` });
    const down = await refusal(startOidcSignIn({ settings: unreachable, redirectUri: REDIRECT_URI, next: "/" }));
    expect(down.code).toBe("service_unavailable");
    expect(down.message).toContain(`Cannot reach Hospital Login at ${unreachable.issuer}. Try again in a few minutes.`);

    const insecure = await refusal(startOidcSignIn({ settings: settings({ issuer: "http://sso.hospital.example" }), redirectUri: REDIRECT_URI, next: "/" }));
    expect(insecure.code).toBe("config_invalid");
    expect(insecure.message).toContain("the provider must use https");
  });

  it("carries sign-in messages only when CAM sealed them for that purpose", async () => {
    expect(readSignInError(sealSignInError("Hospital Login did not let you sign in."))).toBe("Hospital Login did not let you sign in.");
    expect(readSignInError("Call 555-0100 to restore your account")).toBeUndefined();
    expect(readSignInError(undefined)).toBeUndefined();
    // Each purpose has its own key: a flow cookie does not open as a message.
    const { sealedFlow } = await visitProvider({ as: person });
    expect(readSignInError(sealedFlow)).toBeUndefined();
  });

  it("answers 404 with a clear message when single sign-on is not configured", async () => {
    const response = await startRoute(new NextRequest("http://cam.hospital.example/api/auth/oidc/start"), { params: Promise.resolve({}) });
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: "not_found" });
    expect(body.error.message).toContain("Single sign-on is not configured on this server (OIDC_ISSUER is unset)");
  });
});
