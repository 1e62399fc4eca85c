import { createHash, randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { type FakeServer, sendJson, startHttpServer } from "./http-server";

// An OpenID Connect provider as Keycloak, Entra ID or Okta present themselves
// to a confidential web client: discovery, a JWKS with an RS256 key generated
// at start, /authorize for the authorization code flow with PKCE (S256 only)
// that approves at once, /token that checks the client credentials (Basic or
// POST), the code, the redirect_uri and the PKCE verifier and returns a signed
// ID token, and /userinfo. Errors use the OAuth 2.0 shapes (RFC 6749): on the
// redirect for /authorize, as JSON for /token. The test says who signs in next
// and which replies fail.

/** The person the provider signs in. */
export type FakeOidcUser = { sub: string; email?: string; email_verified?: boolean | string; name?: string };

/** An OAuth error reply: `error` is a code such as access_denied or invalid_grant. */
export type FakeOidcError = { error: string; error_description?: string };

export type FakeOidcProvider = FakeServer & {
  /** The issuer identifier, also the base URL: set OIDC_ISSUER to it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the following sign-ins are, until changed. */
  signInAs: (user: FakeOidcUser) => void;
  /** Answers the next authorization request with this error (default access_denied) instead of a code. */
  refuseNextSignIn: (error?: FakeOidcError) => void;
  /** Answers the next token request with this HTTP status and error. */
  failNextTokenRequest: (failure: FakeOidcError & { status: number }) => void;
  /** Each authorization request's parameters, in arrival order. */
  authorizations: URLSearchParams[];
};

type PendingCode = {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  scope: string;
  user: FakeOidcUser;
  expiresAt: number;
  used: boolean;
};

/** Authorization codes are short-lived, as the OAuth security BCP recommends. */
const CODE_TTL_MS = 60_000;
const ID_TOKEN_TTL_SECONDS = 300;

const base64url = (bytes: Buffer) => bytes.toString("base64url");
const s256 = (verifier: string) => base64url(createHash("sha256").update(verifier).digest());

/** Starts a fake OpenID provider on a free loopback port. */
export async function startFakeOidcProvider(options: { clientId?: string; clientSecret?: string; user?: FakeOidcUser } = {}): Promise<FakeOidcProvider> {
  const clientId = options.clientId ?? "cam-console";
  const clientSecret = options.clientSecret ?? "fake-oidc-client-secret";
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const kid = base64url(randomBytes(8));
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };

  let user: FakeOidcUser = options.user ?? { sub: "fake-user-1", email: "pat@hospital.example", email_verified: true, name: "Pat Example" };
  let refusal: FakeOidcError | undefined;
  let tokenFailure: (FakeOidcError & { status: number }) | undefined;
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, FakeOidcUser>();
  const authorizations: URLSearchParams[] = [];
  let issuer = "";

  const server = await startHttpServer(async (request, response, received) => {
    const url = new URL(request.url ?? "/", issuer);
    if (request.method === "GET" && url.pathname === "/.well-known/openid-configuration") {
      return sendJson(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        response_modes_supported: ["query"],
        grant_types_supported: ["authorization_code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        code_challenge_methods_supported: ["S256"],
        scopes_supported: ["openid", "email", "profile"],
        claims_supported: ["iss", "sub", "aud", "exp", "iat", "nonce", "email", "email_verified", "name"],
        authorization_response_iss_parameter_supported: true,
      });
    }
    if (request.method === "GET" && url.pathname === "/jwks") return sendJson(response, 200, { keys: [jwk] });
    if (request.method === "GET" && url.pathname === "/authorize") return authorize(url.searchParams, response);
    if (request.method === "POST" && url.pathname === "/token") {
      const form = new URLSearchParams(typeof received.body === "string" ? received.body : "");
      return token(form, request.headers.authorization, response);
    }
    if (request.method === "GET" && url.pathname === "/userinfo") {
      const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
      const owner = bearer ? accessTokens.get(bearer) : undefined;
      if (!owner) {
        response.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token"' });
        return void response.end();
      }
      return sendJson(response, 200, owner);
    }
    sendJson(response, 404, { error: "not_found" });
  });
  issuer = server.url;

  /** An error page, for requests that must not be redirected (unknown client, no redirect_uri). */
  function errorPage(response: ServerResponse, message: string) {
    response.writeHead(400, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><title>Sign-in error</title><p>${message}</p>`);
  }

  function authorize(params: URLSearchParams, response: ServerResponse) {
    authorizations.push(params);
    const redirectUri = params.get("redirect_uri");
    if (params.get("client_id") !== clientId) return errorPage(response, "Unknown client_id.");
    if (!redirectUri || !URL.canParse(redirectUri)) return errorPage(response, "Missing or invalid redirect_uri.");
    const back = (answer: Record<string, string | undefined>) => {
      const target = new URL(redirectUri);
      for (const [key, value] of Object.entries({ ...answer, state: params.get("state") ?? undefined, iss: issuer })) {
        if (value !== undefined) target.searchParams.set(key, value);
      }
      response.writeHead(302, { location: target.href });
      response.end();
    };
    if (params.get("response_type") !== "code") return back({ error: "unsupported_response_type" });
    if (!params.get("scope")?.split(" ").includes("openid")) return back({ error: "invalid_scope", error_description: "The openid scope is required." });
    const codeChallenge = params.get("code_challenge");
    if (!codeChallenge || params.get("code_challenge_method") !== "S256") {
      return back({ error: "invalid_request", error_description: "PKCE with code_challenge_method S256 is required." });
    }
    if (refusal) {
      const answer = refusal;
      refusal = undefined;
      return back({ ...answer });
    }
    const code = base64url(randomBytes(24));
    codes.set(code, {
      clientId,
      redirectUri,
      codeChallenge,
      nonce: params.get("nonce") ?? undefined,
      scope: params.get("scope") ?? "openid",
      user,
      expiresAt: Date.now() + CODE_TTL_MS,
      used: false,
    });
    back({ code });
  }

  /** The client's id and secret from HTTP Basic (RFC 6749 2.3.1, form-encoded parts) or the body. */
  function clientCredentials(form: URLSearchParams, authorization: string | undefined) {
    const basic = /^Basic (\S+)$/i.exec(authorization ?? "")?.[1];
    if (basic) {
      const [id = "", secret = ""] = Buffer.from(basic, "base64").toString("utf8").split(":");
      return { id: decodeURIComponent(id.replace(/\+/g, " ")), secret: decodeURIComponent(secret.replace(/\+/g, " ")), basic: true };
    }
    return { id: form.get("client_id") ?? "", secret: form.get("client_secret") ?? "", basic: false };
  }

  async function token(form: URLSearchParams, authorization: string | undefined, response: ServerResponse) {
    const noStore = { "cache-control": "no-store" };
    const fail = (status: number, error: string, description?: string, headers: Record<string, string> = {}) =>
      sendJson(response, status, { error, ...(description ? { error_description: description } : {}) }, { ...noStore, ...headers });
    const client = clientCredentials(form, authorization);
    if (client.id !== clientId || client.secret !== clientSecret) {
      const challenge: Record<string, string> = client.basic ? { "www-authenticate": 'Basic realm="fake-oidc"' } : {};
      return fail(401, "invalid_client", "Client authentication failed.", challenge);
    }
    if (tokenFailure) {
      const failure = tokenFailure;
      tokenFailure = undefined;
      return fail(failure.status, failure.error, failure.error_description);
    }
    if (form.get("grant_type") !== "authorization_code") return fail(400, "unsupported_grant_type");
    const pending = codes.get(form.get("code") ?? "");
    if (!pending || pending.used || pending.expiresAt < Date.now() || pending.clientId !== client.id) {
      return fail(400, "invalid_grant", "The authorization code is invalid, expired or already used.");
    }
    pending.used = true;
    if (form.get("redirect_uri") !== pending.redirectUri) return fail(400, "invalid_grant", "redirect_uri does not match the authorization request.");
    const verifier = form.get("code_verifier");
    if (!verifier || s256(verifier) !== pending.codeChallenge) return fail(400, "invalid_grant", "PKCE verification failed.");

    const { sub, ...profile } = pending.user;
    const idToken = await new SignJWT({ ...profile, ...(pending.nonce ? { nonce: pending.nonce } : {}) })
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(`${ID_TOKEN_TTL_SECONDS}s`)
      .sign(privateKey);
    const accessToken = base64url(randomBytes(24));
    accessTokens.set(accessToken, pending.user);
    sendJson(
      response,
      200,
      { access_token: accessToken, token_type: "Bearer", expires_in: ID_TOKEN_TTL_SECONDS, id_token: idToken, scope: pending.scope },
      noStore,
    );
  }

  return {
    ...server,
    issuer,
    clientId,
    clientSecret,
    authorizations,
    signInAs: (next) => {
      user = next;
    },
    refuseNextSignIn: (error = { error: "access_denied", error_description: "The user declined the sign-in." }) => {
      refusal = error;
    },
    failNextTokenRequest: (failure) => {
      tokenFailure = failure;
    },
  };
}
