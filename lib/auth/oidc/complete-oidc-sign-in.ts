import "server-only";
import { authorizationCodeGrant } from "openid-client";
import { describeOidcFailure } from "@/lib/auth/oidc/describe-oidc-failure";
import { discoverProvider } from "@/lib/auth/oidc/discover-provider";
import { findOidcAccount } from "@/lib/auth/oidc/find-oidc-account";
import { oidcClaimsSchema } from "@/lib/auth/oidc/oidc-claims";
import type { OidcFlow } from "@/lib/auth/oidc/oidc-flow";
import type { OidcSettings } from "@/lib/auth/oidc/oidc-settings";
import { createSession } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Completes a sign-on: checks the provider's reply against the attempt this
 * browser started (state), exchanges the code with the PKCE verifier, verifies
 * the ID token (signature, issuer, audience, nonce, lifetime), finds the
 * account and starts a session exactly as password sign-in does.
 * `callbackUrl` is the return address with the reply's query string.
 * Throws AppError with a message for the person signing in on any failure.
 */
export async function completeOidcSignIn(options: { db: Db; settings: OidcSettings; flow: OidcFlow | null; callbackUrl: URL }) {
  const { db, settings, flow, callbackUrl } = options;
  const restart = `Start again with "Sign in with ${settings.displayName}".`;
  if (!flow) {
    throw new AppError(
      "bad_request",
      `This sign-in with ${settings.displayName} has expired or was started in another browser (it must be finished within 10 minutes, in the browser that started it). ${restart}`,
    );
  }
  // Checked here as well as by openid-client, to say plainly what happened.
  if (callbackUrl.searchParams.get("state") !== flow.state) {
    throw new AppError(
      "bad_request",
      `The reply from ${settings.displayName} does not belong to the sign-in this browser started, so it was refused to protect your account. ${restart}`,
    );
  }
  let claims: unknown;
  try {
    const provider = await discoverProvider(settings);
    const tokens = await authorizationCodeGrant(provider, callbackUrl, {
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      pkceCodeVerifier: flow.codeVerifier,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (error) {
    throw describeOidcFailure(error, settings);
  }
  const parsed = oidcClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    throw new AppError("bad_gateway", `${settings.displayName} sent an ID token without a usable subject, so the sign-in was refused. Ask an administrator to check the provider's settings.`);
  }

  const user = await findOidcAccount(db, { claims: parsed.data, settings });
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  const session = await createSession(db, user.id);
  return { ...session, next: flow.next, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
