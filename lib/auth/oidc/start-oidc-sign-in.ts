import "server-only";
import { buildAuthorizationUrl, calculatePKCECodeChallenge, randomNonce, randomPKCECodeVerifier, randomState } from "openid-client";
import { describeOidcFailure } from "@/lib/auth/oidc/describe-oidc-failure";
import { discoverProvider } from "@/lib/auth/oidc/discover-provider";
import { sealOidcFlow } from "@/lib/auth/oidc/oidc-flow";
import type { OidcSettings } from "@/lib/auth/oidc/oidc-settings";

/** Claims CAM reads: the subject (openid), email and email_verified (email), name (profile). */
const SCOPE = "openid email profile";

/**
 * Starts an authorization-code sign-in with PKCE (S256), state and nonce.
 * Returns the provider address to send the browser to and the sealed attempt
 * for the flow cookie. Throws AppError when the provider cannot be reached.
 */
export async function startOidcSignIn(options: { settings: OidcSettings; redirectUri: URL; next: string }) {
  const provider = await discoverProvider(options.settings).catch((error: unknown) => {
    throw describeOidcFailure(error, options.settings);
  });
  const flow = { state: randomState(), nonce: randomNonce(), codeVerifier: randomPKCECodeVerifier(), next: options.next };
  const authorizationUrl = buildAuthorizationUrl(provider, {
    redirect_uri: options.redirectUri.href,
    response_type: "code",
    scope: SCOPE,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: "S256",
  });
  return { authorizationUrl, sealedFlow: sealOidcFlow(flow) };
}
